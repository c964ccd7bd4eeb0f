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
import { type Ctx } from './types';

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

/** The filtered projects in a ranking's order. */
export interface Ranking {
  sort: RankSort;
  projects: ProjectHeadline[];
}

export interface DashboardRankings {
  /** By forecast NPV, highest first (the NPV-by-project chart). */
  byNpv: ProjectHeadline[];
  /** The ranking table, in the order asked for. */
  ranking: Ranking;
}

export interface Dashboard {
  filter: DashboardFilter;
  metrics: AggregateMetrics;
  /** Only when asked for (a directorate's dashboard): sorting a whole portfolio nobody lists is wasted work. */
  rankings: DashboardRankings | null;
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
 * NPVs add up to the portfolio's). They come from the same engine pass as the portfolio figures.
 */
function directorateFigures(m: AggregateMetrics): DirectorateFigures[] {
  const named = new Map<string, { name: string; projectCount: number }>();
  for (const { project } of m.projects) {
    const entry = named.get(project.directorateCode) ?? { name: project.directorateName, projectCount: 0 };
    entry.projectCount++;
    named.set(project.directorateCode, entry);
  }
  return [...named.entries()].map(([code, { name, projectCount }]) => {
    const figures = m.directorates.get(code)!;
    return { code, name, projectCount, forecast: figures.forecast, realisation: figures.realisation };
  });
}

function counts<K>(order: K[], keys: K[]): { key: K; count: number }[] {
  return order.map((key) => ({ key, count: keys.filter((k) => k === key).length }));
}

/** Everything a dashboard shows for the filtered projects; with a `sort`, their rankings too. */
export async function getDashboard(ctx: Ctx, f: DashboardFilter, sort?: RankSort): Promise<Dashboard> {
  const metrics = await getPortfolioMetrics(
    ctx,
    { directorateCode: f.directorateCode, status: f.status, fromFy: f.fromFy, toFy: f.toFy },
    { asAt: f.asAt, riskAdjusted: f.riskAdjusted },
  );
  return dashboardFrom(f, metrics, sort);
}

function rankingsOf(projects: ProjectHeadline[], sort: RankSort): DashboardRankings {
  const byNpv = rankProjects(projects, BY_NPV);
  const sameAsNpv = sort.key === BY_NPV.key && sort.dir === BY_NPV.dir;
  return { byNpv, ranking: { sort, projects: sameAsNpv ? byNpv : rankProjects(projects, sort) } };
}

function dashboardFrom(f: DashboardFilter, metrics: AggregateMetrics, sort?: RankSort): Dashboard {
  return {
    filter: f,
    metrics,
    rankings: sort ? rankingsOf(metrics.projects, sort) : null,
    benefitsByYear: benefitSeries(metrics, f),
    payback: paybackSeries(metrics, f),
    directorates: directorateFigures(metrics),
    vfmCounts: counts(
      VFM_ORDER,
      metrics.projects.map((p) => p.views.forecast.vfmCategory),
    ).map((c) => ({ category: c.key, count: c.count })),
    ragCounts: counts(
      RAG_ORDER,
      metrics.projects.map((p) => p.views.realisation.rag),
    ).map((c) => ({ rag: c.key, count: c.count })),
  };
}

// ## Rankings and exceptions

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
  exceptions: ProjectException[];
}

/** One directorate's share of portfolio metrics: its projects' rows and its aggregate, from the same pass and base year. */
function directorateMetrics(m: AggregateMetrics, code: string): AggregateMetrics {
  const figures = m.directorates.get(code)!;
  return {
    ...figures,
    settings: m.settings,
    projects: m.projects.filter((p) => p.project.directorateCode === code),
    directorates: new Map([[code, figures]]),
  };
}

export async function getScrutinyReport(ctx: Ctx, f: DashboardFilter): Promise<ScrutinyReport> {
  const portfolio = await getDashboard(ctx, f);
  const sections = portfolio.directorates.map((d) =>
    dashboardFrom({ ...f, directorateCode: d.code }, directorateMetrics(portfolio.metrics, d.code), BY_NPV),
  );
  return { portfolio, sections, exceptions: findExceptions(portfolio.metrics.projects) };
}
