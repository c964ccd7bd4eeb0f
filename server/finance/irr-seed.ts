/**
 * Starting points for the IRR root search (CONVENTIONS C6): good seeds save Horner passes, the
 * engine's main cost. Everything here comes from sums at y = 1, which need additions only.
 */
import DecimalJs from 'decimal.js';
import { SolverDecimal, type Horner } from './irr-polynomial';

/**
 * A seed needs about 4 correct digits and the solver refines it at full working precision, so the
 * seed arithmetic runs at 8 digits: each operation (several divisions among them) is cheaper, and
 * nothing computed here decides a sign the solver relies on (H(1) comes from the caller).
 */
const SeedDecimal = DecimalJs.clone({ precision: 8, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
type SeedDecimal = DecimalJs;

const ZERO = new SeedDecimal(0);
const ONE = new SeedDecimal(1);
const HALF = new SeedDecimal('0.5');
const TWO = new SeedDecimal(2);
const TWELVE = new SeedDecimal(12);
const THIRD = ONE.dividedBy(3);
const FIFTH = new SeedDecimal('0.2');
const LN10 = new SeedDecimal('2.3025851');
const ROOT_TEN = new SeedDecimal('3.1622777');

/**
 * Data at y = 1 that costs only additions: the sums B and −C of the positive and negative
 * coefficients (H(1) = B − C), their exponent-weighted sums (H'(1) is their total) and the
 * second-level sums Σ e(e+1)/2·h for exponents e, using running sums of running sums:
 * Σ (m − j)·h_j = Σ_{j<m} (h₀ + … + h_j).
 */
export interface MomentsAtOne {
  pos: SeedDecimal;
  neg: SeedDecimal;
  posWeighted: SeedDecimal;
  negWeighted: SeedDecimal;
  posSecond: SeedDecimal;
  negSecond: SeedDecimal;
}

export function momentsAtOne(h: Horner): MomentsAtOne {
  let [pos, neg, posWeighted, negWeighted, posSecond, negSecond] = [ZERO, ZERO, ZERO, ZERO, ZERO, ZERO];
  for (let j = 0; j < h.length; j++) {
    if (j > 0 && !pos.isZero()) posSecond = posSecond.plus((posWeighted = posWeighted.plus(pos)));
    if (j > 0 && !neg.isZero()) negSecond = negSecond.plus((negWeighted = negWeighted.plus(neg)));
    if (h[j].isNeg()) neg = neg.plus(h[j]);
    else if (!h[j].isZero()) pos = pos.plus(h[j]);
  }
  return { pos, neg, posWeighted, negWeighted, posSecond, negSecond };
}

/**
 * A seed for the root in (0, 1) from the moments at y = 1. F(u) = ln B(e^u) − ln C(e^u) is close
 * to linear in u = ln y: F' is the difference of the exponents' weighted means and F'' of their
 * variances, so one Halley step on F lands near the root even far from 1, where a Newton step on
 * H itself is poor. ln and exp are replaced by short series: a seed needs a few digits, not more.
 */
export function logSpaceSeed(m: MomentsAtOne): SolverDecimal | null {
  if (m.pos.isZero() || m.neg.isZero()) return null;
  // Divisions cost several multiplications each, so divide once by each denominator.
  const [perB, perC] = [ONE.dividedBy(m.pos), ONE.dividedBy(m.neg)];
  const [meanB, meanC] = [m.posWeighted.times(perB), m.negWeighted.times(perC)];
  const slope = meanB.minus(meanC);
  if (slope.isZero()) return null;
  const varB = m.posSecond.times(TWO).minus(m.posWeighted).times(perB).minus(meanB.times(meanB));
  const varC = m.negSecond.times(TWO).minus(m.negWeighted).times(perC).minus(meanC.times(meanC));
  const perSlope = ONE.dividedBy(slope);
  const newton = lnRatio(m.pos, m.neg.negated()).times(perSlope).negated();
  const halley = ONE.plus(varB.minus(varC).times(newton).times(perSlope).times(HALF));
  const du = halley.gt(HALF) ? newton.dividedBy(halley) : newton;
  const y = approximateExp(du);
  return y.gt(ZERO) && y.lt(ONE) ? new SolverDecimal(y.toSignificantDigits(6)) : null;
}

/** ln(b/c) for b, c > 0 to about 3 digits: 2·atanh z with z = (b − c)/(b + c), ln 10 steps when b/c is extreme. */
function lnRatio(b: SeedDecimal, c: SeedDecimal): SeedDecimal {
  let z = b.minus(c).dividedBy(b.plus(c));
  let tens = 0;
  if (z.abs().gt(HALF)) {
    // Far from 1: scale the ratio by a power of ten into [0.32, 3.2), where the series converges fast.
    const ratio = b.dividedBy(c);
    tens = ratio.e; // ratio = scaled · 10^tens with scaled in [1, 10)
    let scaled = ratio.times(`1e${-tens}`);
    if (scaled.gt(ROOT_TEN)) [scaled, tens] = [scaled.times('0.1'), tens + 1];
    z = scaled.minus(ONE).dividedBy(scaled.plus(ONE));
  }
  const z2 = z.times(z);
  const series = z.times(ONE.plus(z2.times(THIRD)).plus(z2.times(z2).times(FIFTH))).times(TWO);
  return tens === 0 ? series : series.plus(LN10.times(tens));
}

/** e^u to about 4 digits: a (2,2) Padé approximant on u/2^k, squared k times, so |u/2^k| ≤ 0.5. */
function approximateExp(u: SeedDecimal): SeedDecimal {
  let halvings = 0;
  let v = u;
  while (v.abs().gt(HALF) && halvings < 64) {
    v = v.times(HALF);
    halvings++;
  }
  const v2 = v.times(v);
  const v6 = v.times(6);
  let y = TWELVE.plus(v6).plus(v2).dividedBy(TWELVE.minus(v6).plus(v2));
  for (let i = 0; i < halvings; i++) y = y.times(y);
  return y;
}

/** A plain Newton step on H from y = 1, the fallback seed. */
export function newtonSeed({ pos, neg, posWeighted, negWeighted }: MomentsAtOne): SolverDecimal {
  const slope = posWeighted.plus(negWeighted);
  const y = slope.isZero() ? HALF : ONE.minus(pos.plus(neg).dividedBy(slope)).toSignificantDigits(6);
  return new SolverDecimal(y.gt(ZERO) && y.lt(ONE) ? y : HALF);
}
