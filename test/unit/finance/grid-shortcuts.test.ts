import { Decimal } from '../../../server/money';
import { copyLastYearForward, spreadEvenly } from '../../../server/finance/grid-shortcuts';

const text = (ds: Decimal[]) => ds.map((d) => d.toFixed(2));

describe('spreadEvenly (issue 19, exact pence)', () => {
  it('gives each year the penny-rounded share and the remainder to the last year (hand-worked)', () => {
    // 10000p / 3 = 3333p each, 10000 − 2 × 3333 = 3334p last.
    expect(text(spreadEvenly(new Decimal('100'), 3))).toEqual(['33.33', '33.33', '33.34']);
    // 100p / 7 = 14p each, 100 − 6 × 14 = 16p last.
    expect(text(spreadEvenly(new Decimal('1.00'), 7))).toEqual([
      '0.14',
      '0.14',
      '0.14',
      '0.14',
      '0.14',
      '0.14',
      '0.16',
    ]);
    expect(text(spreadEvenly(new Decimal('250000.50'), 5))).toEqual([
      '50000.10',
      '50000.10',
      '50000.10',
      '50000.10',
      '50000.10',
    ]);
  });

  it('adds up to the total exactly at the largest C1 amount, and with one year', () => {
    const max = new Decimal('999999999999.99');
    const parts = spreadEvenly(max, 9);
    expect(parts.reduce((a, b) => a.plus(b), new Decimal(0)).eq(max)).toBe(true);
    expect(text(parts)[0]).toBe('111111111111.11');
    expect(text(parts)[8]).toBe('111111111111.11');
    expect(text(spreadEvenly(new Decimal('0.01'), 1))).toEqual(['0.01']);
    expect(text(spreadEvenly(new Decimal('0.01'), 2))).toEqual(['0.00', '0.01']);
  });

  it('refuses a total with more than 2 decimals or no years', () => {
    expect(() => spreadEvenly(new Decimal('1.001'), 2)).toThrow(/2 decimal places/);
    expect(() => spreadEvenly(new Decimal('1'), 0)).toThrow(/at least one year/);
  });
});

describe('copyLastYearForward', () => {
  it('fills the blanks after the last filled year with its value, leaving earlier blanks alone', () => {
    expect(copyLastYearForward(['', '£1,000', '', '500', '', ' '])).toEqual(['', '£1,000', '', '500', '500', '500']);
    expect(copyLastYearForward(['', ''])).toEqual(['', '']);
    expect(copyLastYearForward(['7'])).toEqual(['7']);
  });
});
