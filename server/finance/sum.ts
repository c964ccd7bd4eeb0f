/** Additions that skip zeros: most cells of a view or a year table are zero, and a Decimal addition costs far more than the test. */
import type { Decimal } from '../money';

/** a + b, returning the other operand unchanged when one is zero (the same value, no new Decimal). */
export function plus(a: Decimal, b: Decimal): Decimal {
  return b.isZero() ? a : a.isZero() ? b : a.plus(b);
}

/** a − b, returning a unchanged when b is zero. */
export function minus(a: Decimal, b: Decimal): Decimal {
  return b.isZero() ? a : a.minus(b);
}
