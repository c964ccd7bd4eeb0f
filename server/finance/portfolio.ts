/**
 * Full C6 metrics of many projects and their aggregates in ONE pass: each project's view flows,
 * realisation totals and planned/actual costs are built once and serve both its own indicators and
 * every aggregate it belongs to (the portfolio, and its group, e.g. its directorate). Building them
 * again per aggregate, as calling appraiseAggregate per view would, is most of an aggregate's cost.
 */
import { ZERO, type Decimal } from '../money';
import { appraise, appraiseHeadline } from './appraise';
import { costVarianceFromYears, costVarianceTotals, plannedAndActualByYear, type PlannedActual } from './cost-variance';
import { realisationResult, realisationTotals } from './realisation';
import type { DiscountRule, HeadlineViewSet, ProjectFlows, ProjectView, RagThresholds, ViewOptions, ViewSet, VfmBands, YearAmounts } from './types';
import { projectYearAmounts } from './views';
import { YearBuckets } from './year-buckets';

const VIEWS: readonly ProjectView[] = ['businessCase', 'forecast', 'toDate'];

export interface PortfolioProject {
  flows: ProjectFlows;
  /** The project's own rule for its own indicators (C3: it may set a constant rate). */
  rule: DiscountRule;
  /** Optional group (e.g. a directorate code) for a per-group aggregate. */
  group?: string;
}

export interface PortfolioInput {
  projects: readonly PortfolioProject[];
  opts: ViewOptions;
  /** The organisation's rule: aggregates ignore projects' own rates (C6). */
  rule: DiscountRule;
  bands: VfmBands;
  rag: RagThresholds;
  /** C6: the common base year; default the earliest base year of the projects. */
  baseFyOverride?: number;
  /** Base year when there are no projects and no override; default the as-at year. */
  fallbackBaseFy?: number;
}

export interface PortfolioResult {
  aggregate: ViewSet;
  /** Each project's headline indicators (no year tables: they would be most of the memory), in input order. */
  projects: HeadlineViewSet[];
  /** One aggregate per group named by the projects, from the same common base year. */
  groups: Map<string, ViewSet>;
}

/** The sums an aggregate needs, fed project by project. */
class AggregateSums {
  private readonly views = new Map<ProjectView, YearBuckets>(VIEWS.map((v) => [v, new YearBuckets()]));
  private readonly costs = new Map<number, PlannedActual>();
  private expected: Decimal = ZERO;
  private realised: Decimal = ZERO;

  add(views: ReadonlyMap<ProjectView, YearAmounts[]>, realisation: { expectedToDate: Decimal; realisedToDate: Decimal }, costs: readonly PlannedActual[]): void {
    for (const [view, years] of views) {
      const buckets = this.views.get(view)!;
      for (const year of years) buckets.addYear(year);
    }
    if (!realisation.expectedToDate.isZero()) this.expected = this.expected.plus(realisation.expectedToDate);
    if (!realisation.realisedToDate.isZero()) this.realised = this.realised.plus(realisation.realisedToDate);
    for (const year of costs) {
      const sum = this.costs.get(year.fy);
      if (!sum) this.costs.set(year.fy, { ...year });
      else {
        if (!year.planned.isZero()) sum.planned = sum.planned.plus(year.planned);
        if (!year.actual.isZero()) sum.actual = sum.actual.plus(year.actual);
      }
    }
  }

  /** C6: summed flows appraised ONCE from the common base year; ratios from summed parts. */
  result(baseFy: number, input: PortfolioInput): ViewSet {
    const [businessCase, forecast, toDate] = VIEWS.map((view) => appraise({ baseFy, years: this.views.get(view)!.toList(), rule: input.rule, bands: input.bands }));
    return {
      businessCase,
      forecast,
      toDate,
      realisation: realisationResult(this.expected, this.realised, input.rag),
      costVariance: costVarianceFromYears([...this.costs.values()].sort((a, b) => a.fy - b.fy)),
    };
  }
}

function commonBaseFy(input: PortfolioInput): number {
  if (input.baseFyOverride !== undefined) return input.baseFyOverride;
  if (input.projects.length === 0) return input.fallbackBaseFy ?? input.opts.asAtFy;
  return input.projects.reduce((min, p) => (p.flows.baseFy < min ? p.flows.baseFy : min), input.projects[0].flows.baseFy);
}

/** Every indicator of every project, of the whole and of each group (C6). */
export function appraisePortfolio(input: PortfolioInput): PortfolioResult {
  const total = new AggregateSums();
  const groupSums = new Map<string, AggregateSums>();
  const projects = input.projects.map(({ flows, rule, group }): HeadlineViewSet => {
    const views = new Map(VIEWS.map((view) => [view, projectYearAmounts(flows, view, input.opts)]));
    const totals = realisationTotals(flows, input.opts.asAtFy);
    const costs = plannedAndActualByYear(flows, input.opts.asAtFy);
    total.add(views, totals, costs);
    if (group !== undefined) {
      let sums = groupSums.get(group);
      if (!sums) groupSums.set(group, (sums = new AggregateSums()));
      sums.add(views, totals, costs);
    }
    const [businessCase, forecast, toDate] = VIEWS.map((view) => appraiseHeadline({ baseFy: flows.baseFy, years: views.get(view)!, rule, bands: input.bands }));
    return {
      businessCase,
      forecast,
      toDate,
      realisation: realisationResult(totals.expectedToDate, totals.realisedToDate, input.rag),
      costVariance: costVarianceTotals(costs),
    };
  });
  const baseFy = commonBaseFy(input);
  return {
    aggregate: total.result(baseFy, input),
    projects,
    groups: new Map([...groupSums].map(([group, sums]) => [group, sums.result(baseFy, input)])),
  };
}
