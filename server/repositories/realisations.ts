import type { Db } from '../knex';
import { fromDbPence, toDbPence, type Decimal } from '../money';
import type { Realisation } from '../records';
import { toBool, toDateOnly, toIso, versionedRows } from './shared';
import {
  chunks,
  insertManyIds,
  undoableTable,
  updateWrites,
  whereInChunks,
  type PgTypes,
  type VersionedWrite,
} from './bulk';

export interface RealisationRow {
  id: number;
  benefit_id: number;
  fy_start: number;
  amount_pence: string | number | null;
  value: string;
  is_correction: unknown;
  evidence: string;
  recorded_by: string;
  recorded_on: unknown;
  version: number;
  created_at: unknown;
}

export interface RealisationWrite {
  fy: number;
  amount: Decimal | null;
  value: string;
  isCorrection: boolean;
  evidence: string;
  recordedBy: string;
  recordedOn: string;
}

function map(r: RealisationRow): Realisation {
  return {
    id: r.id,
    benefitId: r.benefit_id,
    fy: r.fy_start,
    amount: r.amount_pence === null ? null : fromDbPence(r.amount_pence),
    value: r.value,
    isCorrection: toBool(r.is_correction),
    evidence: r.evidence,
    recordedBy: r.recorded_by,
    recordedOn: toDateOnly(r.recorded_on),
    version: r.version,
    createdAt: toIso(r.created_at),
  };
}

function toRow(r: RealisationWrite): Record<string, unknown> {
  return {
    fy_start: r.fy,
    amount_pence: r.amount === null ? null : toDbPence(r.amount),
    value: r.value,
    is_correction: r.isCorrection,
    evidence: r.evidence,
    recorded_by: r.recordedBy,
    recorded_on: r.recordedOn,
  };
}

export async function listByBenefit(db: Db, benefitId: number): Promise<Realisation[]> {
  const rows: RealisationRow[] = await db('realisations').where({ benefit_id: benefitId }).orderBy(['fy_start', 'id']);
  return rows.map(map);
}

export async function listByProject(db: Db, projectId: number): Promise<Realisation[]> {
  const rows: RealisationRow[] = await db('realisations as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .where('b.project_id', projectId)
    .select('r.*')
    .orderBy(['r.fy_start', 'r.id']);
  return rows.map(map);
}

export const { findById, insert, update, remove } = versionedRows<RealisationRow, Realisation, RealisationWrite>(
  'realisations',
  'benefit_id',
  map,
  toRow,
);

// ## Bulk (imports and their undo): the same row mapping as the single writes above

export interface RealisationNew extends RealisationWrite {
  benefitId: number;
}

const PG_TYPES: PgTypes = {
  benefit_id: 'integer',
  fy_start: 'integer',
  amount_pence: 'bigint',
  is_correction: 'boolean',
  recorded_on: 'date',
};

export async function listByBenefits(db: Db, benefitIds: number[]): Promise<Realisation[]> {
  return (await whereInChunks<RealisationRow>(db, 'realisations', 'benefit_id', benefitIds)).map(map);
}

/** Returns the new ids (in no promised order). */
export async function insertMany(db: Db, realisations: RealisationNew[]): Promise<number[]> {
  return insertManyIds(
    db,
    'realisations',
    realisations.map((r) => ({ benefit_id: r.benefitId, ...toRow(r) })),
  );
}

/** Returns how many realisations still had the version given: fewer means someone changed one since. */
export async function updateMany(db: Db, updates: VersionedWrite<RealisationWrite>[]): Promise<number> {
  return updateWrites(db, 'realisations', updates, toRow, PG_TYPES);
}

export function undoSnapshot(r: Realisation): Record<string, unknown> {
  return { version: r.version, benefit_id: r.benefitId, ...toRow(r) };
}

/** Realisations recorded against any of these benefits (undo must not delete them with a benefit). */
export async function countByBenefits(db: Db, benefitIds: number[]): Promise<number> {
  let n = 0;
  for (const part of chunks(benefitIds)) {
    const row = await db('realisations').whereIn('benefit_id', part).count<{ n: string | number }>({ n: '*' }).first();
    n += Number(row?.n ?? 0);
  }
  return n;
}

export const undoable = undoableTable('realisations', 'realisation', PG_TYPES, 'benefit_id');
