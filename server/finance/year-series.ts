/**
 * C8 summaries: a project's ledger boiled down to one row per financial year of the series every
 * C6 view selects from. Any view, for any as-at year and risk setting, is then a choice of series
 * per year (`seriesYearAmounts`), and an aggregate is the sum of its projects' series, because
 * selection by year commutes with the sum. The series are exact: amounts in pounds to at most six
 * decimal places (pence × a four-place confidence or optimism bias).
 */
import { ZERO, type Decimal } from '../money';
import { signedBenefitAmount } from './benefit-sign';
import { optimismBiasUplift } from './optimism-bias';
import { plus } from './sum';
import { realisationExpectedFrom } from './realisation';
import type { ProjectFlows, ProjectView, ViewOptions, YearAmounts } from './types';
import { addDelta, benefitReforecastDeltas, deltasAsAt, type ReforecastDelta } from './reforecasts';

export interface YearSeries {
  fy: number;
  /** Planned costs as entered (credits negative) and with the optimism-bias uplift (C4). */
  planned: Decimal;
  plannedUplifted: Decimal;
  actual: Decimal;
  /** Expected benefits net of dis-benefits (C5), by type, as profiled and risk-adjusted. */
  expectedCashable: Decimal;
  expectedNonCashable: Decimal;
  riskCashable: Decimal;
  riskNonCashable: Decimal;
  realisedCashable: Decimal;
  realisedNonCashable: Decimal;
  /** C10: the verified part of the realised benefits (what `verifiedOnly` indicators count as realised). */
  verifiedCashable: Decimal;
  verifiedNonCashable: Decimal;
  /** C9: the latest baseline's planned costs with its optimism bias, and its expected benefits (0 before approval). */
  baselinePlannedUplifted: Decimal;
  baselineExpectedCashable: Decimal;
  baselineExpectedNonCashable: Decimal;
  baselineRiskCashable: Decimal;
  baselineRiskNonCashable: Decimal;
  /** C9 realisation's "expected": the latest baseline's profiles once there is one, else the current profile. */
  realisationExpected: Decimal;
  /** Issue 19: planned (as entered, no optimism bias) and actual costs split by funding, capital and revenue. */
  plannedCapital: Decimal;
  plannedRevenue: Decimal;
  actualCapital: Decimal;
  actualRevenue: Decimal;
  /** Whether any line of each kind falls in the year (a view lists a year once a line counts, even a zero one). */
  hasPlanned: boolean;
  hasActual: boolean;
  hasExpected: boolean;
  hasRealised: boolean;
  hasVerified: boolean;
  hasBaselinePlanned: boolean;
  hasBaselineExpected: boolean;
  /** C9: what re-forecasts of the year change in its forecast benefits, by the year they were made in (absent: none). */
  reforecasts?: ReforecastDelta[];
}

export const SERIES_AMOUNTS = [
  'planned',
  'plannedUplifted',
  'actual',
  'expectedCashable',
  'expectedNonCashable',
  'riskCashable',
  'riskNonCashable',
  'realisedCashable',
  'realisedNonCashable',
  'verifiedCashable',
  'verifiedNonCashable',
  'baselinePlannedUplifted',
  'baselineExpectedCashable',
  'baselineExpectedNonCashable',
  'baselineRiskCashable',
  'baselineRiskNonCashable',
  'realisationExpected',
  'plannedCapital',
  'plannedRevenue',
  'actualCapital',
  'actualRevenue',
] as const;
export type SeriesAmount = (typeof SERIES_AMOUNTS)[number];
export const SERIES_FLAGS = [
  'hasPlanned',
  'hasActual',
  'hasExpected',
  'hasRealised',
  'hasVerified',
  'hasBaselinePlanned',
  'hasBaselineExpected',
] as const;

export function emptyYear(fy: number): YearSeries {
  return {
    fy,
    planned: ZERO,
    plannedUplifted: ZERO,
    actual: ZERO,
    expectedCashable: ZERO,
    expectedNonCashable: ZERO,
    riskCashable: ZERO,
    riskNonCashable: ZERO,
    realisedCashable: ZERO,
    realisedNonCashable: ZERO,
    verifiedCashable: ZERO,
    verifiedNonCashable: ZERO,
    baselinePlannedUplifted: ZERO,
    baselineExpectedCashable: ZERO,
    baselineExpectedNonCashable: ZERO,
    baselineRiskCashable: ZERO,
    baselineRiskNonCashable: ZERO,
    realisationExpected: ZERO,
    plannedCapital: ZERO,
    plannedRevenue: ZERO,
    actualCapital: ZERO,
    actualRevenue: ZERO,
    hasPlanned: false,
    hasActual: false,
    hasExpected: false,
    hasRealised: false,
    hasVerified: false,
    hasBaselinePlanned: false,
    hasBaselineExpected: false,
  };
}

