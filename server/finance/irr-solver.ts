/**
 * Root finding for the IRR (CONVENTIONS C6), entirely in Decimal.
 *
 * With g = 1 + r and yearly flows c₀..c_m (zeros trimmed at both ends), NPV(r)·g^last equals the
 * polynomial Q(g) = Σ c_k g^(m−k), so NPV and Q have the same sign for r > −1 and the same roots.
 * Substituting x = 1/g gives P(x) = Σ c_k x^k, which is the better-conditioned form for r > 0.
 * Both are evaluated with Horner's scheme: m multiplications and m additions per evaluation.
 */
import DecimalJs from 'decimal.js';
import type { Decimal } from '../money';

/**
 * A working precision of 20 digits is ample for |Δr| < 1e−12 and keeps each Horner step cheap;
 * the solver's results go back to the money Decimal by the caller.
 */
export const SolverDecimal = DecimalJs.clone({ precision: 20, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type SolverDecimal = DecimalJs;

const ZERO = new SolverDecimal(0);
const ONE = new SolverDecimal(1);
const HALF = new SolverDecimal('0.5');
const TWO = new SolverDecimal(2);
const TWELVE = new SolverDecimal(12);
const THIRD = ONE.dividedBy(3);
const FIFTH = new SolverDecimal('0.2');
/** Stopping tolerance on the rate: the last step taken is below 1e−12, so the error is far below. */
const TOLERANCE = new SolverDecimal('1e-5');
const MAX_ITERATIONS = 200;
const COARSE = new SolverDecimal('1e-6');

/** Coefficients in Horner order: h[0] multiplies the highest power, h[m] is the constant term. */
export type Horner = readonly SolverDecimal[];

export function evaluate(h: Horner, y: SolverDecimal): SolverDecimal {
  let value = h[0];
  for (let j = 1; j < h.length; j++) value = value.times(y).plus(h[j]);
  return value;
}

/**
 * Data at y = 1 that costs only additions: the sums B and −C of the positive and negative
 * coefficients (H(1) = B − C) and their exponent-weighted sums (H'(1) is their total), using
 * Σ (m − j)·h_j = Σ_{j<m} (h₀ + … + h_j).
 */
interface MomentsAtOne {
  pos: SolverDecimal;
  neg: SolverDecimal;
  posWeighted: SolverDecimal;
  negWeighted: SolverDecimal;
}

function momentsAtOne(h: Horner): MomentsAtOne {
  let [pos, neg, posWeighted, negWeighted] = [ZERO, ZERO, ZERO, ZERO];
  for (let j = 0; j < h.length; j++) {
    if (j > 0 && !pos.isZero()) posWeighted = posWeighted.plus(pos);
    if (j > 0 && !neg.isZero()) negWeighted = negWeighted.plus(neg);
    if (h[j].isNeg()) neg = neg.plus(h[j]);
    else if (!h[j].isZero()) pos = pos.plus(h[j]);
  }
  return { pos, neg, posWeighted, negWeighted };
}

/** Same sign, counting zero as a sign of its own (a zero ends the search before this is asked). */
function sameSign(a: SolverDecimal, b: SolverDecimal): boolean {
  return a.isNeg() === b.isNeg();
}

interface Point {
  y: SolverDecimal;
  f: SolverDecimal;
}

/** How small a step must be, in y, for |Δr| < TOLERANCE (for x = 1/g, Δr ≈ Δx / x²). */
export type StepTolerance = (y: SolverDecimal) => SolverDecimal;
export const RATE_TOLERANCE: StepTolerance = () => TOLERANCE;
export const INVERSE_TOLERANCE: StepTolerance = (x) => TOLERANCE.times(x).times(x);

/**
 * Rounds an iterate to the digits its step size justifies: the next error is about the square of
 * this step, so digits beyond that only make the next Horner pass slower.
 */
function trimmedIterate(y: SolverDecimal, step: SolverDecimal): SolverDecimal {
  if (step.isZero()) return y;
  const digits = 2 * (y.e - step.e) + 4;
  return digits >= SolverDecimal.precision ? y : y.toSignificantDigits(digits < 6 ? 6 : digits);
}

/** A trial point inside the bracket, or null when the secant step is missing, outside or too slow. */
function secantCandidate(x0: Point, x1: Point, a: Point, b: Point, stepBefore: SolverDecimal | null): { y: SolverDecimal; step: SolverDecimal } | null {
  const next = secantStep(x0, x1);
  if (next === null || !next.gt(a.y) || !next.lt(b.y)) return null;
  const step = next.minus(x1.y).abs();
  // As in Brent's method: a step that has not halved since the one before last means the secant
  // is stalling, so bisect instead.
  if (stepBefore !== null && step.gt(stepBefore.times(HALF))) return null;
  const y = trimmedIterate(next, step);
  return y.gt(a.y) && y.lt(b.y) ? { y, step } : { y: next, step };
}

/**
 * Refines a root of H inside a bracket [lo, hi] whose ends have opposite signs: secant steps from
 * the two latest points (superlinear), with bisection whenever a step leaves the bracket or
 * stalls, so it always converges.
 */
export function refineInBracket(h: Horner, lo: Point, hi: Point, latest: Point, previous: Point, tolerance: StepTolerance): SolverDecimal {
  let [a, b, x0, x1] = [lo, hi, previous, latest];
  let [lastStep, stepBefore]: (SolverDecimal | null)[] = [null, null];
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const candidate = secantCandidate(x0, x1, a, b, stepBefore);
    const y = candidate ? candidate.y : a.y.plus(b.y).times(HALF);
    const step = candidate ? candidate.step : b.y.minus(a.y).times(HALF);
    // The tolerance is only worked out once the step is small enough to be the last.
    if (step.lt(COARSE) && step.lt(tolerance(y))) return y;
    const point = { y, f: evaluate(h, y) };
    if (point.f.isZero()) return y;
    if (sameSign(point.f, a.f)) a = point;
    else b = point;
    [x0, x1] = [x1, point];
    [lastStep, stepBefore] = [step, lastStep];
  }
  return a.y.plus(b.y).times(HALF);
}

function secantStep(p: Point, q: Point): SolverDecimal | null {
  const df = q.f.minus(p.f);
  if (df.isZero()) return null;
  return q.y.minus(q.f.times(q.y.minus(p.y)).dividedBy(df));
}

/**
 * A seed for the root in (0, 1) from the moments at y = 1. ln B(e^u) − ln C(e^u) is close to
 * linear in u = ln y, so one Newton step on it lands near the root even when the root is far from
 * 1 (where a plain Newton step on H is poor). ln and exp are replaced by short series: a seed
 * needs about two correct digits, not more.
 */
function logNewtonSeed({ pos, neg, posWeighted, negWeighted }: MomentsAtOne): SolverDecimal | null {
  if (pos.isZero() || neg.isZero()) return null;
  const z = pos.plus(neg).dividedBy(pos.minus(neg)); // (B − C)/(B + C), with C = −neg
  const z2 = z.times(z);
  const lnRatio = z.times(ONE.plus(z2.times(THIRD)).plus(z2.times(z2).times(FIFTH))).times(TWO); // 2·atanh z
  // The slope of ln B − ln C in u is posWeighted/pos − negWeighted/neg; over one denominator:
  const slopeNumerator = posWeighted.times(neg).minus(negWeighted.times(pos));
  if (slopeNumerator.isZero()) return null;
  const du = lnRatio.times(pos).times(neg).dividedBy(slopeNumerator).negated();
  const du2 = du.times(du);
  const du6 = du.times(6);
  const y = TWELVE.plus(du6).plus(du2).dividedBy(TWELVE.minus(du6).plus(du2)); // Padé exp(du)
  return y.gt(ZERO) && y.lt(ONE) ? y.toSignificantDigits(6) : null;
}

/** A plain Newton step on H from y = 1, the fallback seed. */
function newtonSeed({ pos, neg, posWeighted, negWeighted }: MomentsAtOne): SolverDecimal {
  const slope = posWeighted.plus(negWeighted);
  const y = slope.isZero() ? HALF : ONE.minus(pos.plus(neg).dividedBy(slope)).toSignificantDigits(6);
  return y.gt(ZERO) && y.lt(ONE) ? y : HALF;
}

/**
 * The single root in (0, 1) of H, given that H(0) = h[m] and H(1) differ in sign (neither zero):
 * a log-space Newton seed, else a Newton step from 1 (its value and slope cost only additions),
 * starts the bracketed secant.
 */
export function rootInUnitInterval(h: Horner, tolerance: StepTolerance): SolverDecimal {
  const moments = momentsAtOne(h);
  const at0: Point = { y: ZERO, f: h[h.length - 1] };
  const at1: Point = { y: ONE, f: moments.pos.plus(moments.neg) };
  const guess = logNewtonSeed(moments) ?? newtonSeed(moments);
  const seed: Point = { y: guess, f: evaluate(h, guess) };
  if (seed.f.isZero()) return guess;
  const [lo, hi] = sameSign(seed.f, at0.f) ? [seed, at1] : [at0, seed];
  return refineInBracket(h, lo, hi, seed, at1, tolerance);
}

export function toSolver(values: readonly Decimal[]): SolverDecimal[] {
  return values.map((v) => new SolverDecimal(v));
}

export const SOLVER_ONE = ONE;
export const SOLVER_ZERO = ZERO;
