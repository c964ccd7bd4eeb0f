/**
 * Everything the project page shows, loaded together: one read of each table, set-based (never one
 * query per benefit), the yearly totals through the flows repository, and every sum, cost variance
 * and indicator worked out once by the finance engine.
 */
import * as costLinesRepo from '../repositories/cost-lines';
import * as benefitsRepo from '../repositories/benefits';
import * as profilesRepo from '../repositories/benefit-profiles';
import * as flowsRepo from '../repositories/flows';
import * as realisationsRepo from '../repositories/realisations';
import { benefitTotals, realisation, yearTable, type SimpleTotals, type YearTableRow } from '../finance';
import type { ProjectFlows, RealisationResult } from '../finance/types';
import type { Decimal } from '../money';
import { fyOfDate, todayIso } from '../financial-year';
import { getProject, listManagerCandidates, listProjectManagers } from './projects';
import { projectFlows } from './flows';
import { benefitDetails, type BenefitDetail } from './benefits';
import { projectMetrics, type MetricsOptions, type ProjectMetrics } from './metrics';
import { projectPermissions, type ProjectPermissions } from './permissions';
import { getOrgSettings, type OrgSettings } from './settings';
import type { Ctx } from './types';
import { memoised } from './read-memo';
import type { CostLine, Project } from '../records';
import { verifiedOnlyFlows } from '../finance/verified';
import { projectFundingOf, type FundingSplit } from './funding';
import { benefitYearsOf } from './reforecasts';
import { decisionHistoryOf, type DecisionHistory } from './decisions';

export interface ProjectBenefit extends BenefitDetail {
  /** All years, as entered (a dis-benefit's amounts are positive here). */
  expectedTotal: Decimal;
  realisedTotal: Decimal;
}

export interface ProjectDetail {
  project: Project;
  costLines: CostLine[];
  benefits: ProjectBenefit[];
  /** The engine's flows, from the yearly totals; `flows.benefits[i]` is the series of `benefits[i]`. */
  flows: ProjectFlows;
  totals: SimpleTotals;
  /** Undiscounted figures per financial year, with cost variance (actual − planned) up to the as-at year (C6). */
  years: YearTableRow[];
  /** Actual − planned over the years up to and including the as-at year (C6). */
  costVariance: Decimal;
  /** The as-at year of the cost variance. */
  asAtFy: number;
}

/** C6 realisation of one money benefit as at the page's date. */
export interface BenefitRealisation {
  ref: string;
  title: string;
  type: 'cashable' | 'non_cashable';
  disbenefit: boolean;
  result: RealisationResult;
}

export interface ProjectPage extends ProjectDetail {
  metrics: ProjectMetrics;
  benefitRealisations: BenefitRealisation[];
  can: ProjectPermissions;
  managers: { id: number; name: string; email: string }[];
  managerCandidates: { id: number; name: string; email: string }[];
  /** Issue 19: capital and revenue by year, from the project's summaries. */
  funding: FundingSplit;
  /** C9: each money benefit's profile, latest re-forecast and realised amount per year. */
  benefitYears: Awaited<ReturnType<typeof benefitYearsOf>>;
  /** C9: the decisions and each baseline's figures. */
  decisionHistory: DecisionHistory;
}

async function loadDetail(ctx: Ctx, project: Project, asAtFy: number): Promise<ProjectDetail> {
  const [costLines, benefitRows, profiles, realisations, flowRows] = await Promise.all([
    costLinesRepo.listByProject(ctx.db, project.id),
    benefitsRepo.listByProject(ctx.db, project.id),
    profilesRepo.listByProject(ctx.db, project.id),
    realisationsRepo.listByProject(ctx.db, project.id),
    flowsRepo.loadFlowRows(ctx.db, [project.id]),
  ]);
  const flows = projectFlows(project, flowRows, benefitRows);
  const table = yearTable(flows, asAtFy);
  const benefits = benefitDetails(project, benefitRows, profiles, realisations).map((b, i) => {
    const sums = benefitTotals(flows.benefits[i]);
    return { ...b, expectedTotal: sums.expected, realisedTotal: sums.realised };
  });
  return {
    project,
    costLines,
    benefits,
    flows,
    totals: table.totals,
    years: table.years,
    costVariance: table.costVariance,
    asAtFy,
  };
}

/** `asAt`: the ISO date the cost variance is worked out to (C6); default today. */
export async function getProjectDetail(ctx: Ctx, code: string, asAt: string = todayIso()): Promise<ProjectDetail> {
  return loadDetail(ctx, await getProject(ctx, code), fyOfDate(asAt));
}

function benefitRealisations(
  detail: ProjectDetail,
  asAtFy: number,
  org: OrgSettings,
  verifiedOnly = false,
): BenefitRealisation[] {
  return detail.benefits.flatMap((b, i) => {
    const type = b.benefit.type;
    if (type === 'qualitative') return [];
    const one = detail.flows.benefits[i];
    const frozen = detail.flows.baseline;
    // C9: this benefit's own baselined profile (none if it was added after the latest baseline).
    const baseline = frozen ? { ...frozen, benefits: frozen.benefits.filter((x) => x.sourceId === one.id) } : null;
    const own: ProjectFlows = { ...detail.flows, benefits: [one], baseline };
    // C10: with verifiedOnly, each benefit's realisation counts its verified realisations only.
    const flows = verifiedOnly ? verifiedOnlyFlows(own) : own;
    return [
      {
        ref: b.benefit.ref,
        title: b.benefit.title,
        type,
        disbenefit: b.benefit.isDisbenefit,
        result: realisation(flows, asAtFy, org.rag),
      },
    ];
  });
}

/** The project page: the project, its lines, benefits, sums, indicators as at `o.asAt`, and who may do what. */
export async function getProjectPage(ctx: Ctx, code: string, o: MetricsOptions): Promise<ProjectPage> {
  // The figures are the same for every reader until the next write (read-memo.ts); who may do what is not.
  const figures = await memoised(ctx.db, `project ${code.toUpperCase()} ${JSON.stringify(o)}`, async () => {
    const project = await getProject(ctx, code);
    const [detail, org] = await Promise.all([loadDetail(ctx, project, fyOfDate(o.asAt)), getOrgSettings(ctx)]);
    const metrics = projectMetrics(project, detail.flows, org, o);
    return {
      detail,
      org,
      metrics,
      benefitRealisations: benefitRealisations(detail, metrics.settings.asAtFy, org, metrics.settings.verifiedOnly),
    };
  });
  const project = figures.detail.project;
  // The project, its benefits and the settings as read above: no second read of them (nor one per benefit).
  const [can, managers, managerCandidates, funding, benefitYears, decisionHistory] = await Promise.all([
    projectPermissions(ctx, ctx.db, project),
    listProjectManagers(ctx, project.id),
    listManagerCandidates(ctx),
    projectFundingOf(ctx, project),
    benefitYearsOf(ctx, figures.detail.benefits),
    decisionHistoryOf(ctx, project, figures.org),
  ]);
  return {
    ...figures.detail,
    metrics: figures.metrics,
    benefitRealisations: figures.benefitRealisations,
    can,
    managers,
    managerCandidates,
    funding,
    benefitYears,
    decisionHistory,
  };
}