/** One project's series, ascending by year, from its flows as the engine takes them. */
export function projectYearSeries(flows: ProjectFlows): YearSeries[] {
  const years = new Map<number, YearSeries>();
  const year = (fy: number) => {
    let y = years.get(fy);
    if (!y) years.set(fy, (y = emptyYear(fy)));
    return y;
  };
  for (const c of flows.costs) {
    const y = year(c.fy);
    if (c.kind === 'planned') {
      y.planned = plus(y.planned, c.amount);
      y.hasPlanned = true;
    } else {
      y.actual = plus(y.actual, c.amount);
      y.hasActual = true;
    }
    if (c.funding) {
      const k = `${c.kind}${c.funding === 'capital' ? 'Capital' : 'Revenue'}` as const;
      y[k] = plus(y[k], c.amount);
    }
  }
  const uplift = optimismBiasUplift(flows.optimismBias);
  for (const y of years.values()) y.plannedUplifted = uplift(y.planned); // C4, on each year's sum as the views do
  for (const b of flows.benefits) {
    if (b.type === 'qualitative') continue; // C5: never money
    const cashable = b.type === 'cashable';
    for (const line of b.expected) {
      const y = year(line.fy);
      const signed = signedBenefitAmount(b, line.amount);
      const risked = signedBenefitAmount(b, b.confidence.eq(1) ? line.amount : line.amount.times(b.confidence));
      if (cashable) {
        y.expectedCashable = plus(y.expectedCashable, signed);
        y.riskCashable = plus(y.riskCashable, risked);
      } else {
        y.expectedNonCashable = plus(y.expectedNonCashable, signed);
        y.riskNonCashable = plus(y.riskNonCashable, risked);
      }
      y.hasExpected = true;
    }
    for (const line of b.realised) {
      const y = year(line.fy);
      const signed = signedBenefitAmount(b, line.amount);
      if (cashable) y.realisedCashable = plus(y.realisedCashable, signed);
      else y.realisedNonCashable = plus(y.realisedNonCashable, signed);
      y.hasRealised = true;
    }
    for (const line of b.verified ?? []) {
      const y = year(line.fy);
      const signed = signedBenefitAmount(b, line.amount);
      if (cashable) y.verifiedCashable = plus(y.verifiedCashable, signed);
      else y.verifiedNonCashable = plus(y.verifiedNonCashable, signed);
      y.hasVerified = true;
    }
  }
  addBaseline(flows, year);
  for (const b of flows.benefits)
    for (const [fy, deltas] of benefitReforecastDeltas(b)) {
      const y = year(fy);
      for (const d of deltas) addDelta((y.reforecasts ??= []), d);
    }
  return [...years.values()].sort((a, b) => a.fy - b.fy);
}

/** C9: the latest baseline's business-case series, and realisation's "expected" (baseline once there is one). */
function addBaseline(flows: ProjectFlows, year: (fy: number) => YearSeries): void {
  const b = flows.baseline;
  for (const benefit of realisationExpectedFrom(flows)) {
    if (benefit.type === 'qualitative') continue;
    for (const line of benefit.expected) {
      const y = year(line.fy);
      y.realisationExpected = plus(y.realisationExpected, signedBenefitAmount(benefit, line.amount));
    }
  }
  if (!b) return;
  const planned = new Map<number, Decimal>();
  for (const c of b.costs) {
    planned.set(c.fy, plus(planned.get(c.fy) ?? ZERO, c.amount));
    year(c.fy).hasBaselinePlanned = true;
  }
  const uplift = optimismBiasUplift(b.optimismBias); // C4 with the baseline's own optimism bias
  for (const [fy, sum] of planned) year(fy).baselinePlannedUplifted = uplift(sum);
  for (const benefit of b.benefits) {
    if (benefit.type === 'qualitative') continue;
    const cashable = benefit.type === 'cashable';
    for (const line of benefit.expected) {
      const y = year(line.fy);
      const signed = signedBenefitAmount(benefit, line.amount);
      const risked = signedBenefitAmount(
        benefit,
        benefit.confidence.eq(1) ? line.amount : line.amount.times(benefit.confidence),
      );
      if (cashable) {
        y.baselineExpectedCashable = plus(y.baselineExpectedCashable, signed);
        y.baselineRiskCashable = plus(y.baselineRiskCashable, risked);
      } else {
        y.baselineExpectedNonCashable = plus(y.baselineExpectedNonCashable, signed);
        y.baselineRiskNonCashable = plus(y.baselineRiskNonCashable, risked);
      }
      y.hasBaselineExpected = true;
    }
  }
}

