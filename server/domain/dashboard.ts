/**
 * Read-only figures behind the scrutiny dashboards and the board report, built on the C6
 * aggregates of metrics.ts: yearly series, per-directorate aggregates, counts by value-for-money
 * category and realisation RAG, rankings and exceptions. Nothing here writes, and every amount
 * stays a Decimal (C1): the presenters round once, for display.
 */
import { Decimal, ZERO } from '../money';
import { realisation } from '../finance';
import type { Appraisal, ProjectFlows, Rag, RealisationResult, VfmCategory } from '../finance/types';
import { fyOfDate, parseFyInput, parseIsoDate, todayIso } from '../financial-year';
import { listDirectorates } from './directorates';
import { getPortfolioMetrics, type AggregateMetrics, type ProjectHeadline } from './metrics';
import { getOrgSettings } from './settings';
import type { ProjectDetail } from './project-detail';
import { type Ctx } from './types';
import { PROJECT_STATUSES, type ProjectStatus } from '../records';

// ## Filters

export interface DashboardFilter {
  directorateCode?: string;
  status?: ProjectStatus;
  fromFy?: number;
  toFy?: number;
  /** ISO date; its financial year is the as-at year (C6). */
  asAt: string;
  riskAdjusted: boolean;
}

export interface DashboardFilterInput {
  filter: DashboardFilter;
  /** Exactly what was asked for, to show in the form again. */
  values: { directorate: string; status: string; from: string; to: string; asAt: string; riskAdjusted: boolean };
  /** One message per field; the field's value is then ignored, never a 500. */
  errors: Record<string, string>;
}

function one(raw: Record<string, unknown>, name: string, label: string, errors: Record<string, string>): string {
  const v = raw[name];
  if (v === undefined) return '';
  if (typeof v !== 'string') {
    errors[name] = `Choose one ${label}`;
    return '';
  }
  return v.trim().slice(0, 40);
}

function financialYear(text: string, name: string, label: string, errors: Record<string, string>): number | undefined {
  if (text === '') return undefined;
  const r = parseFyInput(text);
  if (r.ok) return r.value;
  errors[name] = `${label}: ${r.error}`;
  return undefined;
}

/**
 * Reads the dashboard filters from a query string. A bad value gets a message and is ignored, so
 * the page still shows the unfiltered figures. `fixedDirectorate` is the directorate page's own.
 */
export async function readDashboardFilter(ctx: Ctx, raw: Record<string, unknown>, fixedDirectorate?: string): Promise<DashboardFilterInput> {
  const errors: Record<string, string> = {};
  const values = {
    directorate: fixedDirectorate ?? one(raw, 'directorate', 'directorate', errors).toUpperCase(),
    status: one(raw, 'status', 'status', errors),
    from: one(raw, 'from', 'start year', errors),
    to: one(raw, 'to', 'end year', errors),
    asAt: one(raw, 'asAt', 'as-at date', errors),
    riskAdjusted: ['true', 'on'].includes(one(raw, 'riskAdjusted', 'risk adjustment', errors)),
  };
  const filter: DashboardFilter = { asAt: todayIso(), riskAdjusted: values.riskAdjusted };
  if (values.directorate !== '') {
    const known = (await listDirectorates(ctx)).some((d) => d.code === values.directorate);
    if (known) filter.directorateCode = values.directorate;
    else errors.directorate = `There is no directorate with code ${values.directorate}`;
  }
  if (values.status !== '') {
    if ((PROJECT_STATUSES as readonly string[]).includes(values.status)) filter.status = values.status as ProjectStatus;
    else errors.status = 'Choose a status from the list';
  }
  filter.fromFy = financialYear(values.from, 'from', 'From year', errors);
  filter.toFy = financialYear(values.to, 'to', 'To year', errors);
  if (filter.fromFy !== undefined && filter.toFy !== undefined && filter.fromFy > filter.toFy) {
    errors.to = 'The "to" year must be the same as or after the "from" year';
    filter.fromFy = undefined;
    filter.toFy = undefined;
  }
  if (values.asAt !== '') {
    if (parseIsoDate(values.asAt)) filter.asAt = values.asAt;
    else errors.asAt = 'Enter the as-at date as a real date, like 2026-03-31';
  }
  return { filter, values, errors };
}

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

export interface Dashboard {
  filter: DashboardFilter;
  metrics: AggregateMetrics;
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
    return { fy, expected, realised, cumulativeExpected: cumExpected, cumulativeRealised: realised === null ? null : cumRealised };
  });
}

