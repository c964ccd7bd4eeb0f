/**
 * The polynomial behind the IRR (CONVENTIONS C6), in a Decimal of its own working precision.
 *
 * With g = 1 + r and yearly flows c₀..c_m (zeros trimmed at both ends), NPV(r)·g^last equals the
 * polynomial Q(g) = Σ c_k g^(m−k), so NPV and Q have the same sign for r > −1 and the same roots.
 * Substituting x = 1/g gives P(x) = Σ c_k x^k, which is the better-conditioned form for r > 0.
 * Both are evaluated with Horner's scheme: m multiplications and m additions per evaluation.
 * Written in Horner order (highest power first), a root in (0, 1) of either is what is sought.
 */
import DecimalJs from 'decimal.js';
import type { Decimal } from '../money';

/**
 * A working precision of 20 digits is ample for |Δr| < 1e−12 and keeps each Horner step cheap;
 * the solver's results go back to the money Decimal by the caller.
 */
export const SolverDecimal = DecimalJs.clone({
  precision: 20,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type SolverDecimal = DecimalJs;

export const SOLVER_ZERO = new SolverDecimal(0);
export const SOLVER_ONE = new SolverDecimal(1);

/** Coefficients in Horner order: h[0] multiplies the highest power, h[m] is the constant term. */
export type Horner = readonly SolverDecimal[];

/** H(y) by Horner's scheme: m multiplications and at most m additions. */
export function evaluate(h: Horner, y: SolverDecimal): SolverDecimal {
  let value = h[0];
  for (let j = 1; j < h.length; j++) {
    value = value.times(y);
    if (!h[j].isZero()) value = value.plus(h[j]);
  }
  return value;
}

export function toSolver(values: readonly Decimal[]): SolverDecimal[] {
  return values.map((v) => new SolverDecimal(v));
}
