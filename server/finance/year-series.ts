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
import type { ProjectFlows, ProjectView, ViewOptions, YearAmounts } from './types';

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
  /** Whether any line of each kind falls in the year (a view lists a year once a line counts, even a zero one). */
  hasPlanned: boolean;
  hasActual: boolean;
  hasExpected: boolean;
  hasRealised: boolean;
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
] as const;
export type SeriesAmount = (typeof SERIES_AMOUNTS)[number];
export const SERIES_FLAGS = ['hasPlanned', 'hasActual', 'hasExpected', 'hasRealised'] as const;

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
    hasPlanned: false,
    hasActual: false,
    hasExpected: false,
    hasRealised: false,
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
  }
  return [...years.values()].sort((a, b) => a.fy - b.fy);
}

/** Sums several projects' series year by year (an aggregate's flows, C6). */
export function sumSeries(all: Iterable<YearSeries>): YearSeries[] {
  const years = new Map<number, YearSeries>();
  for (const s of all) {
    let y = years.get(s.fy);
    if (!y) years.set(s.fy, (y = emptyYear(s.fy)));
    for (const k of SERIES_AMOUNTS) y[k] = plus(y[k], s[k]);
    for (const f of SERIES_FLAGS) y[f] = y[f] || s[f];
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

/** The C6 view's yearly flows from the series: the same years and amounts as `projectYearAmounts`. */
export function seriesYearAmounts(series: readonly YearSeries[], view: ProjectView, opts: ViewOptions): YearAmounts[] {
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
        : y.hasPlanned || y.hasExpected
          ? costsAndBenefits(y, y.hasPlanned ? 'planned' : null, y.hasExpected ? expected : null)
          : null,
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