function paybackSeries(m: AggregateMetrics, f: DashboardFilter): PaybackYear[] {
  let costs = ZERO;
  let benefits = ZERO;
  return m.forecast.years.filter((y) => inRange(y.fy, f)).map((y) => {
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

/** Everything a dashboard shows for the filtered projects. */
export async function getDashboard(ctx: Ctx, f: DashboardFilter): Promise<Dashboard> {
  const metrics = await getPortfolioMetrics(ctx, { directorateCode: f.directorateCode, status: f.status, fromFy: f.fromFy, toFy: f.toFy }, { asAt: f.asAt, riskAdjusted: f.riskAdjusted });
  return dashboardFrom(f, metrics);
}

function dashboardFrom(f: DashboardFilter, metrics: AggregateMetrics): Dashboard {
  return {
    filter: f,
    metrics,
    benefitsByYear: benefitSeries(metrics, f),
    payback: paybackSeries(metrics, f),
    directorates: directorateFigures(metrics),
    vfmCounts: counts(VFM_ORDER, metrics.projects.map((p) => p.views.forecast.vfmCategory)).map((c) => ({ category: c.key, count: c.count })),
    ragCounts: counts(RAG_ORDER, metrics.projects.map((p) => p.views.realisation.rag)).map((c) => ({ rag: c.key, count: c.count })),
  };
}

// ## Rankings and exceptions

export const RANK_KEYS = ['npv', 'bcr', 'realisation'] as const;
export type RankKey = (typeof RANK_KEYS)[number];
export type SortDir = 'asc' | 'desc';

function rankValue(p: ProjectHeadline, key: RankKey): Decimal | null {
  if (key === 'npv') return p.views.forecast.npv;
  if (key === 'bcr') return p.views.forecast.bcr;
  return p.views.realisation.ratio;
}

/** Projects ordered by a forecast indicator; projects without a value always come last. */
export function rankProjects(projects: readonly ProjectHeadline[], key: RankKey, dir: SortDir): ProjectHeadline[] {
  return [...projects].sort((a, b) => {
    const va = rankValue(a, key);
    const vb = rankValue(b, key);
    if (va === null || vb === null) return va === vb ? a.project.code.localeCompare(b.project.code) : va === null ? 1 : -1;
    const c = dir === 'asc' ? va.comparedTo(vb) : vb.comparedTo(va);
    return c !== 0 ? c : a.project.code.localeCompare(b.project.code);
  });
}

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
  return { ...figures, settings: m.settings, projects: m.projects.filter((p) => p.project.directorateCode === code), directorates: new Map([[code, figures]]) };
}

export async function getScrutinyReport(ctx: Ctx, f: DashboardFilter): Promise<ScrutinyReport> {
  const portfolio = await getDashboard(ctx, f);
  const sections = portfolio.directorates.map((d) => dashboardFrom({ ...f, directorateCode: d.code }, directorateMetrics(portfolio.metrics, d.code)));
  return { portfolio, sections, exceptions: findExceptions(portfolio.metrics.projects) };
}

// ## Project page

export interface BenefitRealisation {
  ref: string;
  title: string;
  type: 'cashable' | 'non_cashable';
  disbenefit: boolean;
  result: RealisationResult;
}

/** C6 realisation of each money benefit of a project, as at the date. */
export async function getBenefitRealisations(ctx: Ctx, detail: ProjectDetail, asAt: string): Promise<BenefitRealisation[]> {
  const org = await getOrgSettings(ctx);
  const asAtFy = fyOfDate(asAt);
  return detail.benefits.flatMap((b, i) => {
    const type = b.benefit.type;
    if (type === 'qualitative') return [];
    const flows: ProjectFlows = { ...detail.flows, benefits: [detail.flows.benefits[i]] };
    return [{ ref: b.benefit.ref, title: b.benefit.title, type, disbenefit: b.benefit.isDisbenefit, result: realisation(flows, asAtFy, org.rag) }];
  });
}

/** The ranking's sort from ?sort=npv|bcr|realisation&dir=asc|desc; anything else falls back to NPV, highest first. */
export function readSort(raw: Record<string, unknown>): { key: RankKey; dir: SortDir } {
  const key = (RANK_KEYS as readonly unknown[]).includes(raw.sort) ? (raw.sort as RankKey) : 'npv';
  const dir: SortDir = raw.dir === 'asc' ? 'asc' : 'desc';
  return { key, dir };
}
