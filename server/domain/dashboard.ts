/**
 * Read-only figures behind the scrutiny dashboards and the board report, built on the C6
 * aggregates of metrics.ts: yearly series, per-directorate aggregates, counts by value-for-money
 * category and realisation RAG, rankings and exceptions. Nothing here writes, and every amount
 * stays a Decimal (C1): the presenters round once, for display.
 */
import { Decimal, ZERO } from '../money';
import type { Appraisal, Rag, RealisationResult, VfmCategory } from '../finance/types';
import { BY_NPV, rankProjects, type RankKey, type RankSort, type SortDir } from '../finance/ranking';
import type { DashboardFilter } from '../validation/dashboard-query.schema';
import { getPortfolioMetrics, type AggregateMetrics, type ProjectHeadline } from './metrics';
import { allProjectRows, projectRows, type ProjectRow, type RowSource } from './project-rows';
import { type Ctx } from './types';
import { memoised } from './read-memo';

// ## Filters

export type { DashboardFilter };

// ## Dashboard figures

export interface BenefitYear {
  fy: number;
  /** Business-case view: expected benefits, risk-adjusted if the filter says so (C5). */
  expected: Decimal;
  /** To-date view: realised benefits; null after the as-at year. */
  realised: Decimal | null;
  cumulativeExpected: Decimal;
  cumulativeRealised: Decimal | null;
}

export interface PaybackYear {
  fy: number;
  /** Forecast view, undiscounted: actuals before the as-at year, plans from it (C6). */
  cumulativeCosts: Decimal;
  cumulativeBenefits: Decimal;
  cumulativeNet: Decimal;
}

export interface DirectorateFigures {
  code: string;
  name: string;
  projectCount: number;
  /** Forecast view of the directorate's projects, appraised once from the dashboard's common base year. */
  forecast: Appraisal;
  realisation: RealisationResult;
}

/** The first rows of the filtered projects in a ranking's order; the full list is the project list's. */
export interface Ranking {
  sort: RankSort;
  projects: ProjectRow[];
  total: number;
}

/** How many projects each end of a ranking shows: pages are sized for people, not for the portfolio. */
export const TOP = 10;
/** How many of the largest projects the cost and value chart plots. */
export const LARGEST = 50;

export interface DashboardRankings {
  /** By forecast NPV, highest first: every project when there are at most 2 × TOP, else the TOP highest and lowest. */
  byNpv: ProjectRow[];
  /** The ranking table: its first TOP rows in the order asked for. */
  ranking: Ranking;
}

/** The top and bottom projects by forecast NPV and by realisation to date (TOP each). */
export interface Highlights {
  npvHighest: ProjectRow[];
  npvLowest: ProjectRow[];
  realisationHighest: ProjectRow[];
  realisationLowest: ProjectRow[];
}

export interface Dashboard {
  filter: DashboardFilter;
  metrics: AggregateMetrics;
  highlights: Highlights;
  /** Only when asked for (a directorate's dashboard and the board report's sections). */
  rankings: DashboardRankings | null;
  /** The LARGEST projects by forecast whole-life cost, for the cost and value chart. */
  largest: ProjectHeadline[];
  benefitsByYear: BenefitYear[];
  payback: PaybackYear[];
  directorates: DirectorateFigures[];
  vfmCounts: { category: VfmCategory | null; count: number }[];
  ragCounts: { rag: Rag | null; count: number }[];
}

const VFM_ORDER: (VfmCategory | null)[] = ['Very High', 'High', 'Medium', 'Low', 'Poor', 'Negative', null];
const RAG_ORDER: (Rag | null)[] = ['green', 'amber', 'red', null];

function inRange(fy: number, f: DashboardFilter): boolean {
  return (f.fromFy === undefined || fy >= f.fromFy) && (f.toFy === undefined || fy <= f.toFy);
}

function byFy(a: Appraisal): Map<number, Appraisal['years'][number]> {
  return new Map(a.years.map((y) => [y.fy, y]));
}

