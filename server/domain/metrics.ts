/**
 * The C6 indicators of a project, a directorate or the portfolio, as at a date. Loads the yearly
 * totals, then hands them to the pure finance engine; nothing here does money arithmetic itself.
 */
import * as projectsRepo from '../repositories/projects';
import * as flowsRepo from '../repositories/flows';
import type { ProjectFilter } from '../repositories/projects';
import {
  appraise,
  appraisePortfolio,
  costVariance,
  PROJECT_VIEWS,
  projectYearAmounts,
  realisation,
  type PortfolioResult,
} from '../finance';
import type { DiscountRule, HeadlineViewSet, ProjectFlows, ViewSet } from '../finance/types';
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
}

export type { ViewSet };

export interface MetricsSettings {
  asAt: string;
  asAtFy: number;
  riskAdjusted: boolean;
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
}

function projectRule(project: Project, org: OrgSettings): DiscountRule {
  // C3: a project may set one constant rate instead of the organisation's rule.
  return project.discountRate === null ? org.discountRule : { kind: 'constant', rate: project.discountRate };
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
  return {
    project,
    ...projectViews(flows, rule, org, { asAtFy, riskAdjusted: o.riskAdjusted }),
    settings: {
      asAt: o.asAt,
      asAtFy,
      riskAdjusted: o.riskAdjusted,
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

export interface AggregateMetrics extends ViewSet {
  settings: MetricsSettings;
  projects: ProjectHeadline[];
  /** The same aggregate per directorate (code → figures), from the same common base year. */
  directorates: PortfolioResult['groups'];
}

function clipFlows(flows: ProjectFlows, fromFy?: number, toFy?: number): ProjectFlows {
  if (fromFy === undefined && toFy === undefined) return flows;
  const keep = (fy: number) => (fromFy === undefined || fy >= fromFy) && (toFy === undefined || fy <= toFy);
  return {
    ...flows,
    costs: flows.costs.filter((c) => keep(c.fy)),
    benefits: flows.benefits.map((b) => ({
      ...b,
      expected: b.expected.filter((e) => keep(e.fy)),
      realised: b.realised.filter((r) => keep(r.fy)),
    })),
  };
}

/**
 * C6 aggregates: each project's flows built as for its own view, summed per year and appraised
 * once from a common base year under the organisation's rule, for the whole and per directorate.
 * Per-project headlines use each project's own rule, as on its own page. One engine pass does all.
 */
export async function getAggregateMetrics(
  ctx: Ctx,
  filter: AggregateFilter,
  o: MetricsOptions & { baseFy?: number },
): Promise<AggregateMetrics> {
  const projects = await projectsRepo.list(ctx.db, filter);
  const [org, rows] = await Promise.all([
    getOrgSettings(ctx),
    flowsRepo.loadFlowRows(
      ctx.db,
      projects.map((p) => p.id),
    ),
  ]);
  const grouped = groupFlows(projects, rows);
  const asAtFy = fyOfDate(o.asAt);
  const opts = { asAtFy, riskAdjusted: o.riskAdjusted };
  const fallback = filter.fromFy ?? asAtFy;
  const result = appraisePortfolio({
    projects: projects.map((project) => ({
      flows: clipFlows(grouped.get(project.id)!, filter.fromFy, filter.toFy),
      rule: projectRule(project, org),
      group: project.directorateCode,
    })),
    opts,
    rule: org.discountRule,
    bands: org.vfmBands,
    rag: org.rag,
    baseFyOverride: o.baseFy,
    fallbackBaseFy: fallback,
  });
  const aggregate = result.aggregate;
  return {
    ...aggregate,
    projects: projects.map((project, i) => ({ project, views: result.projects[i] })),
    directorates: result.groups,
    settings: {
      asAt: o.asAt,
      asAtFy,
      riskAdjusted: o.riskAdjusted,
      baseFy: aggregate.businessCase.years[0]?.fy ?? fallback,
      discountRule: org.discountRule,
      projectRate: false,
      optimismBias: null,
      priceBasis: org.priceBasis,
    },
  };
}

export interface PortfolioQuery {
  directorateCode?: string;
  status?: Project['status'];
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
    return await getAggregateMetrics(ctx, { directorateId, status: q.status, fromFy: q.fromFy, toFy: q.toFy }, o);
  } catch (err) {
    if (err instanceof FinanceInputError) throw new ValidationError({ baseYear: err.message }, undefined, 400);
    throw err;
  }
}
