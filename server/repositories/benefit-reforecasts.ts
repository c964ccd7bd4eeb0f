/**
 * C9 re-forecasts (table benefit_reforecasts): append-only rows, one per entry. "Latest" is by
 * `created_at` (the moment it was made), then id, so two entered in one millisecond keep their order.
 */
import type { Db } from '../knex';
import { fromDbPence, toDbPence, type Decimal } from '../money';
import type { BenefitReforecast } from '../records';
import { currentFy } from '../financial-year';
import { chunks, insertManyIds, undoableTable, type PgTypes } from './bulk';
import { insertReturningId, toIso } from './shared';

interface Row {
  id: number;
  benefit_id: number;
  fy_start: number;
  amount_pence: string | number;
  note: string;
  entered_by_user_id: number | null;
  entered_by: string;
  created_at: unknown;
  version: number;
}

export interface ReforecastWrite {
  fy: number;
  amount: Decimal;
  note: string;
  enteredByUserId: number | null;
  enteredBy: string;
}

export interface ReforecastNew extends ReforecastWrite {
  benefitId: number;
}

/** C2: the financial year of the UK date on which a re-forecast was made. */
export function madeFyOf(createdAt: string): number {
  return currentFy(new Date(createdAt));
}

function map(r: Row): BenefitReforecast {
  const createdAt = toIso(r.created_at);
  return {
    id: r.id,
    benefitId: r.benefit_id,
    fy: r.fy_start,
    amount: fromDbPence(r.amount_pence),
    note: r.note,
    enteredByUserId: r.entered_by_user_id === null ? null : Number(r.entered_by_user_id),
    enteredBy: r.entered_by,
    createdAt,
    madeFy: madeFyOf(createdAt),
    version: r.version,
  };
}

function toRow(r: ReforecastNew): Record<string, unknown> {
  return {
    benefit_id: r.benefitId,
    fy_start: r.fy,
    amount_pence: toDbPence(r.amount),
    note: r.note,
    entered_by_user_id: r.enteredByUserId,
    entered_by: r.enteredBy,
  };
}

export async function insert(db: Db, r: ReforecastNew): Promise<number> {
  return insertReturningId(db, 'benefit_reforecasts', toRow(r));
}

export async function insertMany(db: Db, rows: ReforecastNew[]): Promise<number[]> {
  return insertManyIds(db, 'benefit_reforecasts', rows.map(toRow));
}

export async function findById(db: Db, id: number): Promise<BenefitReforecast | null> {
  const row: Row | undefined = await db('benefit_reforecasts').where({ id }).first();
  return row ? map(row) : null;
}

/** Every re-forecast of these benefits, oldest first (by year, then as made). */
export async function listByBenefits(db: Db, benefitIds: number[]): Promise<BenefitReforecast[]> {
  const out: BenefitReforecast[] = [];
  for (const part of chunks([...new Set(benefitIds)]))
    out.push(...((await db('benefit_reforecasts').whereIn('benefit_id', part)) as Row[]).map(map));
  return sortAsMade(out);
}

/** A benefit's re-forecasts, oldest first. */
export async function listByBenefit(db: Db, benefitId: number): Promise<BenefitReforecast[]> {
  return listByBenefits(db, [benefitId]);
}

/** The re-forecasts of these projects' benefits (all projects when none are named), oldest first. */
export async function listByProjects(db: Db, projectIds?: number[]): Promise<BenefitReforecast[]> {
  if (projectIds && projectIds.length === 0) return [];
  const q = db('benefit_reforecasts as r').join('benefits as b', 'b.id', 'r.benefit_id').select('r.*');
  const out: BenefitReforecast[] = [];
  if (!projectIds) out.push(...((await q) as Row[]).map(map));
  else
    for (const part of chunks([...new Set(projectIds)]))
      out.push(...((await q.clone().whereIn('b.project_id', part)) as Row[]).map(map));
  return sortAsMade(out);
}

/** By benefit, year, then the moment made (and id): the last of a benefit and year is its latest. */
export function sortAsMade(list: BenefitReforecast[]): BenefitReforecast[] {
  return list.sort(
    (a, b) =>
      a.benefitId - b.benefitId ||
      a.fy - b.fy ||
      (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
      a.id - b.id,
  );
}

const PG_TYPES: PgTypes = {
  benefit_id: 'integer',
  fy_start: 'integer',
  amount_pence: 'bigint',
  entered_by_user_id: 'integer',
};

/** Imports only add re-forecasts (append-only): undo deletes what a batch added. */
export const undoable = undoableTable('benefit_reforecasts', 're-forecast', PG_TYPES, 'benefit_id');

/**
 * The latest re-forecast of each benefit and year of these projects, with its project code and
 * benefit ref, ordered by code, ref and year: the export (in the import layout, so it imports back
 * as unchanged lines).
 */
export async function latestForExport(
  db: Db,
  projectIds: number[],
): Promise<{ projectCode: string; benefitRef: string; r: BenefitReforecast }[]> {
  const out = new Map<string, { projectCode: string; benefitRef: string; r: BenefitReforecast }>();
  for (const part of chunks([...new Set(projectIds)])) {
    const rows = (await db('benefit_reforecasts as r')
      .join('benefits as b', 'b.id', 'r.benefit_id')
      .join('projects as p', 'p.id', 'b.project_id')
      .whereIn('p.id', part)
      .select('r.*', 'p.code as project_code', 'b.ref as benefit_ref')) as (Row & {
      project_code: string;
      benefit_ref: string;
    })[];
    const mapped = rows.map((row) => ({ projectCode: row.project_code, benefitRef: row.benefit_ref, r: map(row) }));
    const order = new Map(sortAsMade(mapped.map((m) => m.r)).map((r, i) => [r.id, i]));
    mapped.sort((a, b) => order.get(a.r.id)! - order.get(b.r.id)!);
    for (const m of mapped) out.set(`${m.r.benefitId}|${m.r.fy}`, m); // the last made wins
  }
  return [...out.values()].sort(
    (a, b) => a.projectCode.localeCompare(b.projectCode) || a.benefitRef.localeCompare(b.benefitRef) || a.r.fy - b.r.fy,
  );
}
