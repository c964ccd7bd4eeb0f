/**
 * Root refinement for the IRR (CONVENTIONS C6), entirely in Decimal: a bracketed secant method
 * on the polynomial forms set out in irr-polynomial.ts.
 */
import { evaluate, SOLVER_ONE as ONE, SOLVER_ZERO as ZERO, SolverDecimal, type Horner } from './irr-polynomial';
import { floatRootGuess } from './irr-float-guess';
import { logSpaceSeed, momentsAtOne, newtonSeed } from './irr-seed';

const HALF = new SolverDecimal('0.5');
/** Relative floor for the step in x = 1/g when the rate is huge (20 digits resolve about 1e−19). */
const RELATIVE_TOLERANCE = new SolverDecimal('1e-18');
/** Stopping tolerance on the rate: the last step taken is below 1e−12, so the error is far below. */
const TOLERANCE = new SolverDecimal('1e-12');
const MAX_ITERATIONS = 200;
const COARSE = new SolverDecimal('1e-6');
/** Secant points closer than 1e−4 (decimal exponent ≤ −5): the chord is then nearly the tangent. */
const LOCAL_EXPONENT = -4;

/** Same sign, counting zero as a sign of its own (a zero ends the search before this is asked). */
function sameSign(a: SolverDecimal, b: SolverDecimal): boolean {
  return a.isNeg() === b.isNeg();
}

/** A point on the polynomial: y and H(y). */
export interface Point {
  y: SolverDecimal;
  f: SolverDecimal;
}

/** How small a step must be, in y, for |Δr| < TOLERANCE (for x = 1/g, Δr ≈ Δx / x²). */
export type StepTolerance = (y: SolverDecimal) => SolverDecimal;
export const RATE_TOLERANCE: StepTolerance = () => TOLERANCE;
export const INVERSE_TOLERANCE: StepTolerance = (x) => {
  const absolute = TOLERANCE.times(x).times(x);
  const relative = RELATIVE_TOLERANCE.times(x);
  return absolute.gt(relative) ? absolute : relative;
};

/**
 * Rounds an iterate to the digits its step size justifies: the next error is about the square of
 * this step, so digits beyond that only make the next Horner pass slower.
 */
function trimmedIterate(y: SolverDecimal, step: SolverDecimal): SolverDecimal {
  if (step.isZero()) return y;
  const digits = 2 * (y.e - step.e) + 4;
  return digits >= SolverDecimal.precision ? y : y.toSignificantDigits(digits < 6 ? 6 : digits);
}

interface Candidate {
  y: SolverDecimal;
  step: SolverDecimal;
  /** The two secant points are close, so the chord is nearly the tangent and the step measures the error. */
  local: boolean;
}

/** A trial point inside the bracket, or null when the secant step is missing, outside or too slow. */
function secantCandidate(x0: Point, x1: Point, a: Point, b: Point, stepBefore: SolverDecimal | null): Candidate | null {
  const df = x1.f.minus(x0.f);
  if (df.isZero()) return null;
  const chord = x1.y.minus(x0.y);
  const delta = x1.f.times(chord).dividedBy(df);
  const next = x1.y.minus(delta);
  if (!next.gt(a.y) || !next.lt(b.y)) return null;
  const step = delta.abs();
  // As in Brent's method: a step that has not halved since the one before last means the secant
  // is stalling, so bisect instead.
  if (stepBefore !== null && step.gt(stepBefore.times(HALF))) return null;
  const y = trimmedIterate(next, step);
  // |chord| < 1e−4, read from its decimal exponent (the chord is never zero here, as df is not).
  const local = chord.e < LOCAL_EXPONENT;
  return { y: y.gt(a.y) && y.lt(b.y) ? y : next, step, local };
}

/**
 * Refines a root of H inside a bracket [lo, hi] whose ends have opposite signs: secant steps from
 * the two latest points (superlinear), with bisection whenever a step leaves the bracket or
 * stalls, so it always converges. A tiny step ends the search only when its chord is local: a
 * chord to a far point can propose a tiny step well away from the root.
 */
