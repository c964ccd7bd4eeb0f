/**
 * C1 "No valid data may break a sum": after a write, inside its transaction, each of the
 * project's yearly totals (planned and actual costs, expected and realised benefits net of
 * dis-benefits) must stay within the largest accepted amount, or the write is refused (422).
 * Imports check the same rule on their plan, before writing (imports/year-totals.ts).
 */
import type { Db } from '../knex';
import { Decimal } from '../money';
import { signedBenefitAmount } from '../finance/benefit-sign';
import * as flowsRepo from '../repositories/flows';
import type { Project } from '../records';
import { ValidationError } from '../errors';
import { yearlyTotalProblem, type YearlyTotalKind } from './rules';

export interface YearlyTotal {
  kind: YearlyTotalKind;
  fy: number;
  total: Decimal;
}

/** Adds a signed amount into the running total of its kind and year. */
export function addToTotal(totals: Map<string, YearlyTotal>, kind: YearlyTotalKind, fy: number, amount: Decimal): void {
  const key = `${kind}|${fy}`;
  const t = totals.get(key);
  if (t) t.total = t.total.plus(amount);
  else totals.set(key, { kind, fy, total: amount });
}

async function totalsOf(db: Db, projectId: number): Promise<YearlyTotal[]> {
  const stored = await flowsRepo.projectYearTotals(db, projectId);
  const totals = new Map<string, YearlyTotal>();
  for (const c of stored.costs) addToTotal(totals, c.kind, c.fy, c.amount);
  for (const e of stored.expected)
    addToTotal(totals, 'expected', e.fy, signedBenefitAmount({ disbenefit: e.isDisbenefit }, e.amount));
  for (const r of stored.realised)
    addToTotal(totals, 'realised', r.fy, signedBenefitAmount({ disbenefit: r.isDisbenefit }, r.amount));
  return [...totals.values()];
}

/** Refuses the write (422 on the field given, or named for the total) when any yearly total of the project is now out of range. */
export async function assertYearlyTotals(
  db: Db,
  project: Pick<Project, 'id' | 'code'>,
  field: string | ((t: YearlyTotal) => string),
): Promise<void> {
  for (const t of await totalsOf(db, project.id)) {
    const problem = yearlyTotalProblem(project.code, t.kind, t.fy, t.total);
    if (problem) throw new ValidationError({ [typeof field === 'string' ? field : field(t)]: problem });
  }
}
