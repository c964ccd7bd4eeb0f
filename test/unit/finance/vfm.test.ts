import { DEFAULT_VFM_BANDS } from '../../../server/finance/defaults';
import { vfmCategory } from '../../../server/finance/vfm';
import { d } from '../../fixtures/finance/builders';

describe('vfmCategory (C6, DfT bands, lower bound inclusive)', () => {
  it.each([
    ['-5', 'Negative'],
    ['-0.0001', 'Negative'],
    ['0', 'Poor'],
    ['0.5', 'Poor'],
    ['0.9999', 'Poor'],
    ['1', 'Low'],
    ['1.3545', 'Low'],
    ['1.4999', 'Low'],
    ['1.5', 'Medium'],
    ['1.9999', 'Medium'],
    ['2', 'High'],
    ['3.9999', 'High'],
    ['4', 'Very High'],
    ['12', 'Very High'],
  ])('BCR %s → %s', (value, category) => {
    expect(vfmCategory(d(value), DEFAULT_VFM_BANDS)).toBe(category);
  });

  it('gives no category for a null BCR', () => {
    expect(vfmCategory(null, DEFAULT_VFM_BANDS)).toBeNull();
  });

  it('uses the organisation’s own band edges', () => {
    const bands = { poor: d('0'), low: d('1.2'), medium: d('1.8'), high: d('2.5'), veryHigh: d('5') };
    expect(['1.1', '1.2', '2.4', '2.5', '4.9', '5'].map((v) => vfmCategory(d(v), bands))).toEqual([
      'Poor',
      'Low',
      'Medium',
      'High',
      'High',
      'Very High',
    ]);
  });
});