export function refineInBracket(
  h: Horner,
  lo: Point,
  hi: Point,
  latest: Point,
  previous: Point,
  tolerance: StepTolerance,
): SolverDecimal {
  let [a, b, x0, x1] = [lo, hi, previous, latest];
  let [lastStep, stepBefore]: (SolverDecimal | null)[] = [null, null];
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const candidate: Candidate | null = secantCandidate(x0, x1, a, b, stepBefore);
    const y = candidate ? candidate.y : a.y.plus(b.y).times(HALF);
    const step = candidate ? candidate.step : b.y.minus(a.y).times(HALF);
    const small = step.lt(COARSE);
    const trusted = !candidate || candidate.local;
    // The tolerance is only worked out once the step is small enough to be the last.
    if (trusted && small && step.lt(tolerance(y))) return y;
    const point = { y, f: evaluate(h, y) };
    if (point.f.isZero()) return y;
    if (sameSign(point.f, a.f)) a = point;
    else b = point;
    [x0, x1] = [x1, point];
    // A tiny step from a far chord says nothing about convergence: keep it out of the stall test.
    [lastStep, stepBefore] = trusted || !small ? [step, lastStep] : [null, null];
  }
  return a.y.plus(b.y).times(HALF);
}

/** About 70 float ulps of the guess: tight enough to beat any tolerance, loose enough to hold for a simple root. */
const FLOAT_BRACKET = new SolverDecimal('1e-14');

/** The guess when H has the ends' signs half a width either side of it (so the root lies within), else null. */
function trapped(h: Horner, lo: Point, hi: Point, rough: SolverDecimal, half: SolverDecimal): SolverDecimal | null {
  // Digits far below the bracket only make the two Horner passes slower.
  const y = rough.toDecimalPlaces(1 - half.e);
  const [below, above] = [y.minus(half), y.plus(half)];
  if (!below.gt(lo.y) || !above.lt(hi.y)) return null;
  const atBelow = evaluate(h, below);
  if (atBelow.isZero()) return below;
  if (!sameSign(atBelow, lo.f)) return null;
  const atAbove = evaluate(h, above);
  if (atAbove.isZero()) return above;
  return sameSign(atAbove, hi.f) ? y : null;
}

/**
 * A root of H between `lo` and `hi` (opposite signs, neither zero) proven to the tolerance, or
 * null. A float guess (irr-float-guess.ts) is accepted only when H, evaluated in Decimal either
 * side of it, has the signs of the two ends, which traps the root. The bracket tried first is a
 * few float ulps wide, so the root is usually known far more closely than the tolerance asks (near
 * r = −100% NPV moves so fast that 1e−12 in the rate is a large NPV); then half a tolerance.
 * Two Decimal Horner passes instead of a search's six or more.
 */
export function provenGuess(h: Horner, lo: Point, hi: Point, tolerance: StepTolerance): SolverDecimal | null {
  const guess = floatRootGuess(h, lo.y, hi.y, lo.f.isNeg());
  if (guess === null) return null;
  const rough = new SolverDecimal(guess);
  const loose = tolerance(rough).times(HALF);
  const tight = rough.abs().times(FLOAT_BRACKET);
  if (tight.lt(loose)) {
    const proven = trapped(h, lo, hi, rough, tight);
    if (proven !== null) return proven;
  }
  return trapped(h, lo, hi, rough, loose);
}

/**
 * The single root in (0, 1) of H, given that H(0) = h[m] and H(1) = Σh = `atOne` differ in sign
 * (neither zero): a proven float guess, else a log-space Halley seed or a Newton step from 1 (its
 * value and slope cost only additions) starts the bracketed secant. H(1) comes from the caller at
 * working precision, since the seed's own sums are only rough and the bracket must have the true
 * signs.
 */
export function rootInUnitInterval(h: Horner, atOne: SolverDecimal, tolerance: StepTolerance): SolverDecimal {
  const at0: Point = { y: ZERO, f: h[h.length - 1] };
  const at1: Point = { y: ONE, f: atOne };
  const proven = provenGuess(h, at0, at1, tolerance);
  if (proven !== null) return proven;
  const moments = momentsAtOne(h);
  const guess = logSpaceSeed(moments) ?? newtonSeed(moments);
  const seed: Point = { y: guess, f: evaluate(h, guess) };
  if (seed.f.isZero()) return guess;
  const [lo, hi] = sameSign(seed.f, at0.f) ? [seed, at1] : [at0, seed];
  return refineInBracket(h, lo, hi, seed, at1, tolerance);
}
