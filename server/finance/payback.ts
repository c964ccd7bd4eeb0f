/** Simple and discounted payback periods (CONVENTIONS C6). */
import { ZERO, type Decimal } from '../money';
import { presentValueByYear } from './present-value-by-year';

/**
 * C6 payback, in years from the base year, on yearly flows F(t) with cumulative S(t):
 * 0 if S is never negative; otherwise, after the first year t₀ with S(t₀) < 0, the first t > t₀
 * with S(t) ≥ 0, interpolated within that year as (t − 1) + (−S(t−1)) / F(t); null if S never
 * comes back to ≥ 0.
 */
export function paybackYears(flows: readonly Decimal[]): Decimal | null {
  let cumulative = ZERO;
  let wentNegative = false;
  for (let t = 0; t < flows.length; t++) {
    const previous = cumulative;
    cumulative = cumulative.plus(flows[t]);
    if (!wentNegative) {
      wentNegative = cumulative.isNeg() && !cumulative.isZero();
      continue;
    }
    if (!cumulative.isNeg() || cumulative.isZero()) {
      // S(t−1) < 0 ≤ S(t), so F(t) = S(t) − S(t−1) > 0 and the fraction lies in (0, 1].
      return previous.negated().dividedBy(flows[t]).plus(t - 1);
    }
  }
  return wentNegative ? null : ZERO;
}

/** C6 discounted payback: the same rule applied to N(t)·DF(t). */
export function discountedPaybackYears(net: readonly Decimal[], factors: readonly Decimal[]): Decimal | null {
  return paybackYears(presentValueByYear(net, factors));
}
