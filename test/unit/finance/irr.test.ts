import { countSignChanges, irr } from '../../../server/finance/irr';
import { vectorsOf } from '../../fixtures/finance/reference-vectors';
import { d, ds, Exact } from '../../fixtures/finance/builders';

const NEAR_GREEN_BOOK = d('0.035');

/** Σ N(t)/(1+r)^t by the plain formula in 60 digits, independent of the engine's Horner form. */
function npvAt(flows: readonly string[], rate: { toString(): string }): InstanceType<typeof Exact> {
  const g = new Exact(1).plus(rate.toString());
  return flows.reduce((sum, f, t) => sum.plus(new Exact(f).dividedBy(g.pow(t))), new Exact(0));
}

/** |NPV(r)| relative to Σ|N(t)|/(1+r)^t, the scale of the terms that cancel. */
function relativeNpv(flows: readonly string[], rate: { toString(): string }): InstanceType<typeof Exact> {
  const g = new Exact(1).plus(rate.toString());
  const scale = flows.reduce((sum, f, t) => sum.plus(new Exact(f).abs().dividedBy(g.pow(t))), new Exact(0));
  return npvAt(flows, rate).abs().dividedBy(scale);
}

describe('irr reference figures (S1–S4: match a spreadsheet IRR() to 6 dp)', () => {
  it.each(vectorsOf('irr'))('$id: IRR of $flows = $expected ($source)', (v) => {
    const result = irr(ds(v.flows), NEAR_GREEN_BOOK);
    expect(result.irr!.toFixed(v.places)).toBe(v.expected);
    expect(result.ambiguous).toBe(false);
    expect(relativeNpv(v.flows, result.irr!).lt('1e-12')).toBe(true);
  });
});

describe('irr with one sign change: the unique root (C6)', () => {
  it.each([
    // flows, exact IRR worked by hand
    [['-100', '110'], '0.1'],
    [['-100', '0', '121'], '0.1'], // zeros ignored: 1.1² = 1.21
    [['0', '0', '-100', '110', '0'], '0.1'], // leading and trailing zeros do not move it
    [['-100', '50', '50'], '0'], // Σ N = 0
    [['100', '-110'], '0.1'], // borrowing profile: + then −
    [['-100', '1000'], '9'], // IRR far above 1, where Newton from 0.1 overshoots
    [['-1', '0', '0', '1000'], '9'], // 10³ = 1000
    [['-100', '50000', '0'], '499'],
    [['-100', '10'], '-0.9'],
    [['-100', '0.5'], '-0.995'], // outside (−0.99, 10), but unique, so reported as a spreadsheet would
    [['-1', '1000000'], '999999'],
  ])('%j → %s', (flows, expected) => {
    const result = irr(ds(flows), NEAR_GREEN_BOOK);
    expect(result.ambiguous).toBe(false);
    expect(result.irr!.minus(expected).abs().lt('1e-9')).toBe(true);
  });

  it('is exact enough near −100%, where NPV moves fastest: −4514.85, 0, 0.01 (found by fast-check)', () => {
    // r = √(0.01 / 4514.85) − 1 ≈ −0.99851; an error of 1e−12 in r would leave a relative NPV near 1e−9.
    const flows = ['-4514.85', '0', '0.01'];
    const result = irr(ds(flows), NEAR_GREEN_BOOK);
    const expected = new Exact('0.01').dividedBy('4514.85').sqrt().minus(1);
    expect(new Exact(result.irr!).minus(expected).abs().lt('1e-15')).toBe(true);
    expect(relativeNpv(flows, result.irr!).lt('1e-12')).toBe(true);
  });

  it('solves a 9-year return of 10^7 times the outlay (r = 10^(7/9) − 1 ≈ 5)', () => {
    const flows = ['-100', '0', '0', '0', '0', '0', '0', '0', '0', '1000000000'];
    const expected = new Exact(10).pow(new Exact(7).dividedBy(9)).minus(1);
    const result = irr(ds(flows), NEAR_GREEN_BOOK);
    expect(new Exact(result.irr!).minus(expected).abs().lt('1e-9')).toBe(true);
  });

  it.each([
    // Extremes of the C1 range: outlay and return 1e14 apart, over 1, 8 and 9 years.
    [['-0.01', '999999999999.99'], 1],
    [['-999999999999.99', '0.01'], 1],
    [['-999999999999.99', '0', '0', '0', '0', '0', '0', '0', '0.01'], 8],
    [['-0.01', '0', '0', '0', '0', '0', '0', '0', '0', '999999999999.99'], 9],
  ])('solves %j: r = (return / outlay)^(1/%i) − 1', (flows, years) => {
    const ratio = new Exact(flows[flows.length - 1]).dividedBy(new Exact(flows[0]).negated());
    const expected = ratio.pow(new Exact(1).dividedBy(years)).minus(1);
    const result = irr(ds(flows), NEAR_GREEN_BOOK);
    const error = new Exact(result.irr!).minus(expected).abs();
    expect(error.lt('1e-9') || error.dividedBy(expected.abs()).lt('1e-15')).toBe(true);
  });

  it('solves a long, very negative profile (root far from 0)', () => {
    const flows = [
      '-1085457.99',
      '-1059226.09',
      '-166195.68',
      '-78213.26',
      '101550.64',
      '37448.30',
      '6512.75',
      '4884.57',
      '155039.60',
      '137310.44',
    ];
    const result = irr(ds(flows), NEAR_GREEN_BOOK);
    expect(result.irr!.lt('-0.2')).toBe(true);
    expect(relativeNpv(flows, result.irr!).lt('1e-12')).toBe(true);
  });

  it('is within 1e−9 of the root: NPV changes sign across irr ± 1e−9', () => {
    const flows = ['-70000', '12000', '15000', '18000', '21000', '26000'];
    const r = irr(ds(flows), NEAR_GREEN_BOOK).irr!;
    expect(npvAt(flows, r.minus('1e-9')).gt(0)).toBe(true);
    expect(npvAt(flows, r.plus('1e-9')).lt(0)).toBe(true);
  });
});

