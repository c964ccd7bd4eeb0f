/**
 * The C6 indicators of a project, a directorate or the portfolio, as at a date. Loads the yearly
 * totals, then hands them to the pure finance engine; nothing here does money arithmetic itself.
 */
import * as projectsRepo from '../repositories/projects';
import * as flowsRepo from '../repositories/flows';
import * as summariesRepo from '../repositories/summaries';
import type { ProjectFilter } from '../repositories/projects';
import { appraise, costVariance, PROJECT_VIEWS, projectYearAmounts, realisation } from '../finance';
import { clipSeries, seriesViewSet, type SeriesBasis } from '../finance/series-figures';
import { projectYearSeries, sumSeries, type YearSeries } from '../finance/year-series';
import { verifiedOnlyFlows, verifiedShare, type VerifiedShare } from '../finance/verified';
import { projectRule } from './headlines';
import * as decisionsRepo from '../repositories/decisions';
import { appraiseBaseline, seriesBaseline } from '../finance/baseline';
import type { Appraisal, DiscountRule, HeadlineViewSet, ProjectFlows, ViewSet } from '../finance/types';
import { fyOfDate } from '../financial-year';
import { groupFlows } from './flows';
import { getOrgSettings, type OrgSettings } from './settings';
import { getProject } from './projects';
import { getDirectorate } from './directorates';
import { ValidationError } from '../errors';
import { FinanceInputError } from '../finance/types';
import type { Ctx } from './types';
import type { Project } from '../records';

export interface MetricsOptions {
  /** ISO date; its financial year is the as-at year (C6). */
  asAt: string;
  riskAdjusted: boolean;
  /** C10: count verified realisations only (default: all). */
  verifiedOnly?: boolean;
}

export type { ViewSet };

export interface MetricsSettings {
  asAt: string;
  asAtFy: number;
  riskAdjusted: boolean;
  /** C10: whether only verified realisations count. */
  verifiedOnly: boolean;
  baseFy: number;
  discountRule: DiscountRule;
  /** True when the project's own constant rate replaced the organisation's rule. */
  projectRate: boolean;
  optimismBias: Project['optimismBias'] | null;
  priceBasis: OrgSettings['priceBasis'];
}

export interface ProjectMetrics extends ViewSet {
  project: Project;
  settings: MetricsSettings;
  /** C9: the business case of the latest baseline on its frozen basis; null before approval. */
  baseline: Appraisal | null;
  baselineNumber: number | null;
  /** What the latest baseline froze besides its flows (null before approval). */
  baselineBasis: BaselineBasisInfo | null;
  /** C10: realised to date and the verified part of it (whatever verifiedOnly says). */
  verifiedShare: VerifiedShare;
}

function projectViews(
  flows: ProjectFlows,
  rule: DiscountRule,
  org: OrgSettings,
  opts: { asAtFy: number; riskAdjusted: boolean },
): ViewSet {
  const [businessCase, forecast, toDate] = PROJECT_VIEWS.map((view) =>
    appraise({ baseFy: flows.baseFy, years: projectYearAmounts(flows, view, opts), rule, bands: org.vfmBands }),
  );
  return {
    businessCase,
    forecast,
    toDate,
    realisation: realisation(flows, opts.asAtFy, org.rag),
    costVariance: costVariance(flows, opts.asAtFy),
  };
}

export async function getProjectMetrics(ctx: Ctx, code: string, o: MetricsOptions): Promise<ProjectMetrics> {
  const project = await getProject(ctx, code);
  const [org, rows] = await Promise.all([getOrgSettings(ctx), flowsRepo.loadFlowRows(ctx.db, [project.id])]);
  return projectMetrics(project, groupFlows([project], rows).get(project.id)!, org, o);
}

