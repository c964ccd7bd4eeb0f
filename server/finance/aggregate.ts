/**
 * C6 aggregates (directorate, portfolio): flows are summed, then appraised once. Ratios are never
 * averaged across projects; realisation and cost variance sum their numerators and denominators.
 */
import { ZERO } from '../money';
import { appraise } from './appraise';
import { costVarianceFromYears, plannedAndActualByYear, type PlannedActual } from './cost-variance';
import { realisationResult, realisationTotals } from './realisation';
import type {
  Appraisal,
  CostVarianceResult,
  DiscountRule,
  ProjectFlows,
  ProjectView,
  RagThresholds,
  RealisationResult,
  ViewOptions,
  VfmBands,
  YearAmounts,
} from './types';
import { projectYearAmounts } from './views';
import { YearBuckets } from './year-buckets';

export interface AggregateProject {
  flows: ProjectFlows;
}

/** Sums several yearly lists per financial year, ascending. */
export function sumYearAmounts(lists: readonly (readonly YearAmounts[])[]): YearAmounts[] {
  const buckets = new YearBuckets();
  for (const list of lists) for (const year of list) buckets.addYear(year);
  return buckets.toList();
}

/** C6: the request's base year, else the earliest base year of the included projects. */
function commonBaseFy(projects: readonly AggregateProject[], override: number | undefined, fallback: number): number {
  if (override !== undefined) return override;
  if (projects.length === 0) return fallback;
  return projects.reduce((min, p) => (p.flows.baseFy < min ? p.flows.baseFy : min), projects[0].flows.baseFy);
}

/**
 * C6 aggregate appraisal: each project's flows built as for its own view (its own optimism bias
 * and confidence), summed per year, appraised ONCE from the common base year under the
 * organisation's rule (a project's own discount-rate override does not apply). With no projects,
 * the base year is the override, else `fallbackBaseFy`, else the as-at year.
 */
export function appraiseAggregate(
  projects: readonly AggregateProject[],
  view: ProjectView,
  opts: ViewOptions,
  rule: DiscountRule,
  bands: VfmBands,
  baseFyOverride?: number,
  fallbackBaseFy?: number,
): Appraisal {
  const baseFy = commonBaseFy(projects, baseFyOverride, fallbackBaseFy ?? opts.asAtFy);
  const buckets = new YearBuckets();
  for (const project of projects) for (const year of projectYearAmounts(project.flows, view, opts)) buckets.addYear(year);
  return appraise({ baseFy, years: buckets.toList(), rule, bands });
}

/** C6 aggregate realisation: Σ realised to date / Σ expected to date across the projects. */
export function aggregateRealisation(projects: readonly AggregateProject[], asAtFy: number, thresholds: RagThresholds): RealisationResult {
  let expected = ZERO;
  let realised = ZERO;
  for (const project of projects) {
    const totals = realisationTotals(project.flows, asAtFy);
    expected = expected.plus(totals.expectedToDate);
    realised = realised.plus(totals.realisedToDate);
  }
  return realisationResult(expected, realised, thresholds);
}

/** C6 aggregate cost variance: planned and actual summed per year across projects, then compared. */
export function aggregateCostVariance(projects: readonly AggregateProject[], asAtFy: number): CostVarianceResult {
  const byFy = new Map<number, PlannedActual>();
  for (const project of projects) {
    for (const year of plannedAndActualByYear(project.flows, asAtFy)) {
      const sum = byFy.get(year.fy);
      if (sum) {
        sum.planned = sum.planned.plus(year.planned);
        sum.actual = sum.actual.plus(year.actual);
      } else byFy.set(year.fy, { ...year });
    }
  }
  return costVarianceFromYears([...byFy.values()].sort((a, b) => a.fy - b.fy));
}
