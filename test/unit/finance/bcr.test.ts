import { bcr } from '../../../server/finance/bcr';
import { d } from '../../fixtures/finance/builders';

describe('bcr (C6: pvBenefits / pvCosts)', () => {
  it.each([
    ['135.45', '100', '1.3545'],
    ['50', '200', '0.25'],
    ['0', '100', '0'],
    ['-20', '100', '-0.2'],
    ['1', '3', '0.3333333333333333333333333333333333'],
  ])('bcr(%s, %s) = %s', (b, c, expected) => {
    expect(bcr(d(b), d(c))!.eq(expected)).toBe(true);
  });

  it.each([['100'], ['0'], ['-5']])('is null when pvCosts = 0 (pvBenefits %s)', (b) => {
    expect(bcr(d(b), d(0))).toBeNull();
  });
});
