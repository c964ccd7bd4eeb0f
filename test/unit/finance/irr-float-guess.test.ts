/**
 * The float guess only proposes where the IRR root is; Decimal decides (irr-float-guess.ts,
 * irr-solver.ts). These tests pin both halves: a good guess is proven to far better than the
 * tolerance, and a guess the floats cannot make, or a wrong one, never becomes an answer.
 */
import { floatRootGuess } from '../../../server/finance/irr-float-guess';
import { evaluate, SolverDecimal } from '../../../server/finance/irr-polynomial';
import { provenGuess, RATE_TOLERANCE, type Point } from '../../../server/finance/irr-solver';
import { Exact } from '../../fixtures/finance/builders';

const h = (values: readonly string[]) => values.map((v) => new SolverDecimal(v));
const point = (coefficients: SolverDecimal[], y: string): Point => ({
  y: new SolverDecimal(y),
  f: evaluate(coefficients, new SolverDecimal(y)),
});

describe('floatRootGuess', () => {
  it('lands within float resolution of a simple root: 100(y − 0.8)(y + 2) = 100y² + 120y − 160', () => {
    const guess = floatRootGuess(h(['100', '120', '-160']), new SolverDecimal(0), new SolverDecimal(1), true);
    expect(guess).not.toBeNull();
    expect(Math.abs(guess! - 0.8)).toBeLessThan(1e-15);
  });

  it('gives up (null) when the polynomial overflows a float: 400 years evaluated near g = 11', () => {
    const coefficients = h(['-1', ...Array<string>(398).fill('0'), '1e12']);
    expect(floatRootGuess(coefficients, new SolverDecimal(10), new SolverDecimal(11), true)).toBeNull();
  });
});

describe('provenGuess', () => {
  it('returns a root proven to within 1e−14 of it, far inside the 1e−12 tolerance', () => {
    // Root of y³ − 2 in (1, 2): the cube root of 2.
    const c = h(['1', '0', '0', '-2']);
    const root = provenGuess(c, point(c, '1'), point(c, '2'), RATE_TOLERANCE)!;
    expect(new Exact(root).minus(new Exact(2).cbrt()).abs().lt('1e-14')).toBe(true);
  });

  it('refuses a bracket whose ends do not hold the guessed root (null, so the Decimal search runs)', () => {
    // Ends given with the signs swapped: no float root can be proven against them.
    const c = h(['1', '0', '0', '-2']);
    const [lo, hi] = [point(c, '1'), point(c, '2')];
    expect(provenGuess(c, { y: lo.y, f: hi.f }, { y: hi.y, f: lo.f }, RATE_TOLERANCE)).toBeNull();
  });
});
