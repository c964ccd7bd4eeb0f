import type { Db } from '../knex';
import { Decimal } from '../money';
import type { Benefit, BenefitStatus, BenefitType } from '../records';
import { toBool, versionedRows } from './shared';
import {
  insertMany as bulkInsert,
  undoableTable,
  updateWrites,
  whereInChunks,
  type PgTypes,
  type VersionedWrite,
} from './bulk';

export interface BenefitRow {
  id: number;
  project_id: number;
  ref: string;
  title: string;
  description: string;
  type: BenefitType;
  category: string;
  is_disbenefit: unknown;
  owner: string;
  measure: string;
  baseline: string;
  target: string;
  unit: string;
  confidence: string;
  status: BenefitStatus;
  service_feature: string;
  enabling_activities: string;
  version: number;
}

export type BenefitWrite = Omit<Benefit, 'id' | 'projectId' | 'version'>;

function map(r: BenefitRow): Benefit {
  return {
    id: r.id,
    projectId: r.project_id,
    ref: r.ref,
    title: r.title,
    description: r.description,
    type: r.type,
    category: r.category,
    isDisbenefit: toBool(r.is_disbenefit),
    owner: r.owner,
    measure: r.measure,
    baseline: r.baseline,
    target: r.target,
    unit: r.unit,
    confidence: new Decimal(r.confidence),
    status: r.status,
    serviceFeature: r.service_feature,
    enablingActivities: r.enabling_activities,
    version: r.version,
  };
}

function toRow(b: BenefitWrite): Record<string, unknown> {
  return {
    ref: b.ref,
    title: b.title,
    description: b.description,
    type: b.type,
    category: b.category,
    is_disbenefit: b.isDisbenefit,
    owner: b.owner,
    measure: b.measure,
    baseline: b.baseline,
    target: b.target,
    unit: b.unit,
    confidence: b.confidence.toString(),
    status: b.status,
    service_feature: b.serviceFeature,
    enabling_activities: b.enablingActivities,
  };
}

export async function listByProject(db: Db, projectId: number): Promise<Benefit[]> {
  const rows: BenefitRow[] = await db('benefits').where({ project_id: projectId }).orderBy('id');
  return rows.map(map);
}

export async function findByRef(db: Db, projectId: number, ref: string): Promise<Benefit | null> {
  const row: BenefitRow | undefined = await db('benefits')
    .where({ project_id: projectId })
    .whereRaw('UPPER(ref) = ?', [ref.toUpperCase()])
    .first();
  return row ? map(row) : null;
}

export const { findById, insert, update, remove } = versionedRows<BenefitRow, Benefit, BenefitWrite>(
  'benefits',
  'project_id',
  map,
  toRow,
);

// ## Bulk (imports and their undo): the same row mapping as the single writes above

export interface BenefitNew extends BenefitWrite {
  projectId: number;
}

const PG_TYPES: PgTypes = { project_id: 'integer', is_disbenefit: 'boolean' };

export async function listByProjects(db: Db, projectIds: number[]): Promise<Benefit[]> {
  return (await whereInChunks<BenefitRow>(db, 'benefits', 'project_id', projectIds)).map(map);
}

/** Returns each new benefit's id with its project and ref (in no promised order). */
export async function insertMany(
  db: Db,
  benefits: BenefitNew[],
): Promise<{ id: number; projectId: number; ref: string }[]> {
  const rows = await bulkInsert(
    db,
    'benefits',
    benefits.map((b) => ({ project_id: b.projectId, ...toRow(b) })),
    ['id', 'project_id', 'ref'],
  );
  return rows.map((r) => ({ id: Number(r.id), projectId: Number(r.project_id), ref: String(r.ref) }));
}

/** Returns how many benefits still had the version given: fewer means someone changed one since. */
export async function updateMany(db: Db, updates: VersionedWrite<BenefitWrite>[]): Promise<number> {
  return updateWrites(db, 'benefits', updates, toRow, PG_TYPES);
}

export function undoSnapshot(b: Benefit): Record<string, unknown> {
  return { version: b.version, project_id: b.projectId, ...toRow(b) };
}

export const undoable = undoableTable('benefits', 'benefit', PG_TYPES, 'project_id');
