/** Per-financial-year accumulation of costs and money benefits, shared by the views and aggregates. */
import { ZERO, type Decimal } from '../money';
import { plus } from './sum';
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
    entry[field] = plus(entry[field], amount);
  }

  addYear(year: YearAmounts): void {
    const entry = this.bucket(year.fy);
    entry.costs = plus(entry.costs, year.costs);
    entry.cashable = plus(entry.cashable, year.cashable);
    entry.nonCashable = plus(entry.nonCashable, year.nonCashable);
  }

  /** Replaces every year's costs by `f(costs)` (C4: the optimism-bias uplift on summed planned costs). */
  mapCosts(f: (costs: Decimal) => Decimal): void {
    for (const entry of this.byFy.values()) entry.costs = f(entry.costs);
  }

  /** The years in ascending order. */
  toList(): YearAmounts[] {
    return [...this.byFy.values()].sort((a, b) => a.fy - b.fy);
  }
}
