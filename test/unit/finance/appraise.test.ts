import { appraise, appraiseHeadline, appraiseValue } from '../../../server/finance/appraise';
import { DEFAULT_VFM_BANDS, GREEN_BOOK } from '../../../server/finance/defaults';
import { FinanceInputError, type Appraisal, type DiscountRule, type YearAmounts } from '../../../server/finance/types';
import { vectorsOf } from '../../fixtures/finance/reference-vectors';
import { constantRule, d, Exact, year, yearsFrom, yearsFromNet } from '../../fixtures/finance/builders';

const BASE = 2024;

function run(years: YearAmounts[], rule: DiscountRule = GREEN_BOOK, baseFy = BASE): Appraisal {
  return appraise({ baseFy, years, rule, bands: DEFAULT_VFM_BANDS });
}

/** 1/1.035^t in 60 digits: the Green Book factor for t ≤ 30, computed without the engine. */
const gb = (t: number) => new Exact(1).dividedBy(new Exact('1.035').pow(t));

describe('appraise: reference appraisal B1 (costs 100 in year 0, benefits 30 in years 1–5)', () => {
  it.each(vectorsOf('appraisal'))(
    '$id: PVB $expected.pvBenefits, PVC $expected.pvCosts, NPV $expected.npv, BCR $expected.bcr → $expected.vfmCategory',
    (v) => {
      const a = run(yearsFrom(BASE, v.costs, v.benefits));
      expect(a.pvBenefits.toFixed(2)).toBe(v.expected.pvBenefits);
      expect(a.pvCosts.toFixed(2)).toBe(v.expected.pvCosts);
      expect(a.npv.toFixed(2)).toBe(v.expected.npv);
      expect(a.bcr!.toFixed(4)).toBe(v.expected.bcr);
      expect(a.vfmCategory).toBe(v.expected.vfmCategory);
    },
  );

  const a = run(yearsFrom(BASE, ['100'], ['0', '30', '30', '30', '30', '30']));

  it('lays out years 2024–2029 with index, factor, flows, PV and running sums', () => {
    expect(a.years.map((y) => [y.fy, y.index])).toEqual([0, 1, 2, 3, 4, 5].map((t) => [BASE + t, t]));
    a.years.forEach((y, t) => {
      expect(new Exact(y.discountFactor).minus(gb(t)).abs().lt('1e-30')).toBe(true);
      expect(y.net.eq(y.benefits.minus(y.costs))).toBe(true);
      expect(
        new Exact(y.pvNet)
          .minus(new Exact(y.net).times(gb(t)))
          .abs()
          .lt('1e-28'),
      ).toBe(true);
    });
    expect(a.years.map((y) => y.cumulativeNet.toString())).toEqual(['-100', '-70', '-40', '-10', '20', '50']);
    const pvRunning = [0, 1, 2, 3, 4, 5].map((t) => a.years.slice(0, t + 1).reduce((s, y) => s.plus(y.pvNet), d(0)));
    a.years.forEach((y, t) => expect(y.cumulativePvNet.minus(pvRunning[t]).abs().lt('1e-28')).toBe(true));
  });

  it('C3: year 0 is undiscounted (its PV is the amount itself)', () => {
    expect(a.years[0].discountFactor.eq(1)).toBe(true);
    expect(a.years[0].pvNet.eq(-100)).toBe(true);
  });

  it('totals are undiscounted sums; ROI = (150 − 100)/100 = 0.5', () => {
    expect(Object.values(a.totals).map(String)).toEqual(['100', '150', '150', '0', '50']);
    expect(a.roi!.eq('0.5')).toBe(true);
  });

  it('paybacks: simple 3 + 10/30; discounted by the plain formula', () => {
    expect(a.paybackYears!.minus(d(10).dividedBy(3)).abs().lt('1e-30')).toBe(true);
    const pv = (t: number) => new Exact(30).times(gb(t));
    const shortfall = new Exact(100).minus(pv(1)).minus(pv(2)).minus(pv(3)); // still negative after year 3
    const expected = shortfall.dividedBy(pv(4)).plus(3);
    expect(new Exact(a.discountedPaybackYears!).minus(expected).abs().lt('1e-28')).toBe(true);
  });

  it('IRR ≈ 15.24% (NPV at it is 0 by the plain formula) and switching values npv/PVB, npv/PVC', () => {
    expect(a.irr!.toFixed(4)).toBe('0.1524');
    const npvAtIrr = [0, 1, 2, 3, 4, 5].reduce(
      (s, t) => s.plus(new Exact(t === 0 ? -100 : 30).dividedBy(new Exact(a.irr!).plus(1).pow(t))),
      new Exact(0),
    );
    expect(npvAtIrr.abs().lt('1e-9')).toBe(true);
    expect(a.irrAmbiguous).toBe(false);
    expect(a.switchingValues.benefits!.eq(a.npv.dividedBy(a.pvBenefits))).toBe(true);
    expect(a.switchingValues.costs!.toFixed(4)).toBe('0.3545');
  });
});

