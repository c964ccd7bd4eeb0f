/** Yearly present values, shared by discounted payback and the appraisal table (CONVENTIONS C6). */
import { ZERO, type Decimal } from '../money';

/** amount(t)·DF(t) for each year index t (C3: year 0 has DF = 1, so it is unchanged). */
export function presentValueByYear(amounts: readonly Decimal[], factors: readonly Decimal[]): Decimal[] {
  if (factors.length < amounts.length) throw new RangeError('presentValueByYear: fewer discount factors than years');
  return amounts.map((a, t) => (a.isZero() ? ZERO : a.times(factors[t])));
}
