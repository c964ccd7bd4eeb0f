/** Internal rate of return on yearly net flows (CONVENTIONS C6). */
import { Decimal } from '../money';
import {
  evaluate,
  INVERSE_TOLERANCE,
  RATE_TOLERANCE,
  refineInBracket,
  rootInUnitInterval,
  SOLVER_ONE,
  SolverDecimal,
  toSolver,
} from './irr-solver';

export interface IrrResult {
  irr: Decimal | null;
  /** True when N has several sign changes, so several rates may solve NPV = 0 (C6). */
  ambiguous: boolean;
}

/** C6: with several sign changes only roots in (−0.99, 10) are considered. */
const WINDOW_RATES = [
  '-0.99', '-0.98', '-0.96', '-0.93', '-0.9', '-0.85', '-0.8', '-0.7', '-0.6', '-0.5', '-0.4', '-0.3', '-0.25',
  '-0.2', '-0.16', '-0.12', '-0.1', '-0.08', '-0.06', '-0.05', '-0.04', '-0.03', '-0.02', '-0.01', '0', '0.01',
  '0.02', '0.03', '0.04', '0.05', '0.06', '0.07', '0.08', '0.09', '0.1', '0.12', '0.14', '0.16', '0.18', '0.2',
  '0.23', '0.26', '0.3', '0.35', '0.4', '0.45', '0.5', '0.6', '0.7', '0.8', '0.9', '1', '1.2', '1.4', '1.6',
  '1.8', '2', '2.5', '3', '3.5', '4', '5', '6', '7', '8', '9', '10',
];
/** The scan grid as g = 1 + r; non-uniform, finest where IRRs of real projects fall (near 0). */
let windowGrid: SolverDecimal[] | null = null;

function grid(): SolverDecimal[] {
  windowGrid ??= WINDOW_RATES.map((r) => SOLVER_ONE.plus(r));
  return windowGrid;
}

/** Sign changes along the sequence, zeros ignored (C6: "no sign change" → no IRR). */
export function countSignChanges(values: readonly Decimal[]): number {
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

/**
 * One sign change: by Descartes' rule of signs Q has exactly one positive root. Q(0) = c_m and
 * Q(1) = Σc locate it below or above g = 1; above, the root is sought as x = 1/g in (0, 1).
 */
function uniqueRate(c: SolverDecimal[]): SolverDecimal {
  const atOne = c.reduce((sum, v) => sum.plus(v));
  if (atOne.isZero()) return atOne;
  if (atOne.isNeg() !== c[c.length - 1].isNeg()) {
    return rootInUnitInterval(c, RATE_TOLERANCE).minus(SOLVER_ONE);
  }
  const x = rootInUnitInterval([...c].reverse(), INVERSE_TOLERANCE);
  return SOLVER_ONE.dividedBy(x).minus(SOLVER_ONE);
}

/** Every root found by sign changes of Q over the grid, each refined; as rates. */
function ratesInWindow(c: SolverDecimal[]): SolverDecimal[] {
  const g = grid();
  const rates: SolverDecimal[] = [];
  let prev = { y: g[0], f: evaluate(c, g[0]) };
  for (let i = 1; i < g.length; i++) {
    const point = { y: g[i], f: evaluate(c, g[i]) };
    // An exact zero on an inner grid point is a root; the window itself is open (C6).
    if (point.f.isZero() && i < g.length - 1) rates.push(point.y.minus(SOLVER_ONE));
    else if (!prev.f.isZero() && !point.f.isZero() && prev.f.isNeg() !== point.f.isNeg()) {
      rates.push(refineInBracket(c, prev, point, point, prev, RATE_TOLERANCE).minus(SOLVER_ONE));
    }
    prev = point;
  }
  return rates;
}

function nearestTo(rates: SolverDecimal[], target: Decimal): SolverDecimal | null {
  let best: SolverDecimal | null = null;
  let bestDistance: SolverDecimal | null = null;
  for (const r of rates) {
    const distance = r.minus(target).abs();
    if (bestDistance === null || distance.lt(bestDistance)) [best, bestDistance] = [r, distance];
  }
  return best;
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
  const nearest = nearestTo(ratesInWindow(c), nearRate);
  return { irr: nearest === null ? null : new Decimal(nearest), ambiguous: true };
}
