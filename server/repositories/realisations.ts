import type { Db } from '../knex';
import { fromDbPence, toDbPence, type Decimal } from '../money';
import type { EvidenceGrade, Realisation, RealisationVerification } from '../records';
import { nowIso, toBool, toDateOnly, toIso, versionedRows } from './shared';
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
  verification_status: string;
  verification_grade: string | null;
  verified_by_user_id: number | null;
  verified_at: unknown;
  verified_by: string | null;
  recorded_by_user_id: number | null;
  changed_by_user_id: number | null;
}

export interface RealisationWrite {
  fy: number;
  amount: Decimal | null;
  value: string;
  isCorrection: boolean;
  evidence: string;
  recordedBy: string;
  recordedOn: string;
  /** C10: the signed-in user recording (on insert) or changing (on update) it; left as is when absent. */
  recordedByUserId?: number | null;
  changedByUserId?: number | null;
}

/** C10: every write of a realisation's figures leaves it unverified (the domain asks a reason first when it was verified). */
const UNVERIFIED = {
  verification_status: 'unverified',
  verification_grade: null,
  verified_by_user_id: null,
  verified_at: null,
  verified_by: null,
} as const;

function verificationOf(r: RealisationRow): RealisationVerification {
  const verified = r.verification_status === 'verified';
  return {
    status: verified ? 'verified' : 'unverified',
    grade: verified ? (r.verification_grade as EvidenceGrade) : null,
    verifiedByUserId: verified ? (r.verified_by_user_id ?? null) : null,
    verifiedBy: verified ? (r.verified_by ?? null) : null,
    verifiedAt: verified && r.verified_at ? toIso(r.verified_at) : null,
  };
}

function verificationRow(v: RealisationVerification): Record<string, unknown> {
  return {
    verification_status: v.status,
    verification_grade: v.grade,
    verified_by_user_id: v.verifiedByUserId,
    verified_at: v.verifiedAt,
    verified_by: v.verifiedBy,
  };
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
    recordedByUserId: r.recorded_by_user_id ?? null,
    changedByUserId: r.changed_by_user_id ?? null,
    verification: verificationOf(r),
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
    ...(r.recordedByUserId !== undefined ? { recorded_by_user_id: r.recordedByUserId } : {}),
    ...(r.changedByUserId !== undefined ? { changed_by_user_id: r.changedByUserId } : {}),
    ...UNVERIFIED,
  };
}

/**
 * C10: marks a realisation verified (with its grade, by whom, when) or unverified again, at the
 * version given (optimistic concurrency): false when someone changed it since.
 */
export async function setVerification(
  db: Db,
  id: number,
  version: number,
  v: { status: 'verified'; grade: EvidenceGrade; byUserId: number | null; by: string } | { status: 'unverified' },
): Promise<boolean> {
  const patch =
    v.status === 'verified'
      ? {
          verification_status: 'verified',
          verification_grade: v.grade,
          verified_by_user_id: v.byUserId,
          verified_by: v.by,
          verified_at: nowIso(),
        }
      : UNVERIFIED;
  const count = await db('realisations')
    .where({ id, version })
    .update({ ...patch, version: version + 1, updated_at: nowIso() });
  return count === 1;
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
  recorded_by_user_id: 'integer',
  changed_by_user_id: 'integer',
  verified_by_user_id: 'integer',
  verified_at: 'timestamptz',
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

/** Undo puts the figures back as they were, with the verification they had then (C10). */
export function undoSnapshot(r: Realisation): Record<string, unknown> {
  return { version: r.version, benefit_id: r.benefitId, ...toRow(r), ...verificationRow(r.verification) };
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
