/** Per-financial-year accumulation of costs and money benefits, shared by the views and aggregates. */
import { ZERO, type Decimal } from '../money';
import type { YearAmounts } from './types';

type Field = 'costs' | 'cashable' | 'nonCashable';

/** Sums amounts into years; a year exists once any line for it has been added, even a zero one. */
export class YearBuckets {
  private readonly byFy = new Map<number, YearAmounts>();

  private bucket(fy: number): YearAmounts {
    let entry = this.byFy.get(fy);
    if (!entry) {
      entry = { fy, costs: ZERO, cashable: ZERO, nonCashable: ZERO };
      this.byFy.set(fy, entry);
    }
    return entry;
  }

  add(fy: number, field: Field, amount: Decimal): void {
    const entry = this.bucket(fy);
    if (!amount.isZero()) entry[field] = entry[field].isZero() ? amount : entry[field].plus(amount);
  }

  addYear(year: YearAmounts): void {
    const entry = this.bucket(year.fy);
    if (!year.costs.isZero()) entry.costs = entry.costs.isZero() ? year.costs : entry.costs.plus(year.costs);
    if (!year.cashable.isZero()) entry.cashable = entry.cashable.isZero() ? year.cashable : entry.cashable.plus(year.cashable);
    if (!year.nonCashable.isZero()) entry.nonCashable = entry.nonCashable.isZero() ? year.nonCashable : entry.nonCashable.plus(year.nonCashable);
  }

  /** Adds every year of another set of buckets. */
  addAll(other: YearBuckets): void {
    for (const year of other.byFy.values()) this.addYear(year);
  }

  /** Multiplies every year's costs by one factor (C4: optimism bias on summed planned costs). */
  scaleCosts(factor: Decimal): void {
    for (const entry of this.byFy.values()) if (!entry.costs.isZero()) entry.costs = entry.costs.times(factor);
  }

  /** The years in ascending order. */
  toList(): YearAmounts[] {
    return [...this.byFy.values()].sort((a, b) => a.fy - b.fy);
  }
}
