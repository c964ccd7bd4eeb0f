/**
 * The C6 "views of a project": which cost and benefit lines count, and how, for the business
 * case, the forecast and the position to date, as yearly money amounts ready for `appraise`.
 */
import { Decimal } from '../money';
import { FinanceInputError, type ProjectFlows, type ProjectView, type ViewOptions, type YearAmounts } from './types';
import { YearBuckets } from './year-buckets';
import { signedBenefitAmount } from './benefit-sign';
import { optimismBiasUplift } from './optimism-bias';
import { latestReforecasts } from './reforecasts';

export { realisation } from './realisation';
export { costVariance } from './cost-variance';

const ONE = new Decimal(1);

type Benefit = ProjectFlows['benefits'][number];
type Line = { fy: number; amount: Decimal };
type YearFilter = (fy: number) => boolean;

const ALL_YEARS: YearFilter = () => true;

/**
 * What one line of a benefit is worth in money: C5 qualitative benefits are never money (null),
 * dis-benefits count negative, and risk adjustment multiplies by the confidence.
 */
function benefitWeight(benefit: Benefit, riskAdjusted: boolean): Decimal | null {
  if (benefit.type === 'qualitative') return null;
  if (benefit.confidence.lt(0) || benefit.confidence.gt(1)) {
    throw new FinanceInputError(
      `Benefit confidence must be between 0 and 1 (got ${benefit.confidence.toString()})`,
      'confidence',
    );
  }
  const weight = riskAdjusted ? benefit.confidence : ONE; // C5: risk-adjusted = expected × confidence
  return signedBenefitAmount(benefit, weight); // C5: a dis-benefit counts as negative
}

function addBenefitLines(
  buckets: YearBuckets,
  benefit: Benefit,
  lines: readonly Line[],
  weight: Decimal,
  include: YearFilter,
): void {
  const field = benefit.type === 'cashable' ? 'cashable' : 'nonCashable';
  const unit = weight.eq(1);
  for (const line of lines) {
    if (include(line.fy)) buckets.add(line.fy, field, unit ? line.amount : line.amount.times(weight));
  }
}

/** Expected benefits (risk-adjusted if asked) in the years `include` accepts. */
function addExpected(buckets: YearBuckets, flows: ProjectFlows, riskAdjusted: boolean, include: YearFilter): void {
  for (const benefit of flows.benefits) {
    const weight = benefitWeight(benefit, riskAdjusted);
    if (weight !== null) addBenefitLines(buckets, benefit, benefit.expected, weight, include);
  }
}

/**
 * The forecast's benefits from the as-at year on: each benefit's latest C9 re-forecast made by the
 * as-at year in place of its profile for that year (a best estimate, not risk-adjusted again; a
 * dis-benefit still counts negative), else the profile as `addExpected` takes it.
 */
function addForecastExpected(buckets: YearBuckets, flows: ProjectFlows, opts: ViewOptions): void {
  for (const benefit of flows.benefits) {
    const weight = benefitWeight(benefit, opts.riskAdjusted);
    if (weight === null) continue;
    const latest = latestReforecasts(benefit.reforecasts, opts.asAtFy);
    const ahead = (fy: number) => fy >= opts.asAtFy;
    addBenefitLines(buckets, benefit, benefit.expected, weight, (fy) => ahead(fy) && !latest.has(fy));
    const lines = [...latest].map(([fy, amount]) => ({ fy, amount }));
    addBenefitLines(buckets, benefit, lines, signedBenefitAmount(benefit, ONE), ahead);
  }
}

/** Realised benefits in the years `include` accepts; realisations are never risk-adjusted (C5). */
function addRealised(buckets: YearBuckets, flows: ProjectFlows, include: YearFilter): void {
  for (const benefit of flows.benefits) {
    const weight = benefitWeight(benefit, false);
    if (weight !== null) addBenefitLines(buckets, benefit, benefit.realised, weight, include);
  }
}

function addCosts(buckets: YearBuckets, flows: ProjectFlows, kind: 'planned' | 'actual', include: YearFilter): void {
  for (const line of flows.costs)
    if (line.kind === kind && include(line.fy)) buckets.add(line.fy, 'costs', line.amount);
}

/** C6 business case: planned costs with optimism bias (C4) vs expected benefits, all years. */
function businessCase(buckets: YearBuckets, flows: ProjectFlows, opts: ViewOptions): void {
  const uplift = optimismBiasUplift(flows.optimismBias);
  addCosts(buckets, flows, 'planned', ALL_YEARS);
  buckets.mapCosts(uplift); // C4: planned × (1 + ob), on each year's sum; actuals never uplifted
  addExpected(buckets, flows, opts.riskAdjusted, ALL_YEARS);
}

/** C6 forecast: outturn before the as-at year, plan (no optimism bias) from it onwards. */
function forecast(buckets: YearBuckets, flows: ProjectFlows, opts: ViewOptions): void {
  const past: YearFilter = (fy) => fy < opts.asAtFy;
  const future: YearFilter = (fy) => fy >= opts.asAtFy;
  addCosts(buckets, flows, 'actual', past);
  addCosts(buckets, flows, 'planned', future);
  addRealised(buckets, flows, past);
  addForecastExpected(buckets, flows, opts);
}

/** C6 to date: actual costs vs realised benefits, up to and including the as-at year. */
function toDate(buckets: YearBuckets, flows: ProjectFlows, opts: ViewOptions): void {
  const upToAsAt: YearFilter = (fy) => fy <= opts.asAtFy;
  addCosts(buckets, flows, 'actual', upToAsAt);
  addRealised(buckets, flows, upToAsAt);
}

const VIEWS: Record<ProjectView, (b: YearBuckets, f: ProjectFlows, o: ViewOptions) => void> = {
  businessCase,
  forecast,
  toDate,
};

/** The three C6 views of a project, in the order pages and results list them. */
export const PROJECT_VIEWS: readonly ProjectView[] = ['businessCase', 'forecast', 'toDate'];

/**
 * The yearly money flows of one project in a C6 view, ascending by year. A year appears when any
 * line counted by the view falls in it (even a zero one); qualitative benefits never do (C5).
 */
export function projectYearAmounts(flows: ProjectFlows, view: ProjectView, opts: ViewOptions): YearAmounts[] {
  if (!Object.hasOwn(VIEWS, view)) throw new FinanceInputError(`Unknown view: ${String(view)}`, 'view');
  const buckets = new YearBuckets();
  VIEWS[view](buckets, flows, opts);
  return buckets.toList();
}
