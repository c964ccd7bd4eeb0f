/**
 * The `benefit_profile` table: each benefit's expected amount per financial year. The form and the
 * API replace a whole profile at once (replaceForBenefit); imports and their undo write rows one at
 * a time as stored (id, version), through the bulk methods.
 */
import type { Db } from '../knex';
import { fromDbPence, toDbPence } from '../money';
import type { ProfileEntry, StoredProfileEntry } from '../records';
import { nowIso } from './shared';
import { insertManyIds, undoableTable, updateWrites, whereInChunks, type PgTypes, type VersionedWrite } from './bulk';

interface ProfileRow {
  id: number;
  benefit_id: number;
  fy_start: number;
  amount_pence: string | number;
  version: number;
}

export interface ProfileEntryNew extends ProfileEntry {
  benefitId: number;
}

const PG_TYPES: PgTypes = { benefit_id: 'integer', fy_start: 'integer', amount_pence: 'bigint' };

function map(r: ProfileRow): StoredProfileEntry {
  return { id: r.id, benefitId: r.benefit_id, fy: r.fy_start, amount: fromDbPence(r.amount_pence), version: r.version };
}

function toRow(e: ProfileEntry): Record<string, unknown> {
  return { fy_start: e.fy, amount_pence: toDbPence(e.amount) };
}

function entry(r: Pick<ProfileRow, 'fy_start' | 'amount_pence'>): ProfileEntry {
  return { fy: r.fy_start, amount: fromDbPence(r.amount_pence) };
}

// ## A whole profile (forms, API, the project page)

/** A benefit's expected profile, ascending by year. */
export async function listByBenefit(db: Db, benefitId: number): Promise<ProfileEntry[]> {
  const rows: Pick<ProfileRow, 'fy_start' | 'amount_pence'>[] = await db('benefit_profile')
    .where({ benefit_id: benefitId })
    .orderBy('fy_start')
    .select('fy_start', 'amount_pence');
  return rows.map(entry);
}

/** The expected profiles of every benefit of a project in one query, by benefit id, each ascending by year. */
export async function listByProject(db: Db, projectId: number): Promise<Map<number, ProfileEntry[]>> {
  const rows: Pick<ProfileRow, 'benefit_id' | 'fy_start' | 'amount_pence'>[] = await db('benefit_profile as bp')
    .join('benefits as b', 'b.id', 'bp.benefit_id')
    .where('b.project_id', projectId)
    .orderBy(['bp.benefit_id', 'bp.fy_start'])
    .select('bp.benefit_id', 'bp.fy_start', 'bp.amount_pence');
  const out = new Map<number, ProfileEntry[]>();
  for (const r of rows) {
    let list = out.get(r.benefit_id);
    if (!list) out.set(r.benefit_id, (list = []));
    list.push(entry(r));
  }
  return out;
}

/** Replaces a benefit's whole profile: the form and the API both edit it as one table. */
export async function replaceForBenefit(db: Db, benefitId: number, entries: ProfileEntry[]): Promise<void> {
  await db('benefit_profile').where({ benefit_id: benefitId }).delete();
  if (entries.length === 0) return;
  const now = nowIso();
  await db('benefit_profile').insert(
    entries.map((e) => ({ benefit_id: benefitId, ...toRow(e), created_at: now, updated_at: now })),
  );
}

// ## Row by row (imports and their undo)

export async function listByBenefits(db: Db, benefitIds: number[]): Promise<StoredProfileEntry[]> {
  return (
    await whereInChunks<ProfileRow>(db, 'benefit_profile', 'benefit_id', benefitIds, [
      'id',
      'benefit_id',
      'fy_start',
      'amount_pence',
      'version',
    ])
  ).map(map);
}

/** Returns the new ids (in no promised order). */
export async function insertMany(db: Db, entries: ProfileEntryNew[]): Promise<number[]> {
  return insertManyIds(
    db,
    'benefit_profile',
    entries.map((e) => ({ benefit_id: e.benefitId, ...toRow(e) })),
  );
}

/** Returns how many rows still had the version given: fewer means someone changed one since. */
export async function updateMany(db: Db, updates: VersionedWrite<ProfileEntry>[]): Promise<number> {
  return updateWrites(db, 'benefit_profile', updates, toRow, PG_TYPES);
}

export function undoSnapshot(e: StoredProfileEntry): Record<string, unknown> {
  return { version: e.version, benefit_id: e.benefitId, ...toRow(e) };
}

/** Rows of these benefits other than the given ones (added since by someone else). */
export async function countOthers(db: Db, benefitIds: number[], exceptIds: Set<number>): Promise<number> {
  const rows = await whereInChunks<{ id: number }>(db, 'benefit_profile', 'benefit_id', benefitIds, ['id']);
  return rows.filter((r) => !exceptIds.has(Number(r.id))).length;
}

export const undoable = undoableTable('benefit_profile', 'profile row', PG_TYPES, 'benefit_id');
