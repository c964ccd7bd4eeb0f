/**
 * Import batches (what each committed import did, for the record and for undo), uploads waiting
 * between preview and commit, and the reads exports need, a few projects at a time. The rows an
 * import writes go through their own tables' repositories (cost-lines, benefits,
 * benefit-profiles, realisations).
 */
import { isPostgres, type Db } from '../knex';
import { chunks } from './bulk';
import { nowIso, toIso } from './shared';

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
  /** Empty when the preview cannot be committed: only a committable upload keeps its file. */
  content: Buffer;
  /** The preview as planned at upload, as JSON (null for an upload kept before previews were). */
  previewJson: string | null;
  createdAt: string;
}

export async function insertUpload(db: Db, u: Omit<UploadRecord, 'createdAt'>): Promise<void> {
  await db('import_uploads').insert({
    id: u.id,
    kind: u.kind,
    file_name: u.fileName,
    checksum: u.checksum,
    actor_id: u.actorId,
    content: u.content,
    preview_json: u.previewJson,
    created_at: nowIso(),
  });
}

export async function findUpload(db: Db, id: string): Promise<UploadRecord | null> {
  const r = await db('import_uploads').where({ id }).first();
  if (!r) return null;
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    checksum: r.checksum,
    actorId: r.actor_id,
    content: Buffer.from(r.content),
    previewJson: r.preview_json ?? null,
    createdAt: toIso(r.created_at),
  };
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

export async function insertBatch(
  db: Db,
  b: Pick<BatchRecord, 'kind' | 'fileName' | 'checksum' | 'actorId' | 'actorLabel' | 'added' | 'updated' | 'unchanged'>,
): Promise<number> {
  const now = nowIso();
  const [res] = await db('import_batches')
    .insert({
      kind: b.kind,
      file_name: b.fileName,
      checksum: b.checksum,
      actor_id: b.actorId,
      actor_label: b.actorLabel,
      added: b.added,
      updated: b.updated,
      unchanged: b.unchanged,
      created_at: now,
      updated_at: now,
    })
    .returning('id');
  return typeof res === 'object' ? Number(res.id) : Number(res);
}

export async function insertBatchRows(db: Db, batchId: number, rows: BatchRowRecord[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db('import_batch_rows').insert(
      part.map((r) => ({
        batch_id: batchId,
        table_name: r.tableName,
        row_id: r.rowId,
        action: r.action,
        version_after: r.versionAfter,
        before_json: r.before === null ? null : JSON.stringify(r.before),
      })),
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
  const n = await db('import_batches')
    .where({ id, version })
    .whereNull('undone_at')
    .update({ undone_at: now, undone_by_label: label.slice(0, 200), updated_at: now, version: version + 1 });
  return n === 1;
}

// ## Columns of the rows imports and exports touch

type Row = Record<string, unknown> & { id: number; version: number };

const COST_COLUMNS = [
  'id',
  'project_id',
  'fy_start',
  'kind',
  'funding',
  'category',
  'recurrence',
  'amount_pence',
  'is_credit',
  'description',
  'reference',
  'version',
];
const BENEFIT_COLUMNS = [
  'id',
  'project_id',
  'ref',
  'title',
  'type',
  'category',
  'confidence',
  'owner',
  'is_disbenefit',
  'version',
];
const PROFILE_COLUMNS = ['id', 'benefit_id', 'fy_start', 'amount_pence', 'version'];
const REALISATION_COLUMNS = [
  'id',
  'benefit_id',
  'fy_start',
  'amount_pence',
  'value',
  'is_correction',
  'evidence',
  'recorded_by',
  'recorded_on',
  'version',
];

// ## Reads for exports, in the import layouts' order

/** Every project's id and code, by code: exports walk the portfolio a few projects at a time. */
export async function projectIdsByCode(db: Db): Promise<{ id: number; code: string }[]> {
  return db('projects').orderBy('code').select('id', 'code');
}

export async function costLinesForExport(db: Db, projectIds: number[]): Promise<Row[]> {
  return db('cost_lines as c')
    .join('projects as p', 'p.id', 'c.project_id')
    .whereIn('c.project_id', projectIds)
    .orderBy([
      { column: 'p.code' },
      { column: 'c.fy_start' },
      { column: 'c.kind' },
      { column: 'c.funding' },
      { column: 'c.category' },
      { column: 'c.id' },
    ])
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
