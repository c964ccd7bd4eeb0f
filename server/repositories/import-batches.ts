/**
 * Import batches (what each committed import did, for the record and for undo), uploads waiting
 * between preview and commit, and the set-based reads and writes that imports and exports need:
 * lookups load once per file and rows are written in chunks, never one query per row.
 */
import type { Knex } from 'knex';
import { isPostgres, type Db } from '../knex';
import { nowIso, toIso } from './shared';

/** Rows per multi-row INSERT: well inside SQLite's and PostgreSQL's bound-parameter limits. */
export const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const IMPORT_LOCK = 7_240_311;

/** PostgreSQL: one import or undo at a time, so two commits of one file cannot both add its rows. */
export async function lockImports(db: Db): Promise<void> {
  if (isPostgres(db)) await db.raw('SELECT pg_advisory_xact_lock(?)', [IMPORT_LOCK]);
}

// ## Uploads between preview and commit

export interface UploadRecord {
  id: string;
  kind: string;
  fileName: string;
  checksum: string;
  actorId: number;
  content: Buffer;
  createdAt: string;
}

export async function insertUpload(db: Db, u: Omit<UploadRecord, 'createdAt'>): Promise<void> {
  await db('import_uploads').insert({ id: u.id, kind: u.kind, file_name: u.fileName, checksum: u.checksum, actor_id: u.actorId, content: u.content, created_at: nowIso() });
}

export async function findUpload(db: Db, id: string): Promise<UploadRecord | null> {
  const r = await db('import_uploads').where({ id }).first();
  if (!r) return null;
  return { id: r.id, kind: r.kind, fileName: r.file_name, checksum: r.checksum, actorId: r.actor_id, content: Buffer.from(r.content), createdAt: toIso(r.created_at) };
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await db('import_uploads').where({ id }).delete();
}

export async function deleteUploadsBefore(db: Db, iso: string): Promise<void> {
  await db('import_uploads').where('created_at', '<', iso).delete();
}

// ## Batches

export interface BatchRecord {
  id: number;
  kind: string;
  fileName: string;
  checksum: string;
  actorId: number | null;
  actorLabel: string;
  added: number;
  updated: number;
  unchanged: number;
  createdAt: string;
  undoneAt: string | null;
  undoneByLabel: string | null;
  version: number;
}

export interface BatchRowRecord {
  tableName: string;
  rowId: number;
  action: 'inserted' | 'updated';
  versionAfter: number;
  before: Record<string, unknown> | null;
}

function mapBatch(r: Record<string, unknown>): BatchRecord {
  return {
    id: Number(r.id),
    kind: String(r.kind),
    fileName: String(r.file_name),
    checksum: String(r.checksum),
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    actorLabel: String(r.actor_label),
    added: Number(r.added),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    createdAt: toIso(r.created_at),
    undoneAt: r.undone_at ? toIso(r.undone_at) : null,
    undoneByLabel: (r.undone_by_label as string | null) ?? null,
    version: Number(r.version),
  };
}

export async function insertBatch(db: Db, b: Pick<BatchRecord, 'kind' | 'fileName' | 'checksum' | 'actorId' | 'actorLabel' | 'added' | 'updated' | 'unchanged'>): Promise<number> {
  const now = nowIso();
  const [res] = await db('import_batches')
    .insert({ kind: b.kind, file_name: b.fileName, checksum: b.checksum, actor_id: b.actorId, actor_label: b.actorLabel, added: b.added, updated: b.updated, unchanged: b.unchanged, created_at: now, updated_at: now })
    .returning('id');
  return typeof res === 'object' ? Number(res.id) : Number(res);
}

export async function insertBatchRows(db: Db, batchId: number, rows: BatchRowRecord[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db('import_batch_rows').insert(
      part.map((r) => ({ batch_id: batchId, table_name: r.tableName, row_id: r.rowId, action: r.action, version_after: r.versionAfter, before_json: r.before === null ? null : JSON.stringify(r.before) })),
    );
  }
}

export async function findBatch(db: Db, id: number): Promise<BatchRecord | null> {
  const r = await db('import_batches').where({ id }).first();
  return r ? mapBatch(r) : null;
}

export async function listRecent(db: Db, limit = 20): Promise<BatchRecord[]> {
  const rows = await db('import_batches').orderBy('id', 'desc').limit(limit);
  return rows.map(mapBatch);
}

