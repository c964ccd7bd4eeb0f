import { optimismBiasUplift } from '../../../server/finance/optimism-bias';
import { projectYearAmounts } from '../../../server/finance/views';
import { proposalYearAmounts } from '../../../server/domain/appraisal';
import { FinanceInputError } from '../../../server/finance/types';
import { d, emptyFlows } from '../../fixtures/finance/builders';

describe('optimismBiasUplift (C4: the one place planned costs are uplifted)', () => {
  it('multiplies a planned cost by 1 + ob', () => {
    expect(optimismBiasUplift(d('0.2'))(d('1000')).toString()).toBe('1200');
    expect(optimismBiasUplift(d('2'))(d('1000')).toString()).toBe('3000');
    expect(optimismBiasUplift(d('0.0001'))(d('999999999999.99')).toString()).toBe('1000099999999.989999');
  });

  it('uplifts a credit (a negative planned cost) the same way', () => {
    expect(optimismBiasUplift(d('0.5'))(d('-100.01')).toString()).toBe('-150.015');
  });

  it('returns the amount itself when there is no bias, or nothing to uplift', () => {
    const amount = d('123.45');
    expect(optimismBiasUplift(d('0'))(amount)).toBe(amount);
    const zero = d('0');
    expect(optimismBiasUplift(d('0.3'))(zero)).toBe(zero);
  });

  it('refuses a negative bias when the uplift is made, before any cost is seen', () => {
    expect(() => optimismBiasUplift(d('-0.1'))).toThrow(FinanceInputError);
  });

  it('is what the business case and the calculator both apply; the forecast is never uplifted', () => {
    const flows = {
      ...emptyFlows(2024, '0.25'),
      costs: [
        { fy: 2024, kind: 'planned' as const, amount: d('400') },
        { fy: 2024, kind: 'planned' as const, amount: d('-80') },
      ],
    };
    expect(projectYearAmounts(flows, 'businessCase', { asAtFy: 2024, riskAdjusted: false })[0].costs.toString()).toBe(
      '400',
    );
    expect(projectYearAmounts(flows, 'forecast', { asAtFy: 2024, riskAdjusted: false })[0].costs.toString()).toBe(
      '320',
    );
    const proposal = proposalYearAmounts({
      baseYear: 2024,
      discountRate: null,
      optimismBias: d('0.25'),
      riskAdjusted: false,
      costs: [{ year: 2024, amount: d('320') }],
      benefits: [],
    });
    expect(proposal[0].costs.toString()).toBe('400');
  });
});
