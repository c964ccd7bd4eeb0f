/**
 * Discount rates and factors (CONVENTIONS C3). The Green Book factors are deterministic and needed
 * for every appraisal, so they are built once, lazily, and shared (Decimals are immutable).
 */
import { Decimal } from '../money';
import { FinanceInputError, type DiscountRule } from './types';

const ONE = new Decimal(1);

// C3: the Green Book social time preference rate schedule, by year index (first year of each band).
const GREEN_BOOK_BANDS: readonly { from: number; rate: Decimal }[] = [
  { from: 301, rate: new Decimal('0.01') },
  { from: 201, rate: new Decimal('0.015') },
  { from: 126, rate: new Decimal('0.02') },
  { from: 76, rate: new Decimal('0.025') },
  { from: 31, rate: new Decimal('0.03') },
  { from: 0, rate: new Decimal('0.035') },
];

/** Green Book DF(0..k), grown on demand; DF(0) = 1 (C3: year 0 is undiscounted). */
const greenBookFactors: Decimal[] = [ONE];

/** Constant-rate factor tables by rate; bounded, since organisations use a handful of rates. */
const constantFactors = new Map<string, Decimal[]>();
const MAX_CONSTANT_TABLES = 64;

function checkYearIndex(t: number): void {
  if (!Number.isInteger(t) || t < 0) {
    throw new FinanceInputError(
      `Year index must be a whole number ≥ 0 (got ${t}); flows before the base year are not allowed (C3)`,
      'year',
    );
  }
}

function greenBookRate(t: number): Decimal {
  // The table's first band is "years 0–30", so year 0 reports 3.5% even though DF(0) = 1.
  for (const band of GREEN_BOOK_BANDS) if (t >= band.from) return band.rate;
  return GREEN_BOOK_BANDS[GREEN_BOOK_BANDS.length - 1].rate;
}

function checkedRate(rule: Extract<DiscountRule, { kind: 'constant' }>): Decimal {
  if (!rule.rate.isFinite() || rule.rate.lte(-1)) {
    throw new FinanceInputError(
      `A constant discount rate must be greater than −100% (got ${rule.rate.toString()})`,
      'rate',
    );
  }
  return rule.rate;
}

/** The rate that discounts year t back to year t − 1 (for t = 0, the schedule's opening rate). */
export function discountRate(rule: DiscountRule, t: number): Decimal {
  checkYearIndex(t);
  return rule.kind === 'green_book' ? greenBookRate(t) : checkedRate(rule);
}

function ensureGreenBook(n: number): Decimal[] {
  // C3: the factor is cumulative, DF(t) = DF(t−1) / (1 + r(t)), so rates change at band edges
  // without a jump in the factor.
  for (let t = greenBookFactors.length; t < n; t++) {
    greenBookFactors.push(greenBookFactors[t - 1].dividedBy(ONE.plus(greenBookRate(t))));
  }
  return greenBookFactors;
}

function ensureConstant(rate: Decimal, n: number): Decimal[] {
  const key = rate.toString();
  let table = constantFactors.get(key);
  if (!table) {
    if (constantFactors.size >= MAX_CONSTANT_TABLES) constantFactors.clear();
    table = [ONE];
    constantFactors.set(key, table);
  }
  // C3: DF(t) = 1 / (1 + r)^t; each factor is one division of an exact power, so no error builds up.
  const growth = ONE.plus(rate);
  for (let t = table.length; t < n; t++) table.push(ONE.dividedBy(growth.pow(t)));
  return table;
}

function factorTable(rule: DiscountRule, n: number): Decimal[] {
  return rule.kind === 'green_book' ? ensureGreenBook(n) : ensureConstant(checkedRate(rule), n);
}

/** DF(t) under the rule (C3). */
export function discountFactor(rule: DiscountRule, t: number): Decimal {
  checkYearIndex(t);
  return factorTable(rule, t + 1)[t];
}

/** DF(0..n−1) under the rule (C3); a fresh array, so callers cannot disturb the cache. */
export function discountFactors(rule: DiscountRule, n: number): Decimal[] {
  if (!Number.isInteger(n) || n < 0)
    throw new FinanceInputError(`Number of years must be a whole number ≥ 0 (got ${n})`, 'year');
  return factorTable(rule, n).slice(0, n);
}
