/**
 * C9 baseline view: the C6 business-case view computed from a frozen baseline (its planned costs
 * with its optimism bias, its expected benefits), from its base year under its frozen discount
 * rule. Pure: the baseline is already loaded.
 */
import { appraise, appraiseValue } from './appraise';
import { projectYearAmounts } from './views';
import type {
  Appraisal,
  BaselineFlows,
  DiscountRule,
  ProjectFlows,
  ValueFigures,
  VfmBands,
  YearAmounts,
} from './types';
import type { YearSeries } from './year-series';

/** The baseline as a set of project flows: planned costs and expected profiles only. */
export function baselineAsFlows(b: BaselineFlows): ProjectFlows {
  return {
    baseFy: b.baseFy,
    optimismBias: b.optimismBias,
    costs: b.costs.map((c) => ({ fy: c.fy, kind: 'planned' as const, amount: c.amount })),
    benefits: b.benefits.map((x) => ({ ...x, realised: [] })),
  };
}

/** C9: the business case of the baseline (risk-adjusted if asked), with its frozen base year and rule. */
export function appraiseBaseline(b: BaselineFlows, bands: VfmBands, riskAdjusted: boolean): Appraisal {
  const years = projectYearAmounts(baselineAsFlows(b), 'businessCase', { asAtFy: b.baseFy, riskAdjusted });
  return appraise({ baseFy: b.baseFy, years, rule: b.rule, bands });
}

/** The baseline view's yearly flows from stored C8 series: the same years and amounts as appraiseBaseline's. */
export function seriesBaselineAmounts(series: readonly YearSeries[], riskAdjusted: boolean): YearAmounts[] {
  const out: YearAmounts[] = [];
  for (const y of series) {
    if (!y.hasBaselinePlanned && !y.hasBaselineExpected) continue;
    // Amounts are zero where the baseline had no line of their kind, as in the ledger's view.
    out.push({
      fy: y.fy,
      costs: y.baselinePlannedUplifted,
      cashable: riskAdjusted ? y.baselineRiskCashable : y.baselineExpectedCashable,
      nonCashable: riskAdjusted ? y.baselineRiskNonCashable : y.baselineExpectedNonCashable,
    });
  }
  return out;
}

export interface BaselineBasis {
  baseFy: number;
  rule: DiscountRule;
  bands: VfmBands;
}

/** The baseline view from the series (a project on its frozen basis, or an aggregate on the aggregate's). */
export function seriesBaseline(series: readonly YearSeries[], basis: BaselineBasis, riskAdjusted: boolean): Appraisal {
  return appraise({ ...basis, years: seriesBaselineAmounts(series, riskAdjusted) });
}

/** The baseline's value figures only (NPV, BCR, band): a list row's "change since baseline". */
export function seriesBaselineValue(
  series: readonly YearSeries[],
  basis: BaselineBasis,
  riskAdjusted: boolean,
): ValueFigures {
  return appraiseValue({ ...basis, years: seriesBaselineAmounts(series, riskAdjusted) });
}
