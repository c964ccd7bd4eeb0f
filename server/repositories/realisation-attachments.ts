/** Evidence files of realisations (C10): metadata rows, with the bytes read only to download one. */
import type { Db } from '../knex';
import type { RealisationAttachment } from '../records';
import { whereInChunks } from './bulk';
import { nowIso, toIso } from './shared';

interface AttachmentRow {
  id: number;
  realisation_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number | string;
  sha256: string;
  uploaded_by: string;
  uploaded_by_user_id: number | null;
  created_at: unknown;
}

const META = [
  'id',
  'realisation_id',
  'file_name',
  'content_type',
  'size_bytes',
  'sha256',
  'uploaded_by',
  'uploaded_by_user_id',
  'created_at',
];

function map(r: AttachmentRow): RealisationAttachment {
  return {
    id: Number(r.id),
    realisationId: Number(r.realisation_id),
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedByUserId: r.uploaded_by_user_id ?? null,
    createdAt: toIso(r.created_at),
  };
}

export interface AttachmentNew {
  realisationId: number;
  fileName: string;
  contentType: string;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
  uploadedByUserId: number | null;
}

/** Attachments are never changed once stored (no version): added, downloaded, removed. */
export async function insert(db: Db, a: AttachmentNew): Promise<number> {
  const [res] = await db('realisation_attachments')
    .insert({
      realisation_id: a.realisationId,
      file_name: a.fileName,
      content_type: a.contentType,
      size_bytes: a.content.length,
      sha256: a.sha256,
      content: a.content,
      uploaded_by: a.uploadedBy,
      uploaded_by_user_id: a.uploadedByUserId,
      created_at: nowIso(),
    })
    .returning('id');
  return typeof res === 'object' ? Number(res.id) : Number(res);
}

export async function listByRealisation(db: Db, realisationId: number): Promise<RealisationAttachment[]> {
  const rows: AttachmentRow[] = await db('realisation_attachments')
    .where({ realisation_id: realisationId })
    .select(META)
    .orderBy('id');
  return rows.map(map);
}

/** Attachments of many realisations (a benefit's table), without their bytes. */
export async function listByRealisations(db: Db, realisationIds: number[]): Promise<RealisationAttachment[]> {
  return (await whereInChunks<AttachmentRow>(db, 'realisation_attachments', 'realisation_id', realisationIds, META))
    .map(map)
    .sort((a, b) => a.id - b.id);
}

export async function findById(db: Db, id: number): Promise<RealisationAttachment | null> {
  const row: AttachmentRow | undefined = await db('realisation_attachments').where({ id }).select(META).first();
  return row ? map(row) : null;
}

/** The file's bytes (node-postgres and better-sqlite3 both give a Buffer). */
export async function content(db: Db, id: number): Promise<Buffer | null> {
  const row: { content: Buffer | Uint8Array } | undefined = await db('realisation_attachments')
    .where({ id })
    .select('content')
    .first();
  return row ? Buffer.from(row.content) : null;
}

export async function remove(db: Db, id: number): Promise<boolean> {
  return (await db('realisation_attachments').where({ id }).delete()) === 1;
}
