import { Decimal } from '../../../../server/money';
import { appraise } from '../../../../server/finance/appraise';
import { DEFAULT_VFM_BANDS } from '../../../../server/finance/defaults';
import type { Appraisal, DiscountRule } from '../../../../server/finance/types';
import { appraisalColumn, discountRuleSentence } from '../../../../server/http/presenters/indicators';

const d = (v: string) => new Decimal(v);
const rule: DiscountRule = { kind: 'green_book' };

function appraisal(years: { fy: number; costs: string; cashable: string }[]): Appraisal {
  return appraise({
    baseFy: 2024,
    years: years.map((y) => ({ fy: y.fy, costs: d(y.costs), cashable: d(y.cashable), nonCashable: d('0') })),
    rule,
    bands: DEFAULT_VFM_BANDS,
  });
}

describe('discountRuleSentence', () => {
  it.each([
    ['0.12345', 'a constant discount rate of 12.345%'],
    ['0.035', 'a constant discount rate of 3.5%'],
    ['0.1', 'a constant discount rate of 10%'],
    ['0.00125', 'a constant discount rate of 0.125%'],
  ])('shows the rate %s exactly as entered: %s', (rate, sentence) => {
    expect(discountRuleSentence({ kind: 'constant', rate: d(rate) })).toBe(sentence);
  });
});

describe('appraisalColumn', () => {
  it('words negative switching values as the rise or fall needed to break even', () => {
    const col = appraisalColumn(
      appraisal([
        { fy: 2024, costs: '1000', cashable: '0' },
        { fy: 2025, costs: '0', cashable: '100' },
      ]),
    );
    expect(col.switchingBenefits).toMatch(/^benefits would need to rise by \d+\.\d% to break even$/);
    expect(col.switchingCosts).toMatch(/^costs would need to fall by \d+\.\d% to break even$/);
  });

  it('says why there is no switching value and no payback when a view has no costs and no benefits', () => {
    const col = appraisalColumn(appraisal([]), 'No costs or benefits recorded yet');
    expect(col.payback).toBe('No costs or benefits recorded yet');
    expect(col.discountedPayback).toBe('No costs or benefits recorded yet');
    expect(col.switchingBenefits).toBe('— (no benefits to compare)');
    expect(col.switchingCosts).toBe('— (no costs to compare)');
  });

  it('keeps a real payback of 0 years when benefits come first', () => {
    const col = appraisalColumn(appraisal([{ fy: 2024, costs: '10', cashable: '100' }]));
    expect(col.payback).toBe('0.00 years');
  });
});
