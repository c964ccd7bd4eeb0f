/**
 * Benefit profile rows one at a time as stored (id, version), for imports and their undo. The form
 * and the API replace a whole profile at once through benefits.replaceProfile.
 */
import type { Db } from '../knex';
import { fromDbPence, toDbPence } from '../money';
import type { ProfileEntry, StoredProfileEntry } from '../records';
import { insertMany as bulkInsert, undoableTable, updateManyIfVersion, whereInChunks, type PgTypes } from './bulk';

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
  const rows = await bulkInsert(
    db,
    'benefit_profile',
    entries.map((e) => ({ benefit_id: e.benefitId, ...toRow(e) })),
  );
  return rows.map((r) => Number(r.id));
}

/** Returns how many rows still had the version given: fewer means someone changed one since. */
export async function updateMany(
  db: Db,
  updates: { id: number; version: number; write: ProfileEntry }[],
): Promise<number> {
  return updateManyIfVersion(
    db,
    'benefit_profile',
    updates.map((u) => ({ id: u.id, version: u.version, nextVersion: u.version + 1, values: toRow(u.write) })),
    PG_TYPES,
  );
}

export function undoSnapshot(e: StoredProfileEntry): Record<string, unknown> {
  return { version: e.version, benefit_id: e.benefitId, ...toRow(e) };
}

/** Rows of these benefits other than the given ones (added since by someone else). */
export async function countOthers(db: Db, benefitIds: number[], exceptIds: Set<number>): Promise<number> {
  const rows = await whereInChunks<{ id: number }>(db, 'benefit_profile', 'benefit_id', benefitIds, ['id']);
  return rows.filter((r) => !exceptIds.has(Number(r.id))).length;
}

export const undoable = undoableTable('benefit_profile', 'profile row', PG_TYPES);
