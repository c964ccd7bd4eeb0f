import { discountFactors } from '../../../server/finance/discounting';
import { discountedPaybackYears, paybackFromCumulative, paybackYears } from '../../../server/finance/payback';
import { presentValueByYear } from '../../../server/finance/present-value-by-year';
import { vectorsOf } from '../../fixtures/finance/reference-vectors';
import { constantRule, d, ds } from '../../fixtures/finance/builders';

describe('payback reference figures (P1, P2, C6 example)', () => {
  it.each(vectorsOf('payback'))('$id: payback $expected years ($source)', (v) => {
    const flows = ds(v.flows);
    const result = v.rate
      ? discountedPaybackYears(flows, discountFactors(constantRule(v.rate), flows.length))
      : paybackYears(flows);
    expect(result!.toFixed(v.places)).toBe(v.expected);
  });

  it('P1: cumulative PV after years 3 and 4 as the source states', () => {
    const [p1] = vectorsOf('payback').filter((v) => v.id === 'P1');
    const pv = presentValueByYear(ds(p1.flows), discountFactors(constantRule(p1.rate!), p1.flows.length));
    for (const c of p1.cumulative!) {
      const cumulative = pv.slice(0, c.year + 1).reduce((a, b) => a.plus(b));
      expect(cumulative.toFixed(2)).toBe(c.expected);
    }
  });
});

describe('paybackYears (C6 simple payback)', () => {
  it.each([
    // flows, expected: (t − 1) + (−S(t−1)) / N(t), worked by hand
    [['-100', '40', '40', '40'], '2.5'], // 1 + 60/40
    [['-10000', '3000', '3000', '3000', '3000', '3000'], '3.333333333333333333333333333333333'], // 3 + 1000/3000
    [['-100', '50', '50'], '2'], // S(2) = 0 counts as paid back: 1 + 50/50
    [['-100', '100'], '1'],
    [['-100', '300'], '0.3333333333333333333333333333333333'], // 0 + 100/300
    [['0', '-100', '0', '150'], '2.666666666666666666666666666666667'], // 2 + 100/150
    [['10', '-30', '30', '-50', '100'], '1.666666666666666666666666666666667'], // first recovery: 1 + 20/30
  ])('%j → %s', (flows, expected) => {
    expect(paybackYears(ds(flows))!.eq(expected)).toBe(true);
  });

  it.each([[['0', '10', '20']], [['50', '-10', '20']], [['0']], [[]], [['100', '-100']]])(
    'is 0 when the cumulative net is never negative: %j',
    (flows) => {
      expect(paybackYears(ds(flows))!.eq(0)).toBe(true);
    },
  );

  it.each([[['-100', '10', '10']], [['-100']], [['-1', '0', '0']], [['50', '-100', '20']]])(
    'is null when it never pays back: %j',
    (flows) => {
      expect(paybackYears(ds(flows))).toBeNull();
    },
  );
});

describe('discountedPaybackYears (C6: the same rule on N(t)·DF(t))', () => {
  it('−100, 60, 60 at 10% pays back at 1 + (500/11)/(6000/121) = 1 + 11/12', () => {
    const result = discountedPaybackYears(ds(['-100', '60', '60']), discountFactors(constantRule('0.1'), 3));
    expect(result!.minus(d(23).dividedBy(12)).abs().lt('1e-30')).toBe(true);
  });

  it('is later than simple payback when the rate is positive', () => {
    const flows = ds(['-100', '40', '40', '40', '40']);
    const simple = paybackYears(flows)!;
    const discounted = discountedPaybackYears(flows, discountFactors(constantRule('0.05'), 5))!;
    expect(discounted.gt(simple)).toBe(true);
  });

  it('is null when discounting means it never recovers (simple payback exists)', () => {
    const flows = ds(['-100', '55', '50']);
    expect(paybackYears(flows)!.toFixed(2)).toBe('1.90');
    expect(discountedPaybackYears(flows, discountFactors(constantRule('0.1'), 3))).toBeNull();
  });
});

describe('paybackFromCumulative', () => {
  it('uses the running sums it is given', () => {
    expect(paybackFromCumulative(ds(['-100', '40', '80']), ds(['-100', '-60', '20']))!.eq('1.75')).toBe(true);
  });
});
