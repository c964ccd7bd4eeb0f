import { discountFactor, discountFactors, discountRate } from '../../../server/finance/discounting';
import { GREEN_BOOK } from '../../../server/finance/defaults';
import { FinanceInputError } from '../../../server/finance/types';
import { vectorsOf } from '../../fixtures/finance/reference-vectors';
import { constantRule, d, Exact } from '../../fixtures/finance/builders';

/**
 * Independent Green Book factor: 1 / Π(1 + r)^(years in each band), by powers per band rather
 * than the engine's year-by-year chain, in 60-digit arithmetic.
 */
function greenBookByPowers(t: number): InstanceType<typeof Exact> {
  const bands: [number, number, string][] = [
    [1, 30, '1.035'],
    [31, 75, '1.03'],
    [76, 125, '1.025'],
    [126, 200, '1.02'],
    [201, 300, '1.015'],
    [301, Infinity, '1.01'],
  ];
  let growth = new Exact(1);
  for (const [from, to, g] of bands) {
    const years = Math.max(0, Math.min(t, to) - from + 1);
    growth = growth.times(new Exact(g).pow(years));
  }
  return new Exact(1).dividedBy(growth);
}

describe('discountFactor — Green Book schedule (C3)', () => {
  it.each(vectorsOf('discountFactor'))('$id: DF($year) = $expected at $places dp ($source)', (v) => {
    expect(discountFactor(GREEN_BOOK, v.year).toFixed(v.places)).toBe(v.expected);
  });

  it('has DF(0) = 1 exactly: year 0 is undiscounted', () => {
    expect(discountFactor(GREEN_BOOK, 0).eq(1)).toBe(true);
  });

  it.each([1, 2, 29, 30, 31, 32, 74, 75, 76, 77, 125, 126, 127, 200, 201, 300, 301, 302, 350])(
    'DF(%i) agrees with band-by-band powers to 30 significant digits',
    (t) => {
      const expected = greenBookByPowers(t);
      const relative = new Exact(discountFactor(GREEN_BOOK, t)).minus(expected).abs().dividedBy(expected);
      expect(relative.lt('1e-30')).toBe(true);
    },
  );

  it.each([
    [30, '1.03'],
    [75, '1.025'],
    [125, '1.02'],
    [200, '1.015'],
    [300, '1.01'],
  ])('steps from DF(%i) to the next year at the new band rate (growth %s)', (t, growth) => {
    const ratio = discountFactor(GREEN_BOOK, t).dividedBy(discountFactor(GREEN_BOOK, t + 1));
    expect(ratio.toFixed(20)).toBe(d(growth).toFixed(20));
  });

  it('steps from DF(29) to DF(30) still at 3.5%', () => {
    const ratio = discountFactor(GREEN_BOOK, 29).dividedBy(discountFactor(GREEN_BOOK, 30));
    expect(ratio.toFixed(20)).toBe('1.03500000000000000000');
  });
});

describe('discountRate (C3)', () => {
  it.each([
    [0, '0.035'],
    [1, '0.035'],
    [30, '0.035'],
    [31, '0.03'],
    [75, '0.03'],
    [76, '0.025'],
    [125, '0.025'],
    [126, '0.02'],
    [200, '0.02'],
    [201, '0.015'],
    [300, '0.015'],
    [301, '0.01'],
    [1000, '0.01'],
  ])('Green Book rate for year %i is %s', (t, rate) => {
    expect(discountRate(GREEN_BOOK, t).eq(rate)).toBe(true);
  });

  it('is the constant rate for every year under a constant rule', () => {
    const rule = constantRule('0.07');
    expect([0, 1, 31, 400].map((t) => discountRate(rule, t).toString())).toEqual(['0.07', '0.07', '0.07', '0.07']);
  });
});

describe('constant-rate factors (C3: DF(t) = 1 / (1 + r)^t)', () => {
  it.each([
    ['0.10', 1, '0.909090909090909090909090909091'], // expected values from bc -l at scale 40
    ['0.10', 2, '0.826446280991735537190082644628'],
    ['0.12', 4, '0.635518078404831320283215326947'], // bc: 1/1.12^4,
    ['0', 7, '1.000000000000000000000000000000'],
    ['-0.5', 2, '4.000000000000000000000000000000'],
  ])('at %s, DF(%i) = %s', (rate, t, expected) => {
    expect(discountFactor(constantRule(rate), t).toFixed(30)).toBe(expected);
  });

  it('has DF(0) = 1 for any rate', () => {
    expect(discountFactor(constantRule('0.25'), 0).eq(1)).toBe(true);
  });
});

describe('discountFactors', () => {
  it('returns DF(0..n−1), each equal to discountFactor', () => {
    for (const rule of [GREEN_BOOK, constantRule('0.035'), constantRule('0.08')]) {
      const factors = discountFactors(rule, 40);
      expect(factors).toHaveLength(40);
      factors.forEach((f, t) => expect(f.eq(discountFactor(rule, t))).toBe(true));
    }
  });

  it('agrees between the Green Book and a constant 3.5% for years 0–30, and not after', () => {
    const gb = discountFactors(GREEN_BOOK, 32);
    const flat = discountFactors(constantRule('0.035'), 32);
    for (let t = 0; t <= 30; t++) expect(gb[t].minus(flat[t]).abs().lt('1e-30')).toBe(true);
    expect(gb[31].gt(flat[31])).toBe(true);
  });

  it('returns an empty list for n = 0', () => {
    expect(discountFactors(GREEN_BOOK, 0)).toEqual([]);
  });

  it('hands out a copy, so a caller cannot corrupt the cached factors', () => {
    const first = discountFactors(GREEN_BOOK, 5);
    first[3] = d(42);
    expect(discountFactors(GREEN_BOOK, 5)[3].toFixed(12)).toBe('0.901942705668'); // bc: 1/1.035^3;
  });
});

describe('invalid discounting input', () => {
  it.each([-1, 1.5, Number.NaN])('refuses year index %p with a FinanceInputError on "year"', (t) => {
    expect(() => discountFactor(GREEN_BOOK, t)).toThrow(FinanceInputError);
    try {
      discountFactor(GREEN_BOOK, t);
    } catch (e) {
      expect((e as FinanceInputError).field).toBe('year');
    }
  });

  it.each(['-1', '-2'])('refuses a constant rate of %s (no factor exists)', (rate) => {
    expect(() => discountFactor(constantRule(rate), 1)).toThrow(FinanceInputError);
  });

  it('refuses a negative number of years', () => {
    expect(() => discountFactors(GREEN_BOOK, -1)).toThrow(FinanceInputError);
  });
});
