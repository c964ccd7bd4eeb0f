/**
 * Budget reductions (issue 19): savings taken out of budgets, per cashable benefit and year.
 * Portfolio-wide totals are exact SQL sums (exactSum, C1), grouped by year, never a ledger reload.
 */
import { exactSum, exactSumOf, type Db } from '../knex';
import { fromDbPence, sumFromDbPence, toDbPence, type Decimal } from '../money';
import type { BudgetReduction } from '../records';
import { toIso, versionedRows } from './shared';
import { chunks } from './bulk';

interface Row {
  id: number;
  benefit_id: number;
  fy_start: number;
  amount_pence: string | number;
  budget: string;
  reference: string;
  recorded_by: string;
  version: number;
  created_at: unknown;
}

export interface BudgetReductionWrite {
  fy: number;
  amount: Decimal;
  budget: string;
  reference: string;
  recordedBy: string;
}

function map(r: Row): BudgetReduction {
  return {
    id: r.id,
    benefitId: r.benefit_id,
    fy: r.fy_start,
    amount: fromDbPence(r.amount_pence),
    budget: r.budget,
    reference: r.reference,
    recordedBy: r.recorded_by,
    createdAt: toIso(r.created_at),
    version: r.version,
  };
}

function toRow(w: BudgetReductionWrite): Record<string, unknown> {
  return {
    fy_start: w.fy,
    amount_pence: toDbPence(w.amount),
    budget: w.budget,
    reference: w.reference,
    recorded_by: w.recordedBy,
  };
}

export const { findById, insert, remove } = versionedRows<Row, BudgetReduction, BudgetReductionWrite>(
  'budget_reductions',
  'benefit_id',
  map,
  toRow,
);

export async function listByBenefit(db: Db, benefitId: number): Promise<BudgetReduction[]> {
  const rows: Row[] = await db('budget_reductions').where({ benefit_id: benefitId }).orderBy(['fy_start', 'id']);
  return rows.map(map);
}

/** One project's reductions in one year, summed exactly (for the C1 yearly-total rule). */
export async function projectYearTotal(db: Db, projectId: number, fy: number): Promise<Decimal> {
  const row = await db('budget_reductions as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .where({ 'b.project_id': projectId, 'r.fy_start': fy })
    .select(exactSum(db, 'r.amount_pence', 'total'))
    .first();
  return fromDbPence(row ? exactSumOf(row, 'total') : '0');
}

/** Reductions per directorate and financial year, exactly (exactSum), for projects matching the filter. */
export async function sumsByDirectorateAndYear(
  db: Db,
  filter: { directorateId?: number; status?: string },
): Promise<{ directorateId: number; fy: number; total: Decimal }[]> {
  const q = db('budget_reductions as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .join('projects as p', 'p.id', 'b.project_id')
    .select('p.directorate_id', 'r.fy_start', exactSum(db, 'r.amount_pence', 'total'))
    .groupBy('p.directorate_id', 'r.fy_start');
  if (filter.directorateId !== undefined) q.where('p.directorate_id', filter.directorateId);
  if (filter.status) q.where('p.status', filter.status);
  const rows: Record<string, unknown>[] = await q;
  // A sum of pence may exceed one amount's range, so it is read without the range check.
  return rows.map((r) => ({
    directorateId: Number(r.directorate_id),
    fy: Number(r.fy_start),
    total: sumFromDbPence(exactSumOf(r, 'total')),
  }));
}

/** Per benefit id, its reductions' total over all years, exactly (the benefits register). */
export async function totalsByBenefit(db: Db, benefitIds: number[]): Promise<Map<number, Decimal>> {
  const out = new Map<number, Decimal>();
  if (benefitIds.length === 0) return out;
  const rows: Record<string, unknown>[] = await db('budget_reductions')
    .whereIn('benefit_id', benefitIds)
    .select('benefit_id', exactSum(db, 'amount_pence', 'total'))
    .groupBy('benefit_id');
  for (const r of rows) out.set(Number(r.benefit_id), sumFromDbPence(exactSumOf(r, 'total')));
  return out;
}

/** Budget reductions recorded against any of these benefits (an import's undo must not delete them with a benefit). */
export async function countByBenefits(db: Db, benefitIds: number[]): Promise<number> {
  let n = 0;
  for (const part of chunks(benefitIds)) {
    const row = await db('budget_reductions')
      .whereIn('benefit_id', part)
      .count<{ n: string | number }>({ n: '*' })
      .first();
    n += Number(row?.n ?? 0);
  }
  return n;
}
