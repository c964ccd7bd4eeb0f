import { switchingValues } from '../../../server/finance/switching';
import { d } from '../../fixtures/finance/builders';

describe('switchingValues (C6: npv / pvBenefits and npv / pvCosts)', () => {
  it('B1: NPV 35.4516 on PVB 135.4516 and PVC 100', () => {
    const s = switchingValues(d('35.4516'), d('135.4516'), d('100'));
    // Hand: 35.4516 / 135.4516 = 0.261729…; 35.4516 / 100 = 0.354516.
    expect(s.benefits!.toFixed(6)).toBe('0.261729');
    expect(s.costs!.toFixed(6)).toBe('0.354516');
  });

  it('is negative when NPV is negative (benefits would have to rise)', () => {
    const s = switchingValues(d('-25'), d('75'), d('100'));
    expect(s.benefits!.toFixed(4)).toBe('-0.3333');
    expect(s.costs!.toFixed(4)).toBe('-0.2500');
  });

  it('is null for benefits when pvBenefits = 0', () => {
    expect(switchingValues(d('-100'), d(0), d('100'))).toEqual({ benefits: null, costs: d('-1') });
  });

  it('is null for costs when pvCosts = 0', () => {
    expect(switchingValues(d('100'), d('100'), d(0))).toEqual({ benefits: d('1'), costs: null });
  });

  it('is null for both when nothing is appraised', () => {
    expect(switchingValues(d(0), d(0), d(0))).toEqual({ benefits: null, costs: null });
  });
});