function benefitSeries(m: AggregateMetrics, f: DashboardFilter): BenefitYear[] {
  const bc = byFy(m.businessCase);
  const td = byFy(m.toDate);
  const fys = [...new Set([...bc.keys(), ...td.keys()])].filter((fy) => inRange(fy, f)).sort((a, b) => a - b);
  let cumExpected = ZERO;
  let cumRealised = ZERO;
  return fys.map((fy) => {
    const expected = bc.get(fy)?.benefits ?? ZERO;
    const realised = fy <= m.settings.asAtFy ? (td.get(fy)?.benefits ?? ZERO) : null;
    cumExpected = cumExpected.plus(expected);
    if (realised !== null) cumRealised = cumRealised.plus(realised);
    return {
      fy,
      expected,
      realised,
      cumulativeExpected: cumExpected,
      cumulativeRealised: realised === null ? null : cumRealised,
    };
  });
}

function paybackSeries(m: AggregateMetrics, f: DashboardFilter): PaybackYear[] {
  let costs = ZERO;
  let benefits = ZERO;
  return m.forecast.years
    .filter((y) => inRange(y.fy, f))
    .map((y) => {
      costs = costs.plus(y.costs);
      benefits = benefits.plus(y.benefits);
      return { fy: y.fy, cumulativeCosts: costs, cumulativeBenefits: benefits, cumulativeNet: benefits.minus(costs) };
    });
}

/**
 * C6 aggregates per directorate: each directorate's flows summed per year and appraised once, all
 * from the dashboard's common base year, so the directorates compare like with like (and their
 * NPVs add up to the portfolio's). They come from the same sums as the portfolio figures.
 */
function directorateFigures(m: AggregateMetrics): DirectorateFigures[] {
  return [...m.directorates.entries()].map(([code, d]) => ({
    code,
    name: d.name,
    projectCount: d.projectCount,
    forecast: d.forecast,
    realisation: d.realisation,
  }));
}

/** Everything a dashboard shows for the filtered projects; with a `sort`, their rankings too. */
export async function getDashboard(ctx: Ctx, f: DashboardFilter, sort?: RankSort): Promise<Dashboard> {
  return memoised(ctx.db, `dashboard ${JSON.stringify([f, sort ?? null])}`, () => computeDashboard(ctx, f, sort));
}

async function computeDashboard(ctx: Ctx, f: DashboardFilter, sort?: RankSort): Promise<Dashboard> {
  const metrics = await getPortfolioMetrics(
    ctx,
    { directorateCode: f.directorateCode, status: f.status, fromFy: f.fromFy, toFy: f.toFy },
    { asAt: f.asAt, riskAdjusted: f.riskAdjusted, verifiedOnly: f.verifiedOnly },
  );
  return dashboardFrom(f, metrics, await projectRows(ctx, metrics), sort);
}

/** The rankings, reusing the highlights' NPV ends rather than asking for them again. */
async function rankingsOf(source: RowSource, total: number, sort: RankSort, h: Highlights): Promise<DashboardRankings> {
  const sameAsNpv = sort.key === BY_NPV.key && sort.dir === BY_NPV.dir;
  const ranking = sameAsNpv ? h.npvHighest : (await source.page(sort, TOP)).rows;
  const byNpv =
    total <= 2 * TOP ? (await source.page(BY_NPV, 2 * TOP)).rows : [...h.npvHighest, ...[...h.npvLowest].reverse()];
  return { byNpv, ranking: { sort, projects: ranking, total } };
}

async function highlightsOf(source: RowSource): Promise<Highlights> {
  const [npvHighest, npvLowest, realisationHighest, realisationLowest] = await Promise.all([
    source.page({ key: 'npv', dir: 'desc' }, TOP),
    source.page({ key: 'npv', dir: 'asc' }, TOP),
    source.page({ key: 'realisation', dir: 'desc' }, TOP),
    source.page({ key: 'realisation', dir: 'asc' }, TOP),
  ]);
  return {
    npvHighest: npvHighest.rows,
    npvLowest: npvLowest.rows,
    realisationHighest: realisationHighest.rows,
    realisationLowest: realisationLowest.rows,
  };
}

