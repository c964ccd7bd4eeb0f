import type { Db } from '../knex';
import { fromDbPence, toDbPence, type Decimal } from '../money';
import type { CostCategory, CostFunding, CostKind, CostLine, CostRecurrence } from '../records';
import { toBool, versionedRows } from './shared';
import { insertManyIds, undoableTable, updateWrites, whereInChunks, type PgTypes, type VersionedWrite } from './bulk';

export interface CostLineRow {
  id: number;
  project_id: number;
  fy_start: number;
  kind: CostKind;
  category: CostCategory;
  funding: CostFunding;
  recurrence: CostRecurrence | null;
  amount_pence: string | number;
  is_credit: unknown;
  description: string;
  reference: string;
  version: number;
}

export interface CostLineWrite {
  fy: number;
  kind: CostKind;
  category: CostCategory;
  funding: CostFunding;
  recurrence: CostRecurrence | null;
  amount: Decimal;
  isCredit: boolean;
  description: string;
  reference: string;
}

function map(r: CostLineRow): CostLine {
  return {
    id: r.id,
    projectId: r.project_id,
    fy: r.fy_start,
    kind: r.kind,
    category: r.category,
    funding: r.funding,
    recurrence: r.recurrence ?? null,
    amount: fromDbPence(r.amount_pence),
    isCredit: toBool(r.is_credit),
    description: r.description,
    reference: r.reference,
    version: r.version,
  };
}

function toRow(c: CostLineWrite): Record<string, unknown> {
  return {
    fy_start: c.fy,
    kind: c.kind,
    category: c.category,
    funding: c.funding,
    recurrence: c.recurrence,
    amount_pence: toDbPence(c.amount),
    is_credit: c.isCredit,
    description: c.description,
    reference: c.reference,
  };
}

export async function listByProject(db: Db, projectId: number): Promise<CostLine[]> {
  const rows: CostLineRow[] = await db('cost_lines')
    .where({ project_id: projectId })
    .orderBy(['fy_start', 'kind', 'funding', 'category', 'id']);
  return rows.map(map);
}

export const { findById, insert, update, remove } = versionedRows<CostLineRow, CostLine, CostLineWrite>(
  'cost_lines',
  'project_id',
  map,
  toRow,
);

// ## Bulk (imports and their undo): the same row mapping as the single writes above

export interface CostLineNew extends CostLineWrite {
  projectId: number;
}

const PG_TYPES: PgTypes = { project_id: 'integer', fy_start: 'integer', amount_pence: 'bigint', is_credit: 'boolean' };

export async function listByProjects(db: Db, projectIds: number[]): Promise<CostLine[]> {
  return (await whereInChunks<CostLineRow>(db, 'cost_lines', 'project_id', projectIds)).map(map);
}

/** Returns the new ids (in no promised order). */
export async function insertMany(db: Db, lines: CostLineNew[]): Promise<number[]> {
  return insertManyIds(
    db,
    'cost_lines',
    lines.map((l) => ({ project_id: l.projectId, ...toRow(l) })),
  );
}

/** Returns how many lines still had the version given: fewer means someone changed one since. */
export async function updateMany(db: Db, updates: VersionedWrite<CostLineWrite>[]): Promise<number> {
  return updateWrites(db, 'cost_lines', updates, toRow, PG_TYPES);
}

/** The stored columns an undo puts back (the format import batches have always kept). */
export function undoSnapshot(c: CostLine): Record<string, unknown> {
  return { version: c.version, project_id: c.projectId, ...toRow(c) };
}

export const undoable = undoableTable('cost_lines', 'cost line', PG_TYPES, 'project_id');
