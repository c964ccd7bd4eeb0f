/**
 * A floating-point GUESS at an IRR root, for the Decimal solver to prove or discard (CONVENTIONS
 * C1, C6). This is the only place in the engine where a Decimal becomes a JS number, and nothing
 * computed here is ever reported: irr-solver.ts accepts a guess only after evaluating the
 * polynomial in Decimal on both sides of it and finding the signs that trap the root within the
 * tolerance. A wrong or failed guess (overflow, cancellation, a double root) costs a little time,
 * never a digit. It exists because a Decimal Horner pass costs microseconds and a float one
 * nanoseconds: the search runs in floats, the proof in Decimal.
 */
import type { Horner, SolverDecimal } from './irr-polynomial';

const MAX_ITERATIONS = 100;

/**
 * A Decimal's value as a float, to about 16 digits, from its documented read-only digits (base
 * 10^7 words), exponent and sign: several times cheaper than toNumber(), which formats a string.
 */
function roughly(x: SolverDecimal): number {
  const words = Math.min(x.d.length, 3);
  let mantissa = 0;
  for (let i = 0; i < words; i++) mantissa = mantissa * 1e7 + x.d[i];
  let leading = 1;
  for (let w = x.d[0]; w >= 10; w = Math.floor(w / 10)) leading++;
  return x.s * mantissa * 10 ** (x.e + 1 - leading - 7 * (words - 1));
}

/** H(y) and H'(y) in one Horner pass, in floats. */
function valueAndSlope(h: readonly number[], y: number): [number, number] {
  let value = h[0];
  let slope = 0;
  for (let j = 1; j < h.length; j++) {
    slope = slope * y + value;
    value = value * y + h[j];
  }
  return [value, slope];
}

/**
 * A root of H between `lo` and `hi`, where H(lo) and H(hi) have the signs given (opposite, non-zero):
 * Newton steps kept inside a shrinking bracket, bisecting whenever a step leaves it, until the
 * bracket stops shrinking at float resolution. Null when the floats cannot follow the polynomial.
 */
export function floatRootGuess(h: Horner, lo: SolverDecimal, hi: SolverDecimal, loNegative: boolean): number | null {
  const coefficients = h.map(roughly);
  let [a, b] = [roughly(lo), roughly(hi)];
  let y = (a + b) / 2;
  let [lastStep, stepBefore] = [Infinity, Infinity];
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const [value, slope] = valueAndSlope(coefficients, y);
    if (!Number.isFinite(value) || !Number.isFinite(slope)) return null;
    if (value === 0) return y;
    if (value < 0 === loNegative) a = y;
    else b = y;
    const newton = slope === 0 ? Number.NaN : y - value / slope;
    // As in rtsafe: bisect when Newton leaves the bracket or has not halved its step since the one before last.
    const next = newton > a && newton < b && Math.abs(newton - y) <= stepBefore / 2 ? newton : (a + b) / 2;
    if (next === y || next === a || next === b) return y;
    [lastStep, stepBefore] = [Math.abs(next - y), lastStep];
    y = next;
  }
  return y;
}
