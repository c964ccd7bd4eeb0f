/** Internal rate of return on yearly net flows (CONVENTIONS C6). */
import { Decimal } from '../money';
import { nearestRootOnGrid, rateGrid } from './irr-grid';
import { SOLVER_ONE, SOLVER_ZERO, SolverDecimal, toSolver, type Horner } from './irr-polynomial';
import { INVERSE_TOLERANCE, RATE_TOLERANCE, rootInUnitInterval } from './irr-solver';

export interface IrrResult {
  irr: Decimal | null;
  /** True when N has several sign changes, so several rates may solve NPV = 0 (C6). */
  ambiguous: boolean;
}

/**
 * C6: with several sign changes only roots in (−0.99, 10) are considered (both ends excluded).
 * Scan grids for each side of r = 0, non-uniform and finest near 0, where real projects' IRRs lie.
 */
const GRID_BELOW_ZERO = rateGrid([
  '-0.99',
  '-0.98',
  '-0.96',
  '-0.93',
  '-0.9',
  '-0.85',
  '-0.8',
  '-0.7',
  '-0.6',
  '-0.5',
  '-0.4',
  '-0.3',
  '-0.25',
  '-0.2',
  '-0.16',
  '-0.12',
  '-0.1',
  '-0.08',
  '-0.06',
  '-0.05',
  '-0.04',
  '-0.03',
  '-0.02',
  '-0.01',
  '0',
]);
const GRID_ABOVE_ZERO = rateGrid([
  '0',
  '0.01',
  '0.02',
  '0.03',
  '0.04',
  '0.05',
  '0.06',
  '0.07',
  '0.08',
  '0.09',
  '0.1',
  '0.12',
  '0.14',
  '0.16',
  '0.18',
  '0.2',
  '0.23',
  '0.26',
  '0.3',
  '0.35',
  '0.4',
  '0.45',
  '0.5',
  '0.6',
  '0.7',
  '0.8',
  '0.9',
  '1',
  '1.2',
  '1.4',
  '1.6',
  '1.8',
  '2',
  '2.5',
  '3',
  '3.5',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
]);
const WINDOW_LOW = GRID_BELOW_ZERO.rates[0];
const WINDOW_HIGH = GRID_ABOVE_ZERO.rates[GRID_ABOVE_ZERO.rates.length - 1];

/** Sign changes along the sequence, zeros ignored (C6: "no sign change" → no IRR). */
export function countSignChanges(values: readonly { isZero(): boolean; isNeg(): boolean }[]): number {
  let changes = 0;
  let lastNegative: boolean | null = null;
  for (const v of values) {
    if (v.isZero()) continue;
    const negative = v.isNeg();
    if (lastNegative !== null && negative !== lastNegative) changes++;
    lastNegative = negative;
  }
  return changes;
}

/** Leading zeros only shift NPV by a power of (1 + r) and trailing zeros add nothing: trim both. */
function trimmed(net: readonly Decimal[]): SolverDecimal[] {
  let first = 0;
  let last = net.length - 1;
  while (first <= last && net[first].isZero()) first++;
  while (last >= first && net[last].isZero()) last--;
  return toSolver(net.slice(first, last + 1));
}

function runningSums(values: readonly SolverDecimal[]): SolverDecimal[] {
  const sums: SolverDecimal[] = [];
  let sum = SOLVER_ZERO;
  for (const v of values) sums.push((sum = sum.plus(v)));
  return sums;
}

/** The one root of H in (0, 1), as a rate: y = g for rates below 0, y = x = 1/g above. */
function oneRoot(h: Horner, total: SolverDecimal, above: boolean): SolverDecimal {
  if (!above) return rootInUnitInterval(h, total, RATE_TOLERANCE).minus(SOLVER_ONE);
  return SOLVER_ONE.dividedBy(rootInUnitInterval(h, total, INVERSE_TOLERANCE)).minus(SOLVER_ONE);
}

/**
 * The root nearest `target` on one side of r = 0. Writing P(x) = Σ c_k x^k = (1 − x)·Σ S_k x^k + …
 * with S the running sums, Descartes' rule for that series bounds the roots for x in (0, 1), i.e.
 * r > 0, by the sign changes of S (Norstrom's criterion); the running sums from the other end do
 * the same for r < 0. None → no root; one (and a non-zero total) → exactly one, solved directly;
 * more → grid search outward from the target.
 */
function nearestOnSide(
  c: SolverDecimal[],
  above: boolean,
  total: SolverDecimal,
  target: SolverDecimal,
): SolverDecimal | null {
  const h = above ? [...c].reverse() : c;
  const variations = countSignChanges(runningSums(h.slice().reverse()));
  if (variations === 0) return null;
  if (variations === 1 && !total.isZero()) {
    const root = oneRoot(h, total, above);
    return root.gt(WINDOW_LOW) && root.lt(WINDOW_HIGH) ? root : null;
  }
  return nearestRootOnGrid(c, above ? GRID_ABOVE_ZERO : GRID_BELOW_ZERO, target)?.rate ?? null;
}

/** The root in the open window (−0.99, 10) nearest the target, for several sign changes. */
function nearestInWindow(c: SolverDecimal[], nearRate: Decimal): SolverDecimal | null {
  const target = new SolverDecimal(nearRate);
  const total = c.reduce((sum, v) => sum.plus(v));
  const candidates = [
    nearestOnSide(c, false, total, target),
    nearestOnSide(c, true, total, target),
    total.isZero() ? SOLVER_ZERO : null,
  ];
  let best: SolverDecimal | null = null;
  for (const r of candidates) {
    if (r !== null && (best === null || r.minus(target).abs().lt(best.minus(target).abs()))) best = r;
  }
  return best;
}

/**
 * One sign change: by Descartes' rule of signs Q has exactly one positive root. Q(0) = c_m and
 * Q(1) = Σc locate it below or above g = 1; above, the root is sought as x = 1/g in (0, 1).
 */
function uniqueRate(c: SolverDecimal[]): SolverDecimal {
  const atOne = c.reduce((sum, v) => sum.plus(v));
  if (atOne.isZero()) return atOne;
  const above = atOne.isNeg() === c[c.length - 1].isNeg();
  return oneRoot(above ? [...c].reverse() : c, atOne, above);
}

/**
 * C6 IRR: the rate r with Σ N(t)/(1+r)^t = 0, to |Δr| < 1e−12. Null with no sign change. One sign
 * change → the unique root (wherever it lies, as a spreadsheet's IRR() would find it). Several →
 * the root in (−0.99, 10) nearest `nearRate` (the discount rate), or null; flagged ambiguous.
 */
export function irr(net: readonly Decimal[], nearRate: Decimal): IrrResult {
  const changes = countSignChanges(net);
  if (changes === 0) return { irr: null, ambiguous: false };
  const c = trimmed(net);
  if (changes === 1) return { irr: new Decimal(uniqueRate(c)), ambiguous: false };
  const nearest = nearestInWindow(c, nearRate);
  return { irr: nearest === null ? null : new Decimal(nearest), ambiguous: true };
}