/** A project's C6 indicators from flows and settings already loaded (the project page loads them with the rest). */
export function projectMetrics(
  project: Project,
  flows: ProjectFlows,
  org: OrgSettings,
  o: MetricsOptions,
): ProjectMetrics {
  const rule = projectRule(project, org);
  const asAtFy = fyOfDate(o.asAt);
  const frozen = flows.baseline ?? null;
  const verifiedOnly = o.verifiedOnly ?? false;
  return {
    project,
    // C9: the baseline view, with the baseline's own base year, optimism bias and discount rule.
    baseline: frozen ? appraiseBaseline(frozen, org.vfmBands, o.riskAdjusted) : null,
    baselineNumber: frozen?.number ?? null,
    baselineBasis: frozen ? { baseFy: frozen.baseFy, rule: frozen.rule, optimismBias: frozen.optimismBias } : null,
    // C10: verifiedOnly appraises the flows without their unverified realisations.
    ...projectViews(verifiedOnly ? verifiedOnlyFlows(flows) : flows, rule, org, {
      asAtFy,
      riskAdjusted: o.riskAdjusted,
    }),
    verifiedShare: verifiedShare(projectYearSeries(flows), asAtFy),
    settings: {
      asAt: o.asAt,
      asAtFy,
      riskAdjusted: o.riskAdjusted,
      verifiedOnly,
      baseFy: project.baseFy,
      discountRule: rule,
      projectRate: project.discountRate !== null,
      optimismBias: project.optimismBias,
      priceBasis: org.priceBasis,
    },
  };
}

export interface AggregateFilter extends ProjectFilter {
  /** Only flows in financial years within [fromFy, toFy] count. */
  fromFy?: number;
  toFy?: number;
}

export interface ProjectHeadline {
  project: Project;
  views: HeadlineViewSet;
}

export interface DirectorateAggregate extends ViewSet {
  directorateId: number;
  name: string;
  projectCount: number;
  /** C10: the directorate's own realised to date and its verified part (a report section's tile). */
  verifiedShare: VerifiedShare;
}

export interface AggregateMetrics extends ViewSet {
  settings: MetricsSettings;
  filter: AggregateFilter;
  projectCount: number;
  /** The same aggregate per directorate (code → figures), from the same common base year, by name. */
  directorates: Map<string, DirectorateAggregate>;
  /** C6 Contributions: what each project's row is appraised on to add up to these figures. */
  basis: SeriesBasis;
  /** C10: realised to date and the verified part of it, over the filtered years. */
  verifiedShare: VerifiedShare;
  /**
   * C9: the baseline view over the filtered projects that have a baseline (their latest baselines'
   * flows summed, appraised once on the aggregate's basis, C6); null when none has one.
   */
  baseline: Appraisal | null;
  projectsWithoutBaseline: number;
}

export interface BaselineBasisInfo {
  baseFy: number;
  rule: DiscountRule;
  optimismBias: Project['optimismBias'];
}

/**
 * C6 aggregates from the C8 summaries: the filtered projects' series summed per directorate and
 * year in SQL, each directorate appraised once and the whole once, from a common base year under
 * the organisation's rule. Nothing here reads the ledger, so the cost does not grow with its rows.
 */
