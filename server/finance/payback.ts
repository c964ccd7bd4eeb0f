/** Simple and discounted payback periods (CONVENTIONS C6). */
import { ZERO, type Decimal } from '../money';
import { presentValueByYear } from './present-value-by-year';

function isNegative(d: Decimal): boolean {
  return d.isNeg() && !d.isZero();
}

/**
 * C6 payback from yearly flows F(t) and their running sums S(t): 0 if S is never negative;
 * otherwise, after the first year t₀ with S(t₀) < 0, the first t > t₀ with S(t) ≥ 0, interpolated
 * within that year as (t − 1) + (−S(t−1)) / F(t); null if S never comes back to ≥ 0.
 */
export function paybackFromCumulative(flows: readonly Decimal[], cumulative: readonly Decimal[]): Decimal | null {
  let wentNegative = false;
  for (let t = 0; t < cumulative.length; t++) {
    if (!wentNegative) {
      wentNegative = isNegative(cumulative[t]);
    } else if (!isNegative(cumulative[t])) {
      // S(t−1) < 0 ≤ S(t), so F(t) = S(t) − S(t−1) > 0 and the fraction lies in (0, 1].
      return cumulative[t - 1]
        .negated()
        .dividedBy(flows[t])
        .plus(t - 1);
    }
  }
  return wentNegative ? null : ZERO;
}

function runningSums(flows: readonly Decimal[]): Decimal[] {
  let sum = ZERO;
  return flows.map((f) => (sum = f.isZero() ? sum : sum.plus(f)));
}

/** C6 simple payback, in years from the base year, on yearly net flows N(t). */
export function paybackYears(net: readonly Decimal[]): Decimal | null {
  return paybackFromCumulative(net, runningSums(net));
}

/** C6 discounted payback: the same rule applied to N(t)·DF(t). */
export function discountedPaybackYears(net: readonly Decimal[], factors: readonly Decimal[]): Decimal | null {
  return paybackYears(presentValueByYear(net, factors));
}
