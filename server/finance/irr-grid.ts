/**
 * Grid search for the IRR root nearest a target rate, for flows whose roots cannot be counted
 * cheaply (CONVENTIONS C6, several sign changes). Cells are visited outward from the target and
 * the search stops once no unvisited cell can hold a nearer root, so the usual case costs a few
 * evaluations rather than the whole grid.
 */
import { evaluate, SOLVER_ONE, SolverDecimal, type Horner } from './irr-polynomial';
import { provenGuess, RATE_TOLERANCE, refineInBracket } from './irr-solver';

/** Rates of a scan grid, ascending; its first and last points are the ends of its range. */
export interface RateGrid {
  rates: readonly SolverDecimal[];
  /** g = 1 + r for each rate. */
  growth: readonly SolverDecimal[];
}

export function rateGrid(rates: readonly string[]): RateGrid {
  const values = rates.map((r) => new SolverDecimal(r));
  return { rates: values, growth: values.map((r) => SOLVER_ONE.plus(r)) };
}

interface Found {
  rate: SolverDecimal;
  distance: SolverDecimal;
}

/** Cell indices (cell i spans points i and i+1) in order of distance from the target. */
function* cellsOutward(
  rates: readonly SolverDecimal[],
  target: SolverDecimal,
): Generator<{ cell: number; distance: SolverDecimal }> {
  let right = rates.findIndex((r) => r.gt(target)); // first point above the target
  if (right < 0) right = rates.length;
  let left = right - 2; // the cell wholly below the target's cell
  if (right > 0 && right < rates.length) yield { cell: right - 1, distance: new SolverDecimal(0) };
  else if (right === 0) left = -1;
  while (left >= 0 || right < rates.length - 1) {
    const leftDistance = left >= 0 ? target.minus(rates[left + 1]) : null;
    const rightDistance = right < rates.length - 1 ? rates[right].minus(target) : null;
    if (rightDistance === null || (leftDistance !== null && leftDistance.lte(rightDistance))) {
      yield { cell: left, distance: leftDistance! };
      left--;
    } else {
      yield { cell: right, distance: rightDistance };
      right++;
    }
  }
}

/**
 * The root of Q(g) = Σ c_k g^(m−k) nearest `target` among those the grid's sign changes reveal,
 * strictly inside the grid's range; null if none. Two roots within one cell are not seen.
 */
export function nearestRootOnGrid(c: Horner, grid: RateGrid, target: SolverDecimal): Found | null {
  const values: (SolverDecimal | undefined)[] = [];
  const valueAt = (i: number) => (values[i] ??= evaluate(c, grid.growth[i]));
  const last = grid.rates.length - 1;
  let best: Found | null = null;
  const consider = (rate: SolverDecimal) => {
    const distance = rate.minus(target).abs();
    if (best === null || distance.lt(best.distance)) best = { rate, distance };
  };
  for (const { cell, distance } of cellsOutward(grid.rates, target)) {
    if (best !== null && distance.gte((best as Found).distance)) break;
    const [fa, fb] = [valueAt(cell), valueAt(cell + 1)];
    if (fa.isZero() && cell > 0) consider(grid.rates[cell]);
    if (fb.isZero() && cell + 1 < last) consider(grid.rates[cell + 1]);
    if (!fa.isZero() && !fb.isZero() && fa.isNeg() !== fb.isNeg()) {
      const a = { y: grid.growth[cell], f: fa };
      const b = { y: grid.growth[cell + 1], f: fb };
      consider(
        (provenGuess(c, a, b, RATE_TOLERANCE) ?? refineInBracket(c, a, b, b, a, RATE_TOLERANCE)).minus(SOLVER_ONE),
      );
    }
  }
  return best;
}