describe('appraise: years and sums', () => {
  it('adds several entries for one year, given in any order', () => {
    const a = run([year(BASE + 1, 0, '20'), year(BASE, '60'), year(BASE + 1, 0, '5', '7'), year(BASE, '40')]);
    expect(a.years.map((y) => [y.costs.toString(), y.benefits.toString()])).toEqual([
      ['100', '0'],
      ['0', '32'],
    ]);
    expect([a.totals.cashableBenefits, a.totals.nonCashableBenefits].map(String)).toEqual(['25', '7']);
  });

  it('fills gaps between years with zero flows', () => {
    const a = run([year(BASE, '100'), year(BASE + 3, 0, '150')]);
    expect(a.years.map((y) => y.fy)).toEqual([BASE, BASE + 1, BASE + 2, BASE + 3]);
    expect(a.years[1].net.isZero() && a.years[2].net.isZero()).toBe(true);
  });

  it('runs to the last year with an entry even when that entry is zero', () => {
    expect(run([year(BASE, '100'), year(BASE + 4, 0)]).years).toHaveLength(5);
  });

  it('starts at the base year even when the first flow is later', () => {
    const a = run([year(BASE + 2, '100')]);
    expect(a.years.map((y) => y.fy)).toEqual([BASE, BASE + 1, BASE + 2]);
    expect(
      new Exact(a.pvCosts)
        .minus(new Exact(100).times(gb(2)))
        .abs()
        .lt('1e-28'),
    ).toBe(true);
  });

  it('counts dis-benefits (negative non-cashable) against benefits', () => {
    const a = run([year(BASE, '100', '80', '-30')]);
    expect([a.totals.benefits, a.totals.net, a.pvBenefits].map(String)).toEqual(['50', '-50', '50']);
  });

  it('discounts at a constant rate when the rule says so: 110 in year 1 at 10% is worth 100', () => {
    const a = run(yearsFrom(BASE, ['100'], ['0', '110']), constantRule('0.10'));
    expect(a.pvBenefits.toFixed(20)).toBe('100.00000000000000000000');
    expect(a.npv.toFixed(20)).toBe('0.00000000000000000000');
    expect(a.irr!.minus('0.1').abs().lt('1e-12')).toBe(true);
  });
});

