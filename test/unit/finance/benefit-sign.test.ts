import { signedBenefitAmount } from '../../../server/finance/benefit-sign';
import { projectYearAmounts } from '../../../server/finance/views';
import { realisationTotals } from '../../../server/finance/realisation';
import { simpleTotals } from '../../../server/finance/totals';
import { proposalYearAmounts } from '../../../server/domain/appraisal';
import { d, emptyFlows, line } from '../../fixtures/finance/builders';
import type { ProjectFlows } from '../../../server/finance/types';

describe('signedBenefitAmount (C5: the one place a dis-benefit turns negative)', () => {
  it('counts a dis-benefit, recorded positive, as negative', () => {
    expect(signedBenefitAmount({ disbenefit: true }, d('1234.56')).toString()).toBe('-1234.56');
  });

  it('leaves any other benefit as recorded, returning the same value', () => {
    const amount = d('1234.56');
    expect(signedBenefitAmount({ disbenefit: false }, amount)).toBe(amount);
  });

  it('keeps every digit of a large or fractional amount', () => {
    expect(signedBenefitAmount({ disbenefit: true }, d('999999999999.99')).toString()).toBe('-999999999999.99');
    expect(signedBenefitAmount({ disbenefit: true }, d('0.0000000001')).eq(d('-0.0000000001'))).toBe(true);
  });

  it('turns a negative entry (a correction) positive for a dis-benefit', () => {
    expect(signedBenefitAmount({ disbenefit: true }, d('-5')).toString()).toBe('5');
  });

  it('gives the same sign to the views, realisation, the totals and the calculator', () => {
    const flows: ProjectFlows = {
      ...emptyFlows(2024),
      benefits: [
        {
          type: 'cashable',
          disbenefit: true,
          confidence: d('1'),
          expected: [line(2024, '100')],
          realised: [line(2024, '40')],
        },
      ],
    };
    expect(
      projectYearAmounts(flows, 'businessCase', { asAtFy: 2024, riskAdjusted: false })[0].cashable.toString(),
    ).toBe('-100');
    expect(projectYearAmounts(flows, 'toDate', { asAtFy: 2024, riskAdjusted: false })[0].cashable.toString()).toBe(
      '-40',
    );
    const r = realisationTotals(flows, 2024);
    expect([r.expectedToDate.toString(), r.realisedToDate.toString()]).toEqual(['-100', '-40']);
    const t = simpleTotals(flows);
    expect([t.expectedBenefits.toString(), t.realisedBenefits.toString()]).toEqual(['-100', '-40']);
    const proposal = proposalYearAmounts({
      baseYear: 2024,
      discountRate: null,
      optimismBias: d('0'),
      riskAdjusted: false,
      costs: [],
      benefits: [{ year: 2024, amount: d('100'), type: 'cashable', confidence: d('1'), disbenefit: true }],
    });
    expect(proposal[0].cashable.toString()).toBe('-100');
  });
});
