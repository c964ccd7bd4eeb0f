/**
 * C6 figures straight from C8 year series: a project's headline row, an aggregate's view set and a
 * project's contribution to an aggregate. Each equals the ledger-based function it stands for
 * (projectRow and appraiseSums of portfolio.ts) digit for digit: the series hold the same sums the
 * views select, and the engine receives the same yearly amounts (test/unit/series-figures.test.ts).
 */
import { ZERO, type Decimal } from '../money';
import { appraise, appraiseHeadline, appraiseValue } from './appraise';
import { costVarianceFromYears, costVarianceTotals, type PlannedActual } from './cost-variance';
import { realisationResult } from './realisation';
import { plus } from './sum';
import type {
  AppraisalInput,
  DiscountRule,
  HeadlineViewSet,
  ProjectView,
  RagThresholds,
  RealisationResult,
  ViewOptions,
  ViewSet,
  VfmBands,
} from './types';
import { PROJECT_VIEWS } from './views';
import { seriesYearAmounts, verifiedAsRealised, type YearSeries } from './year-series';

export interface SeriesBasis {
  baseFy: number;
  rule: DiscountRule;
  bands: VfmBands;
  rag: RagThresholds;
}

/**
 * C6 realisation to date: expected as profiled (not risk-adjusted) and realised, up to the as-at
 * year; C9: "expected" is the latest baseline's profile once the project has one (realisationExpected).
 */
export function seriesRealisationTotals(
  series: readonly YearSeries[],
  asAtFy: number,
): { expectedToDate: Decimal; realisedToDate: Decimal } {
  let expectedToDate = ZERO;
  let realisedToDate = ZERO;
  for (const y of series) {
    if (y.fy > asAtFy) continue;
    expectedToDate = plus(expectedToDate, y.realisationExpected);
    realisedToDate = plus(realisedToDate, plus(y.realisedCashable, y.realisedNonCashable));
  }
  return { expectedToDate, realisedToDate };
}

/** C6 cost variance's years: planned as entered and actual, for years up to the as-at year with a cost line. */
export function seriesPlannedActual(series: readonly YearSeries[], asAtFy: number): PlannedActual[] {
  return series
    .filter((y) => y.fy <= asAtFy && (y.hasPlanned || y.hasActual))
    .map((y) => ({ fy: y.fy, planned: y.planned, actual: y.actual }));
}

/** Only the years within [fromFy, toFy] (a dashboard's year filter). */
export function clipSeries(series: readonly YearSeries[], fromFy?: number, toFy?: number): readonly YearSeries[] {
  if (fromFy === undefined && toFy === undefined) return series;
  return series.filter((y) => (fromFy === undefined || y.fy >= fromFy) && (toFy === undefined || y.fy <= toFy));
}

/** What the engine appraises for one view of the series, on `basis`. */
function appraisalInput(
  series: readonly YearSeries[],
  view: ProjectView,
  basis: Pick<SeriesBasis, 'baseFy' | 'rule' | 'bands'>,
  opts: ViewOptions,
): AppraisalInput {
  return { baseFy: basis.baseFy, years: seriesYearAmounts(series, view, opts), rule: basis.rule, bands: basis.bands };
}

function seriesRealisation(
  all: readonly YearSeries[],
  opts: Pick<ViewOptions, 'asAtFy' | 'verifiedOnly'>,
  rag: RagThresholds,
): RealisationResult {
  // C10: with verifiedOnly, only verified realisations count as realised.
  const series = opts.verifiedOnly ? all.map(verifiedAsRealised) : all;
  const { expectedToDate, realisedToDate } = seriesRealisationTotals(series, opts.asAtFy);
  return realisationResult(expectedToDate, realisedToDate, rag);
}

/** One project's row of an aggregate's table, on its own basis (its base year and rule). */
export function seriesHeadline(series: readonly YearSeries[], basis: SeriesBasis, opts: ViewOptions): HeadlineViewSet {
  return {
    businessCase: appraiseHeadline(appraisalInput(series, 'businessCase', basis, opts)),
    forecast: appraiseValue(appraisalInput(series, 'forecast', basis, opts)),
    realisation: seriesRealisation(series, opts, basis.rag),
    costVariance: costVarianceTotals(seriesPlannedActual(series, opts.asAtFy)),
  };
}

/** An aggregate's full view set from its summed series, appraised once from the common base year (C6). */
export function seriesViewSet(series: readonly YearSeries[], basis: SeriesBasis, opts: ViewOptions): ViewSet {
  const [businessCase, forecast, toDate] = PROJECT_VIEWS.map((view) =>
    appraise(appraisalInput(series, view, basis, opts)),
  );
  return {
    businessCase,
    forecast,
    toDate,
    realisation: seriesRealisation(series, opts, basis.rag),
    // C6: later years are listed with their planned cost, "not yet due", in no total.
    costVariance: costVarianceFromYears(
      seriesPlannedActual(series, opts.asAtFy),
      series
        .filter((y) => y.fy > opts.asAtFy && (y.hasPlanned || y.hasActual))
        .map((y) => ({ fy: y.fy, planned: y.planned, actual: y.actual })),
    ),
  };
}

export interface PresentValues {
  pvCosts: Decimal;
  pvBenefits: Decimal;
  npv: Decimal;
}

export type Contribution = Record<ProjectView, PresentValues>;

/**
 * C6 Contributions: a project's own series appraised on the aggregate's basis (its base year and
 * the organisation's rule). NPV is linear in the flows, so a table's contributions add up to the
 * aggregate's figures.
 */
export function seriesContribution(
  series: readonly YearSeries[],
  basis: Pick<SeriesBasis, 'baseFy' | 'rule' | 'bands'>,
  opts: ViewOptions,
): Contribution {
  const pv = (view: ProjectView): PresentValues => {
    const v = appraiseValue(appraisalInput(series, view, basis, opts));
    return { pvCosts: v.pvCosts, pvBenefits: v.pvBenefits, npv: v.npv };
  };
  return { businessCase: pv('businessCase'), forecast: pv('forecast'), toDate: pv('toDate') };
}
