/**
 * The grid's two shortcuts (issue 19), on exact amounts: nothing here passes money through a JS
 * number (C1).
 */
import { Decimal } from '../money';

/**
 * A total spread evenly over `years` years in whole pence: each year gets the total divided by the
 * number of years, rounded down to the penny (toward zero), and the last year also takes the
 * remainder, so the parts add up to the total exactly. £100.00 over 3 years → £33.33, £33.33, £33.34.
 */
export function spreadEvenly(total: Decimal, years: number): Decimal[] {
  if (!Number.isInteger(years) || years < 1) throw new Error('Spread over at least one year');
  const pence = BigInt(total.times(100).toFixed(0));
  if (!new Decimal(pence.toString()).eq(total.times(100))) throw new Error('A total has at most 2 decimal places');
  const each = pence / BigInt(years); // BigInt division truncates toward zero
  const last = pence - each * BigInt(years - 1);
  const pounds = (p: bigint) => new Decimal(p.toString()).dividedBy(100);
  return [...Array.from({ length: years - 1 }, () => pounds(each)), pounds(last)];
}

/**
 * "Copy the last year forward": the row's last filled value fills every blank cell after it
 * (cells are the row's texts by year, in order; blank is empty or whitespace).
 */
export function copyLastYearForward(cells: readonly string[]): string[] {
  let last = -1;
  for (let i = 0; i < cells.length; i += 1) if (cells[i].trim() !== '') last = i;
  if (last < 0) return [...cells];
  return cells.map((c, i) => (i > last && c.trim() === '' ? cells[last] : c));
}
