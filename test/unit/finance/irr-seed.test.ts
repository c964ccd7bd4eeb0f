/**
 * The IRR seed runs in 8-digit arithmetic (irr-seed.ts): it only has to land near the root, and
 * the solver must never take a sign from it. These tests pin both halves of that contract.
 */
import { irr } from '../../../server/finance/irr';
import { SolverDecimal } from '../../../server/finance/irr-polynomial';
import { logSpaceSeed, momentsAtOne, newtonSeed } from '../../../server/finance/irr-seed';
import { rootInUnitInterval, RATE_TOLERANCE } from '../../../server/finance/irr-solver';
import { d, ds, Exact } from '../../fixtures/finance/builders';

const NEAR = d('0.035');

function horner(values: readonly string[]): SolverDecimal[] {
  return values.map((v) => new SolverDecimal(v));
}

/** Σ N(t)/(1+r)^t in 60 digits. */
function npvAt(flows: readonly string[], rate: { toString(): string }): InstanceType<typeof Exact> {
  const g = new Exact(1).plus(rate.toString());
  return flows.reduce((sum, f, t) => sum.plus(new Exact(f).dividedBy(g.pow(t))), new Exact(0));
}

describe('IRR seeds (8-digit arithmetic, 6 significant digits out)', () => {
  it('seeds inside (0, 1), near the root, for a typical project profile', () => {
    // −1000 then 300, 400, 500: a positive IRR, so the solver seeks x = 1/(1 + r) in (0, 1) as a
    // root of P(x) = 500x³ + 400x² + 300x − 1000 (Horner order, highest power first).
    const h = horner(['500', '400', '300', '-1000']);
    const seed = logSpaceSeed(momentsAtOne(h))!;
    expect(seed.gt(0) && seed.lt(1)).toBe(true);
    expect(seed.sd()).toBeLessThanOrEqual(6);
    const root = rootInUnitInterval(
      h,
      h.reduce((s, v) => s.plus(v)),
      RATE_TOLERANCE,
    );
    expect(seed.minus(root).abs().lt('0.01')).toBe(true);
  });

  it('falls back to a Newton seed inside (0, 1) as a working-precision Decimal', () => {
    const seed = newtonSeed(momentsAtOne(horner(['-100', '0', '0', '150'])));
    expect(seed).toBeInstanceOf(SolverDecimal);
    expect(seed.gt(0) && seed.lt(1)).toBe(true);
  });

  it('takes H(1) from the caller: flows whose sum is lost in 8 digits still solve exactly', () => {
    // Σ = 0.01 on magnitudes of 10^8: in 8 digits the positive and negative sums cancel to 0, so
    // a bracket built from the seed's sums would have no sign at y = 1.
    const flows = ['-100000000', '50000000', '50000000.01'];
    const result = irr(ds(flows), NEAR);
    expect(result.ambiguous).toBe(false);
    expect(result.irr!.gt(0)).toBe(true);
    expect(result.irr!.lt('1e-9')).toBe(true);
    expect(npvAt(flows, result.irr!.minus('1e-12')).isPos()).toBe(true);
    expect(npvAt(flows, result.irr!.plus('1e-12')).isNeg()).toBe(true);
  });

  it('solves a one-year profile whose rate is 1e−10', () => {
    const result = irr(ds(['-100000000', '100000000.01']), NEAR);
    expect(result.irr!.minus('1e-10').abs().lt('1e-15')).toBe(true);
  });
});