/** Sums several projects' series year by year (an aggregate's flows, C6). */
export function sumSeries(all: Iterable<YearSeries>): YearSeries[] {
  const years = new Map<number, YearSeries>();
  for (const s of all) {
    let y = years.get(s.fy);
    if (!y) years.set(s.fy, (y = emptyYear(s.fy)));
    for (const k of SERIES_AMOUNTS) y[k] = plus(y[k], s[k]);
    for (const f of SERIES_FLAGS) y[f] = y[f] || s[f];
    for (const d of s.reforecasts ?? []) addDelta((y.reforecasts ??= []), d);
  }
  return [...years.values()].sort((a, b) => a.fy - b.fy);
}

type Pick = (y: YearSeries) => YearAmounts | null;

function costsAndBenefits(
  y: YearSeries,
  costs: 'plannedUplifted' | 'planned' | 'actual' | null,
  benefits: 'expected' | 'risk' | 'realised' | null,
): YearAmounts {
  const cashable = benefits === null ? ZERO : y[`${benefits}Cashable`];
  const nonCashable = benefits === null ? ZERO : y[`${benefits}NonCashable`];
  return { fy: y.fy, costs: costs === null ? ZERO : y[costs], cashable, nonCashable };
}

/**
 * The forecast from the as-at year on (C6): planned costs as entered and expected benefits, with the
 * C9 re-forecasts made by the as-at year in place of the profile (the stored differences added).
 */
function forecastAhead(y: YearSeries, expected: 'expected' | 'risk', asAtFy: number): YearAmounts | null {
  const rf = deltasAsAt(y.reforecasts, asAtFy);
  if (!(y.hasPlanned || y.hasExpected || rf)) return null;
  const amounts = costsAndBenefits(y, y.hasPlanned ? 'planned' : null, y.hasExpected ? expected : null);
  if (!rf) return amounts;
  const risk = expected === 'risk';
  amounts.cashable = plus(amounts.cashable, risk ? rf.riskCashable : rf.cashable);
  amounts.nonCashable = plus(amounts.nonCashable, risk ? rf.riskNonCashable : rf.nonCashable);
  return amounts;
}

/** The C6 view's yearly flows from the series: the same years and amounts as `projectYearAmounts`. */
export function seriesYearAmounts(all: readonly YearSeries[], view: ProjectView, opts: ViewOptions): YearAmounts[] {
  const series = opts.verifiedOnly ? all.map(verifiedAsRealised) : all;
  const expected = opts.riskAdjusted ? 'risk' : 'expected';
  const picks: Record<ProjectView, Pick> = {
    businessCase: (y) =>
      y.hasPlanned || y.hasExpected
        ? costsAndBenefits(y, y.hasPlanned ? 'plannedUplifted' : null, y.hasExpected ? expected : null)
        : null,
    forecast: (y) =>
      y.fy < opts.asAtFy
        ? y.hasActual || y.hasRealised
          ? costsAndBenefits(y, y.hasActual ? 'actual' : null, y.hasRealised ? 'realised' : null)
          : null
        : forecastAhead(y, expected, opts.asAtFy),
    toDate: (y) =>
      y.fy <= opts.asAtFy && (y.hasActual || y.hasRealised)
        ? costsAndBenefits(y, y.hasActual ? 'actual' : null, y.hasRealised ? 'realised' : null)
        : null,
  };
  const out: YearAmounts[] = [];
  for (const y of series) {
    const amounts = picks[view](y);
    if (amounts) out.push(amounts);
  }
  return out;
}

/**
 * C10 `verifiedOnly`: the year as if its unverified realisations were not there: the verified
 * series stand in for the realised ones, so every view and indicator counts verified ones only.
 */
export function verifiedAsRealised(y: YearSeries): YearSeries {
  return {
    ...y,
    realisedCashable: y.verifiedCashable,
    realisedNonCashable: y.verifiedNonCashable,
    hasRealised: y.hasVerified,
  };
}
