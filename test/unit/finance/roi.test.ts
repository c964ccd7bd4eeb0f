import { roi } from '../../../server/finance/roi';
import { d } from '../../fixtures/finance/builders';

describe('roi (C6: (ΣB − ΣC) / ΣC, undiscounted, a fraction)', () => {
  it.each([
    ['125', '100', '0.25'],
    ['150', '100', '0.5'],
    ['0', '100', '-1'],
    ['100', '100', '0'],
    ['50', '200', '-0.75'],
  ])('roi(ΣB %s, ΣC %s) = %s', (b, c, expected) => {
    expect(roi(d(b), d(c))!.eq(expected)).toBe(true);
  });

  it('is null when ΣC = 0', () => {
    expect(roi(d('100'), d(0))).toBeNull();
    expect(roi(d(0), d(0))).toBeNull();
  });
});