export async function batchRows(db: Db, batchId: number): Promise<BatchRowRecord[]> {
  const rows: Record<string, unknown>[] = await db('import_batch_rows').where({ batch_id: batchId }).orderBy('id');
  return rows.map((r) => ({
    tableName: String(r.table_name),
    rowId: Number(r.row_id),
    action: r.action as BatchRowRecord['action'],
    versionAfter: Number(r.version_after),
    before: r.before_json === null ? null : JSON.parse(String(r.before_json)),
  }));
}

export async function markUndone(db: Db, id: number, version: number, label: string): Promise<boolean> {
  const now = nowIso();
  const n = await db('import_batches').where({ id, version }).whereNull('undone_at').update({ undone_at: now, undone_by_label: label.slice(0, 200), updated_at: now, version: version + 1 });
  return n === 1;
}

// ## Set-based reads of the rows an import may touch

type Row = Record<string, unknown> & { id: number; version: number };

async function whereInChunks(db: Db, table: string, column: string, ids: number[], columns: string[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const part of chunks([...new Set(ids)])) out.push(...((await db(table).whereIn(column, part).select(columns)) as Row[]));
  return out;
}

export const COST_COLUMNS = ['id', 'project_id', 'fy_start', 'kind', 'category', 'amount_pence', 'is_credit', 'description', 'reference', 'version'];
export const BENEFIT_COLUMNS = ['id', 'project_id', 'ref', 'title', 'type', 'category', 'confidence', 'owner', 'is_disbenefit', 'version'];
export const PROFILE_COLUMNS = ['id', 'benefit_id', 'fy_start', 'amount_pence', 'version'];
export const REALISATION_COLUMNS = ['id', 'benefit_id', 'fy_start', 'amount_pence', 'value', 'is_correction', 'evidence', 'recorded_by', 'recorded_on', 'version'];

export const costLinesOf = (db: Db, projectIds: number[]) => whereInChunks(db, 'cost_lines', 'project_id', projectIds, COST_COLUMNS);
export const benefitsOf = (db: Db, projectIds: number[]) => whereInChunks(db, 'benefits', 'project_id', projectIds, BENEFIT_COLUMNS);
export const profilesOf = (db: Db, benefitIds: number[]) => whereInChunks(db, 'benefit_profile', 'benefit_id', benefitIds, PROFILE_COLUMNS);
export const realisationsOf = (db: Db, benefitIds: number[]) => whereInChunks(db, 'realisations', 'benefit_id', benefitIds, REALISATION_COLUMNS);

// ## Set-based writes

/** Multi-row inserts in chunks; returns the given columns of each new row (in no promised order). */
export async function insertMany(db: Db, table: string, rows: Record<string, unknown>[], returning: string[] = ['id']): Promise<Record<string, unknown>[]> {
  const now = nowIso();
  const out: Record<string, unknown>[] = [];
  for (const part of chunks(rows)) {
    // The rows are the caller's own, built for this insert: stamped in place rather than copied.
    for (const r of part) {
      r.created_at = now;
      r.updated_at = now;
    }
    const res: Record<string, unknown>[] = await db(table).insert(part).returning(returning);
    out.push(...res);
  }
  return out;
}

/** PostgreSQL types of the columns imports write (VALUES parameters arrive untyped); anything else is text. */
const PG_TYPES: Record<string, string> = {
  id: 'integer',
  version: 'integer',
  project_id: 'integer',
  benefit_id: 'integer',
  fy_start: 'integer',
  amount_pence: 'bigint',
  is_credit: 'boolean',
  is_disbenefit: 'boolean',
  is_correction: 'boolean',
  recorded_on: 'date',
};

export interface VersionedUpdate {
  id: number;
  version: number;
  nextVersion: number;
  values: Record<string, unknown>;
}

/**
 * Many versioned updates of one table at once: one UPDATE … FROM (VALUES …) per chunk instead of
 * one statement per row. Returns how many rows still had the version given (the rest changed or
 * went since they were read). Rows are grouped by the columns they set.
 */