describe('appraise: null and edge cases (C6)', () => {
  it('with no flows: only the base year, zero PVs, every ratio null, payback 0', () => {
    const a = run([]);
    expect(a.years.map((y) => y.fy)).toEqual([BASE]);
    expect([a.pvCosts, a.pvBenefits, a.npv].every((x) => x.isZero())).toBe(true);
    expect([a.bcr, a.roi, a.irr, a.vfmCategory, a.switchingValues.benefits, a.switchingValues.costs]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(a.irrAmbiguous).toBe(false);
    expect(a.paybackYears!.isZero() && a.discountedPaybackYears!.isZero()).toBe(true);
  });

  it('with no costs: BCR, ROI, VfM and the cost switching value are null; payback is 0', () => {
    const a = run(yearsFrom(BASE, [], ['10', '10']));
    expect([a.bcr, a.roi, a.vfmCategory, a.irr, a.switchingValues.costs]).toEqual([null, null, null, null, null]);
    expect(a.switchingValues.benefits!.eq(1)).toBe(true);
    expect(a.paybackYears!.isZero()).toBe(true);
  });

  it('with no benefits: BCR 0 (Poor), ROI −1, no IRR, never pays back', () => {
    const a = run(yearsFrom(BASE, ['100', '50'], []));
    expect(a.bcr!.isZero()).toBe(true);
    expect(a.vfmCategory).toBe('Poor');
    expect(a.roi!.eq(-1)).toBe(true);
    expect([a.irr, a.paybackYears, a.discountedPaybackYears, a.switchingValues.benefits]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(a.switchingValues.costs!.eq(-1)).toBe(true);
  });

  it('with costs that net to zero (a credit later): ROI null, BCR still defined from the PVs', () => {
    const a = run([year(BASE, '100'), year(BASE + 1, '-100', '10')]);
    expect(a.totals.costs.isZero()).toBe(true);
    expect(a.roi).toBeNull();
    const pvCosts = new Exact(100).minus(new Exact(100).times(gb(1))); // 100 − 100/1.035
    expect(new Exact(a.pvCosts).minus(pvCosts).abs().lt('1e-28')).toBe(true);
    expect(a.bcr).not.toBeNull();
  });

  it('never pays back: payback and discounted payback null', () => {
    const a = run(yearsFrom(BASE, ['100'], ['0', '10', '10']));
    expect([a.paybackYears, a.discountedPaybackYears]).toEqual([null, null]);
  });

  it('chooses the IRR nearest the rule’s rate when there are several (C6)', () => {
    // −100(g − 1.05)(g − 1.1)(g − 1.3): roots 0.05, 0.1, 0.3.
    const years = yearsFromNet(BASE, ['-100', '345', '-395', '150.15']);
    const greenBook = run(years);
    expect(greenBook.irrAmbiguous).toBe(true);
    expect(greenBook.irr!.minus('0.05').abs().lt('1e-9')).toBe(true);
    expect(run(years, constantRule('0.25')).irr!.minus('0.3').abs().lt('1e-9')).toBe(true);
    expect(run(years, constantRule('0.09')).irr!.minus('0.1').abs().lt('1e-9')).toBe(true);
  });
});

describe('appraise: invalid input', () => {
  it('C3: refuses a flow before the base year with a FinanceInputError on "year"', () => {
    expect(() => run([year(BASE - 1, '5')])).toThrow(FinanceInputError);
    try {
      run([year(BASE, '1'), year(BASE - 1, '5')]);
      throw new Error('expected a FinanceInputError');
    } catch (e) {
      expect(e).toBeInstanceOf(FinanceInputError);
      expect((e as FinanceInputError).field).toBe('year');
      expect((e as Error).message).toMatch(/before the base year/);
    }
  });

  it('refuses a fractional financial year or base year', () => {
    expect(() => run([year(2024.5 as number, '5')])).toThrow(FinanceInputError);
    expect(() => run([], GREEN_BOOK, 2024.5)).toThrow(FinanceInputError);
  });

  it('refuses a year more than 1000 years after the base year (a mistyped year)', () => {
    expect(() => run([year(20240, '5')])).toThrow(FinanceInputError);
  });
});

describe('appraiseValue and appraiseHeadline: the same digits as appraise, less of them', () => {
  const cases: [string, YearAmounts[], DiscountRule][] = [
    ['B1 under the Green Book', yearsFrom(BASE, ['100'], ['0', '30', '30', '30', '30', '30']), GREEN_BOOK],
    [
      'mixed cashable and non-cashable with a credit year, at 6%',
      [year(2024, '250.10', '0', '10'), year(2025, '-5', '40.5', '60.25'), year(2027, '12', '80', '0.01')],
      constantRule('0.06'),
    ],
    ['nothing at all', [], GREEN_BOOK],
    ['benefits only', [year(2025, 0, '99.99')], GREEN_BOOK],
  ];

  it.each(cases)('%s', (_label, years, rule) => {
    const input = { baseFy: BASE, years, rule, bands: DEFAULT_VFM_BANDS };
    const { years: _rows, ...headline } = appraise(input);
    const { totals, pvCosts, pvBenefits, npv, bcr, roi, vfmCategory } = headline;
    expect(JSON.stringify(appraiseHeadline(input))).toBe(JSON.stringify(headline));
    expect(JSON.stringify(appraiseValue(input))).toBe(
      JSON.stringify({ totals, pvCosts, pvBenefits, npv, bcr, roi, vfmCategory }),
    );
  });

  it('appraiseValue checks its input as appraise does (C3: no flow before the base year)', () => {
    expect(() =>
      appraiseValue({ baseFy: BASE, years: [year(BASE - 1, '1')], rule: GREEN_BOOK, bands: DEFAULT_VFM_BANDS }),
    ).toThrow(FinanceInputError);
  });
});
