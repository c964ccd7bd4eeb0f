/**
 * Full C6 metrics of many projects and their aggregates in ONE pass: each project's view flows,
 * realisation totals and planned/actual costs are built once and serve both its own row and every
 * aggregate it belongs to (the portfolio, and its group, e.g. its directorate).
 */
import { ZERO, type Decimal } from '../money';
import { appraise, appraiseHeadline, appraiseValue } from './appraise';
import {
  costVarianceFromYears,
  costVarianceTotals,
  plannedAndActual,
  plannedAndActualByYear,
  type PlannedActual,
} from './cost-variance';
import { realisationResult, realisationTotals } from './realisation';
import { plus } from './sum';
import type {
  DiscountRule,
  HeadlineViewSet,
  ProjectFlows,
  RagThresholds,
  ViewOptions,
  ViewSet,
  VfmBands,
  YearAmounts,
} from './types';
import { PROJECT_VIEWS, projectYearAmounts } from './views';
import { YearBuckets } from './year-buckets';

export interface PortfolioProject {
  flows: ProjectFlows;
  /** The project's own rule for its own indicators (C3: it may set a constant rate). */
  rule: DiscountRule;
  /** Optional group (e.g. a directorate code) for a per-group aggregate. */
  group?: string;
}

export interface PortfolioSettings {
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

export interface PortfolioInput extends PortfolioSettings {
  projects: readonly PortfolioProject[];
}

export interface PortfolioResult {
  aggregate: ViewSet;
  /** Each project's row of the per-project table, in input order. */
  projects: HeadlineViewSet[];
  /** One aggregate per group named by the projects, from the same common base year. */
  groups: Map<string, ViewSet>;
}

/**
 * What an aggregate sums: view flows per year (in PROJECT_VIEWS order), realisation to date and
 * planned/actual costs per year. One project's contribution has this shape, and so do the sums.
 */
interface FlowSums {
  views: YearAmounts[][];
  expectedToDate: Decimal;
  realisedToDate: Decimal;
  costs: PlannedActual[];
  /** C6: years after the as-at year, listed as not yet due and in no total. */
  later: PlannedActual[];
}

function addYears(into: Map<number, PlannedActual>, years: readonly PlannedActual[]): void {
  for (const year of years) {
    const sum = into.get(year.fy);
    if (!sum) into.set(year.fy, { ...year });
    else {
      sum.planned = plus(sum.planned, year.planned);
      sum.actual = plus(sum.actual, year.actual);
    }
  }
}

class Summer {
  private readonly views = PROJECT_VIEWS.map(() => new YearBuckets());
  private readonly costs = new Map<number, PlannedActual>();
  private readonly later = new Map<number, PlannedActual>();
  private expected: Decimal = ZERO;
  private realised: Decimal = ZERO;

  add(sums: FlowSums): void {
    sums.views.forEach((years, i) => {
      for (const year of years) this.views[i].addYear(year);
    });
    this.expected = plus(this.expected, sums.expectedToDate);
    this.realised = plus(this.realised, sums.realisedToDate);
    addYears(this.costs, sums.costs);
    addYears(this.later, sums.later);
  }

  sums(): FlowSums {
    return {
      views: this.views.map((b) => b.toList()),
      expectedToDate: this.expected,
      realisedToDate: this.realised,
      costs: [...this.costs.values()].sort((a, b) => a.fy - b.fy),
      later: [...this.later.values()].sort((a, b) => a.fy - b.fy),
    };
  }
}

/** C6: summed flows appraised ONCE from the common base year; ratios from summed parts. */
function appraiseSums(sums: FlowSums, baseFy: number, settings: PortfolioSettings): ViewSet {
  const [businessCase, forecast, toDate] = sums.views.map((years) =>
    appraise({ baseFy, years, rule: settings.rule, bands: settings.bands }),
  );
  return {
    businessCase,
    forecast,
    toDate,
    realisation: realisationResult(sums.expectedToDate, sums.realisedToDate, settings.rag),
    costVariance: costVarianceFromYears(sums.costs, sums.later),
  };
}

/** One project's row: the business case in full, the forecast's value for money, realisation and cost variance. */
function projectRow(
  flows: ProjectFlows,
  rule: DiscountRule,
  contribution: FlowSums,
  settings: PortfolioSettings,
): HeadlineViewSet {
  const own = (view: number) => ({
    baseFy: flows.baseFy,
    years: contribution.views[view],
    rule,
    bands: settings.bands,
  });
  return {
    businessCase: appraiseHeadline(own(0)),
    forecast: appraiseValue(own(1)),
    realisation: realisationResult(contribution.expectedToDate, contribution.realisedToDate, settings.rag),
    costVariance: costVarianceTotals(contribution.costs),
  };
}

function commonBaseFy(input: PortfolioInput): number {
  if (input.baseFyOverride !== undefined) return input.baseFyOverride;
  if (input.projects.length === 0) return input.fallbackBaseFy ?? input.opts.asAtFy;
  return input.projects.reduce(
    (min, p) => (p.flows.baseFy < min ? p.flows.baseFy : min),
    input.projects[0].flows.baseFy,
  );
}

/**
 * Every project's row, the whole and each group, in one pass (C6). Each project is summed once,
 * into its group or the ungrouped sums, and the whole is the sum of those. View flows are C1
 * amounts times factors of at most 4 decimals (optimism bias, confidence), so every sum is exact
 * in 34 digits and the grouping cannot change a digit.
 */
export function appraisePortfolio(input: PortfolioInput): PortfolioResult {
  const ungrouped = new Summer();
  const groups = new Map<string, Summer>();
  const rows = input.projects.map(({ flows, rule, group }) => {
    const { expectedToDate, realisedToDate } = realisationTotals(flows, input.opts.asAtFy);
    const contribution: FlowSums = {
      views: PROJECT_VIEWS.map((view) => projectYearAmounts(flows, view, input.opts)),
      expectedToDate,
      realisedToDate,
      costs: plannedAndActualByYear(flows, input.opts.asAtFy),
      later: plannedAndActual(flows, (fy) => fy > input.opts.asAtFy),
    };
    let summer = ungrouped;
    if (group !== undefined) {
      summer = groups.get(group) ?? new Summer();
      groups.set(group, summer);
    }
    summer.add(contribution);
    return projectRow(flows, rule, contribution, input);
  });
  const total = new Summer();
  for (const summer of groups.values()) total.add(summer.sums());
  total.add(ungrouped.sums());
  const baseFy = commonBaseFy(input);
  return {
    aggregate: appraiseSums(total.sums(), baseFy, input),
    projects: rows,
    groups: new Map([...groups].map(([group, summer]) => [group, appraiseSums(summer.sums(), baseFy, input)])),
  };
}