export async function updateManyIfVersion(db: Db, table: string, updates: VersionedUpdate[]): Promise<number> {
  const groups = new Map<string, VersionedUpdate[]>();
  for (const u of updates) {
    const key = Object.keys(u.values).sort().join(',');
    const list = groups.get(key);
    if (list) list.push(u);
    else groups.set(key, [u]);
  }
  const pg = isPostgres(db);
  const now = nowIso();
  let matched = 0;
  for (const [key, group] of groups) {
    const columns = key.split(',').filter(Boolean);
    const names = ['id', 'version', 'next_version', ...columns];
    // SQLite takes each value as it comes (column affinity); PostgreSQL needs the types spelt out.
    const slot = (c: string) => (pg ? `CAST(? AS ${PG_TYPES[c === 'next_version' ? 'version' : c] ?? 'text'})` : '?');
    const tuple = `(${names.map(slot).join(', ')})`;
    const set = [...columns.map((c) => `"${c}" = v."${c}"`), 'version = v.next_version', 'updated_at = ?'].join(', ');
    for (const part of chunks(group, Math.floor(CHUNK * 4 / names.length) || 1)) {
      const bindings = part.flatMap((u) => [u.id, u.version, u.nextVersion, ...columns.map((c) => (u.values[c] ?? null) as Knex.Value)]);
      const sql = `WITH v(${names.map((n) => `"${n}"`).join(', ')}) AS (VALUES ${part.map(() => tuple).join(', ')}) UPDATE "${table}" SET ${set} FROM v WHERE "${table}".id = v.id AND "${table}".version = v.version RETURNING "${table}".id`;
      const res = await db.raw(sql, [...bindings, now]);
      matched += (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows).length;
    }
  }
  return matched;
}

export async function currentVersions(db: Db, table: string, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const part of chunks([...new Set(ids)])) {
    const rows: { id: number; version: number }[] = await db(table).whereIn('id', part).select('id', 'version');
    for (const r of rows) out.set(Number(r.id), Number(r.version));
  }
  return out;
}

export async function deleteIds(db: Db, table: string, ids: number[]): Promise<void> {
  for (const part of chunks(ids)) await db(table).whereIn('id', part).delete();
}

/** Realisations recorded against any of these benefits (undo must not delete them with a benefit). */
export async function countRealisationsOf(db: Db, benefitIds: number[]): Promise<number> {
  let n = 0;
  for (const part of chunks(benefitIds)) {
    const row = await db('realisations').whereIn('benefit_id', part).count<{ n: string | number }>({ n: '*' }).first();
    n += Number(row?.n ?? 0);
  }
  return n;
}

/** Profile rows of these benefits other than the given ones (added since by someone else). */
export async function countOtherProfileRows(db: Db, benefitIds: number[], exceptIds: Set<number>): Promise<number> {
  let n = 0;
  for (const part of chunks(benefitIds)) {
    const rows: { id: number }[] = await db('benefit_profile').whereIn('benefit_id', part).select('id');
    n += rows.filter((r) => !exceptIds.has(Number(r.id))).length;
  }
  return n;
}

// ## Reads for exports, in the import layouts' order

/** Every project's id and code, by code: exports walk the portfolio a few projects at a time. */
export async function projectIdsByCode(db: Db): Promise<{ id: number; code: string }[]> {
  return db('projects').orderBy('code').select('id', 'code');
}

export async function costLinesForExport(db: Db, projectIds: number[]): Promise<Row[]> {
  return db('cost_lines as c')
    .join('projects as p', 'p.id', 'c.project_id')
    .whereIn('c.project_id', projectIds)
    .orderBy([{ column: 'p.code' }, { column: 'c.fy_start' }, { column: 'c.kind' }, { column: 'c.category' }, { column: 'c.id' }])
    .select('p.code as project_code', ...COST_COLUMNS.map((c) => `c.${c}`));
}

export async function benefitsForExport(db: Db, projectIds: number[]): Promise<Row[]> {
  return db('benefits as b')
    .join('projects as p', 'p.id', 'b.project_id')
    .whereIn('b.project_id', projectIds)
    .orderBy([{ column: 'p.code' }, { column: 'b.id' }])
    .select('p.code as project_code', ...BENEFIT_COLUMNS.map((c) => `b.${c}`));
}

export async function profilesForExport(db: Db, projectIds: number[]): Promise<Row[]> {
  return db('benefit_profile as bp')
    .join('benefits as b', 'b.id', 'bp.benefit_id')
    .whereIn('b.project_id', projectIds)
    .orderBy([{ column: 'bp.benefit_id' }, { column: 'bp.fy_start' }])
    .select(...PROFILE_COLUMNS.map((c) => `bp.${c}`));
}

export async function realisationsForExport(db: Db, projectIds: number[]): Promise<Row[]> {
  return db('realisations as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .join('projects as p', 'p.id', 'b.project_id')
    .whereIn('b.project_id', projectIds)
    .orderBy([{ column: 'p.code' }, { column: 'b.ref' }, { column: 'r.fy_start' }, { column: 'r.id' }])
    .select('p.code as project_code', 'b.ref as benefit_ref', ...REALISATION_COLUMNS.map((c) => `r.${c}`));
}
