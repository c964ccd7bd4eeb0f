/**
 * C1 "No valid data may break a sum": after a write, inside its transaction, each of the
 * project's yearly totals (planned and actual costs, expected and realised benefits net of
 * dis-benefits) must stay within the largest accepted amount, or the write is refused (422).
 * The totals are read off the project's fresh C8 year series, which the write computes anyway.
 * Imports check the same rule on their plan, before writing (imports/year-totals.ts).
 */
import type { Decimal } from '../money';
import type { YearSeries } from '../finance/year-series';
import type { Project } from '../records';
import { ValidationError } from '../errors';
import { yearlyTotalProblem, type YearlyTotalKind } from './rules';

export interface YearlyTotal {
  kind: YearlyTotalKind;
  fy: number;
  total: Decimal;
}

/** A year's four C1 totals, from its series (benefits are already net of dis-benefits, C5). */
function totalsOf(y: YearSeries): YearlyTotal[] {
  return [
    { kind: 'planned', fy: y.fy, total: y.planned },
    { kind: 'actual', fy: y.fy, total: y.actual },
    { kind: 'expected', fy: y.fy, total: y.expectedCashable.plus(y.expectedNonCashable) },
    { kind: 'realised', fy: y.fy, total: y.realisedCashable.plus(y.realisedNonCashable) },
  ];
}

/** Refuses the write (422 on the field given, or named for the total) when any yearly total is out of range. */
export function assertYearlyTotals(
  project: Pick<Project, 'code'>,
  series: readonly YearSeries[],
  field: string | ((t: YearlyTotal) => string),
): void {
  for (const t of series.flatMap(totalsOf)) {
    const problem = yearlyTotalProblem(project.code, t.kind, t.fy, t.total);
    if (problem) throw new ValidationError({ [typeof field === 'string' ? field : field(t)]: problem });
  }
}