export async function getAggregateMetrics(
  ctx: Ctx,
  filter: AggregateFilter,
  o: MetricsOptions & { baseFy?: number },
): Promise<AggregateMetrics> {
  const [org, counts, sums] = await Promise.all([
    getOrgSettings(ctx),
    projectsRepo.countByDirectorate(ctx.db, filter),
    summariesRepo.sumsByDirectorate(ctx.db, filter),
  ]);
  const asAtFy = fyOfDate(o.asAt);
  const verifiedOnly = o.verifiedOnly ?? false;
  const opts = { asAtFy, riskAdjusted: o.riskAdjusted, verifiedOnly };
  const fallback = filter.fromFy ?? asAtFy;
  const baseFy = o.baseFy ?? (counts.length ? Math.min(...counts.map((c) => c.earliestBaseFy)) : fallback);
  const basis: SeriesBasis = { baseFy, rule: org.discountRule, bands: org.vfmBands, rag: org.rag };
  const byDirectorate = new Map<number, YearSeries[]>();
  for (const y of sums) {
    const list = byDirectorate.get(y.directorateId) ?? [];
    list.push(y);
    byDirectorate.set(y.directorateId, list);
  }
  const clipped = (series: readonly YearSeries[]) => clipSeries(series, filter.fromFy, filter.toFy);
  const directorates = new Map<string, DirectorateAggregate>();
  for (const c of counts) {
    const own = clipped(byDirectorate.get(c.directorateId) ?? []);
    const figures = seriesViewSet(own, basis, opts);
    directorates.set(c.code, {
      ...figures,
      verifiedShare: verifiedShare(own, asAtFy),
      directorateId: c.directorateId,
      name: c.name,
      projectCount: c.projectCount,
    });
  }
  const summed = clipped(sumSeries(sums));
  const aggregate = seriesViewSet(summed, basis, opts);
  const projectCount = counts.reduce((n, c) => n + c.projectCount, 0);
  const projectsWithoutBaseline = await decisionsRepo.countWithoutBaseline(ctx.db, filter);
  return {
    ...aggregate,
    baseline: projectsWithoutBaseline < projectCount ? aggregateBaseline(summed, basis, o.riskAdjusted) : null,
    projectsWithoutBaseline,
    verifiedShare: verifiedShare(summed, asAtFy),
    filter,
    projectCount: counts.reduce((n, c) => n + c.projectCount, 0),
    directorates,
    basis,
    settings: {
      asAt: o.asAt,
      asAtFy,
      riskAdjusted: o.riskAdjusted,
      verifiedOnly,
      baseFy: aggregate.businessCase.years[0]?.fy ?? fallback,
      discountRule: org.discountRule,
      projectRate: false,
      optimismBias: null,
      priceBasis: org.priceBasis,
    },
  };
}

/**
 * C9 + C6: the baseline view of an aggregate from its summed series, on the aggregate's basis (the
 * organisation's rule). A baseline frozen with an earlier base year than any included project has
 * now starts the count there, so no baselined flow falls before the base year (C3).
 */
function aggregateBaseline(series: readonly YearSeries[], basis: SeriesBasis, riskAdjusted: boolean): Appraisal {
  const first = series.find((y) => y.hasBaselinePlanned || y.hasBaselineExpected)?.fy;
  const baseFy = first === undefined ? basis.baseFy : Math.min(basis.baseFy, first);
  return seriesBaseline(series, { baseFy, rule: basis.rule, bands: basis.bands }, riskAdjusted);
}

export interface PortfolioQuery {
  directorateCode?: string;
  status?: Project['status'];
  /** Name or code contains (the project list's search). */
  search?: string;
  fromFy?: number;
  toFy?: number;
}

/** Portfolio (or filtered) aggregate; FinanceInputError (e.g. a base year after a flow) becomes a field error. */
export async function getPortfolioMetrics(
  ctx: Ctx,
  q: PortfolioQuery,
  o: MetricsOptions & { baseFy?: number },
): Promise<AggregateMetrics> {
  let directorateId: number | undefined;
  if (q.directorateCode) directorateId = (await getDirectorate(ctx, q.directorateCode)).id;
  if (q.fromFy !== undefined && q.toFy !== undefined && q.fromFy > q.toFy)
    throw new ValidationError({ to: 'The end year must not be before the start year' }, undefined, 400);
  try {
    return await getAggregateMetrics(
      ctx,
      { directorateId, status: q.status, search: q.search, fromFy: q.fromFy, toFy: q.toFy },
      o,
    );
  } catch (err) {
    if (err instanceof FinanceInputError) throw new ValidationError({ baseYear: err.message }, undefined, 400);
    throw err;
  }
}