async function dashboardFrom(
  f: DashboardFilter,
  metrics: AggregateMetrics,
  source: RowSource,
  sort?: RankSort,
): Promise<Dashboard> {
  const highlights = await highlightsOf(source);
  const [rankings, largest, counted] = await Promise.all([
    sort ? rankingsOf(source, metrics.projectCount, sort, highlights) : null,
    source.headlines({ key: 'cost', dir: 'desc' }, LARGEST),
    source.counts(),
  ]);
  return {
    filter: f,
    metrics,
    highlights,
    rankings,
    largest,
    benefitsByYear: benefitSeries(metrics, f),
    payback: paybackSeries(metrics, f),
    directorates: directorateFigures(metrics),
    vfmCounts: VFM_ORDER.map((category) => ({ category, count: counted.vfm.get(category) ?? 0 })),
    ragCounts: RAG_ORDER.map((rag) => ({ rag, count: counted.rag.get(rag) ?? 0 })),
  };
}

// ## Rankings and exceptions

/** A dashboard with every project of its ranking in order, where the page shows the first TOP (its download, issue 19). */
export async function getRankingRows(
  ctx: Ctx,
  f: DashboardFilter,
  sort: RankSort,
): Promise<{ dashboard: Dashboard; rows: ProjectRow[] }> {
  const dashboard = await getDashboard(ctx, f, sort);
  return { dashboard, rows: await allProjectRows(ctx, dashboard.metrics, sort) };
}

export type { RankKey, RankSort, SortDir };

/** A cost overrun above this share of planned cost to date is an exception. */
export const OVERRUN_LIMIT = new Decimal('0.10');
const ONE = new Decimal(1);

export interface ProjectException {
  headline: ProjectHeadline;
  redRealisation: boolean;
  poorBcr: boolean;
  overrun: boolean;
}

/** Red realisation, forecast BCR below 1, or cost overrun above 10% to date. */
export function findExceptions(projects: readonly ProjectHeadline[]): ProjectException[] {
  return projects
    .map((headline) => {
      const v = headline.views;
      return {
        headline,
        redRealisation: v.realisation.rag === 'red',
        poorBcr: v.forecast.bcr !== null && v.forecast.bcr.lt(ONE),
        overrun: v.costVariance.varianceRatio !== null && v.costVariance.varianceRatio.gt(OVERRUN_LIMIT),
      };
    })
    .filter((e) => e.redRealisation || e.poorBcr || e.overrun);
}

// ## Board report

export interface ScrutinyReport {
  portfolio: Dashboard;
  /** One per directorate with projects in scope, all from the portfolio's base year. */
  sections: Dashboard[];
  /** The first EXCEPTIONS_SHOWN exceptions, lowest realisation first: a paper, not a register. */
  exceptions: ProjectException[];
  /** How many projects are exceptions in all. */
  exceptionCount: number;
}

/** How many exceptions the board report lists; the project list, sorted by realisation, has them all. */
export const EXCEPTIONS_SHOWN = 25;

/** One directorate's share of portfolio metrics: its aggregate from the same sums and base year. */
function directorateMetrics(m: AggregateMetrics, code: string): AggregateMetrics {
  const figures = m.directorates.get(code)!;
  const directorateId = figures.directorateId;
  return {
    ...m,
    ...figures,
    settings: m.settings,
    filter: { ...m.filter, directorateId },
    projectCount: figures.projectCount,
    directorates: new Map([[code, figures]]),
  };
}

export async function getScrutinyReport(ctx: Ctx, f: DashboardFilter): Promise<ScrutinyReport> {
  return memoised(ctx.db, `report ${JSON.stringify(f)}`, () => computeScrutinyReport(ctx, f));
}

async function computeScrutinyReport(ctx: Ctx, f: DashboardFilter): Promise<ScrutinyReport> {
  const portfolio = await getDashboard(ctx, f);
  const sections: Dashboard[] = [];
  for (const d of portfolio.directorates) {
    const m = directorateMetrics(portfolio.metrics, d.code);
    sections.push(await dashboardFrom({ ...f, directorateCode: d.code }, m, await projectRows(ctx, m), BY_NPV));
  }
  const source = await projectRows(ctx, portfolio.metrics);
  const candidates = await source.exceptionCandidates(OVERRUN_LIMIT);
  const found = new Map(findExceptions(candidates).map((e) => [e.headline, e]));
  const all = rankProjects([...found.keys()], { key: 'realisation', dir: 'asc' }).map((h) => found.get(h)!);
  return { portfolio, sections, exceptions: all.slice(0, EXCEPTIONS_SHOWN), exceptionCount: all.length };
}