describe('irr with no sign change (C6: null, not ambiguous)', () => {
  it.each([[['-100', '-50']], [['100', '50']], [['0', '0']], [[]], [['-100', '0', '-5']], [['0', '100']]])(
    '%j → null',
    (flows) => {
      expect(irr(ds(flows), NEAR_GREEN_BOOK)).toEqual({ irr: null, ambiguous: false });
    },
  );
});

describe('irr with several sign changes (C6: root nearest the discount rate, flagged)', () => {
  // −100, 230, −132 = −100(g − 1.1)(g − 1.2) with g = 1 + r: roots 0.1 and 0.2.
  const twoRoots = ['-100', '230', '-132'];
  // −100(g − 1.05)(g − 1.1)(g − 1.3): roots 0.05, 0.1 and 0.3.
  const threeRoots = ['-100', '345', '-395', '150.15'];

  it.each([
    [twoRoots, '0.035', '0.1'],
    [twoRoots, '0.18', '0.2'],
    [twoRoots, '0.5', '0.2'],
    [threeRoots, '0.035', '0.05'],
    [threeRoots, '0.09', '0.1'],
    [threeRoots, '0.25', '0.3'],
    [threeRoots, '-0.5', '0.05'],
  ])('%j near %s → %s', (flows, near, expected) => {
    const result = irr(ds(flows), d(near));
    expect(result.ambiguous).toBe(true);
    expect(result.irr!.minus(expected).abs().lt('1e-9')).toBe(true);
  });

  it('finds a root below zero: 100(g − 0.8)(g − 1.2) → −0.2 and 0.2', () => {
    // 100g² − 200g + 96: flows 100, −200, 96.
    expect(
      irr(ds(['100', '-200', '96']), d('-0.1'))
        .irr!.minus('-0.2')
        .abs()
        .lt('1e-9'),
    ).toBe(true);
    expect(
      irr(ds(['100', '-200', '96']), NEAR_GREEN_BOOK)
        .irr!.minus('0.2')
        .abs()
        .lt('1e-9'),
    ).toBe(true);
  });

  it('finds a double root at r = 0 (NPV touches zero): −100, 200, −100', () => {
    expect(irr(ds(['-100', '200', '-100']), NEAR_GREEN_BOOK)).toEqual({ irr: d(0), ambiguous: true });
  });

  it('is null but ambiguous when no root exists: 100, −300, 250 (NPV never 0)', () => {
    expect(irr(ds(['100', '-300', '250']), NEAR_GREEN_BOOK)).toEqual({ irr: null, ambiguous: true });
  });

  it('is null but ambiguous when the roots lie outside (−0.99, 10): roots 11 and 12', () => {
    // −(g − 12)(g − 13) = −g² + 25g − 156.
    expect(irr(ds(['-1', '25', '-156']), NEAR_GREEN_BOOK)).toEqual({ irr: null, ambiguous: true });
  });

  it('solves a decommissioning profile: −1000, 600, 600, −250 has roots −0.6355 and −0.0458 (numpy.roots)', () => {
    const flows = ['-1000', '600', '600', '-250'];
    const near = irr(ds(flows), NEAR_GREEN_BOOK);
    expect(near.ambiguous).toBe(true);
    expect(near.irr!.toFixed(4)).toBe('-0.0458');
    expect(relativeNpv(flows, near.irr!).lt('1e-12')).toBe(true);
    expect(irr(ds(flows), d('-0.5')).irr!.toFixed(4)).toBe('-0.6355');
  });
});

describe('countSignChanges (zeros ignored)', () => {
  it.each([
    [[], 0],
    [['0', '0'], 0],
    [['-1', '0', '0', '2'], 1],
    [['-1', '2', '-3'], 2],
    [['1', '-1', '1', '-1'], 3],
    [['-1', '-2', '0', '-3'], 0],
  ])('%j has %i', (values, expected) => {
    expect(countSignChanges(ds(values))).toBe(expected);
  });
});
