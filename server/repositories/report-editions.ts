/**
 * Published board-report editions (table report_editions). Rows are inserted once and never
 * updated or deleted here: an edition is a record of what the board received. The PDF is read
 * only by `pdf`, so lists and the API's JSON never carry its bytes.
 */
import type { Db } from '../knex';
import { nowIso, toDateOnly, toIso } from './shared';

export interface EditionRow {
  id: number;
  filterKey: string;
  filters: unknown;
  paper: unknown;
  figures: unknown;
  asAt: string;
  title: string;
  meetingDate: string | null;
  pdfSha256: string | null;
  publishedById: number | null;
  publishedBy: string;
  publishedAt: string;
}

export interface NewEdition {
  filterKey: string;
  filters: unknown;
  paper: unknown;
  figures: unknown;
  asAt: string;
  title: string;
  meetingDate: string | null;
  pdf: Buffer | null;
  pdfSha256: string | null;
  publishedById: number | null;
  publishedBy: string;
}

const COLUMNS = [
  'id',
  'filter_key',
  'filters',
  'paper',
  'figures',
  'as_at',
  'title',
  'meeting_date',
  'pdf_sha256',
  'published_by_id',
  'published_by',
  'published_at',
];
/** The list needs no figures: they can be large for a national portfolio. */
const LIST_COLUMNS = COLUMNS.filter((c) => c !== 'figures');

type Raw = Record<string, unknown>;

function toRow(r: Raw): EditionRow {
  return {
    id: Number(r.id),
    filterKey: String(r.filter_key),
    filters: JSON.parse(String(r.filters)),
    paper: JSON.parse(String(r.paper)),
    figures: r.figures === undefined ? null : JSON.parse(String(r.figures)),
    asAt: toDateOnly(r.as_at),
    title: String(r.title),
    meetingDate: r.meeting_date === null || r.meeting_date === undefined ? null : toDateOnly(r.meeting_date),
    pdfSha256: (r.pdf_sha256 as string | null) ?? null,
    publishedById: r.published_by_id === null ? null : Number(r.published_by_id),
    publishedBy: String(r.published_by),
    publishedAt: toIso(r.published_at),
  };
}

export async function insert(db: Db, e: NewEdition): Promise<number> {
  const [row] = await db('report_editions')
    .insert({
      filter_key: e.filterKey,
      filters: JSON.stringify(e.filters),
      paper: JSON.stringify(e.paper),
      figures: JSON.stringify(e.figures),
      as_at: e.asAt,
      title: e.title,
      meeting_date: e.meetingDate,
      pdf: e.pdf,
      pdf_sha256: e.pdfSha256,
      published_by_id: e.publishedById,
      published_by: e.publishedBy,
      published_at: nowIso(),
    })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

/** Newest first. */
export async function list(db: Db): Promise<EditionRow[]> {
  const rows: Raw[] = await db('report_editions').select(LIST_COLUMNS).orderBy('id', 'desc');
  return rows.map(toRow);
}

export async function find(db: Db, id: number): Promise<EditionRow | null> {
  const r: Raw | undefined = await db('report_editions').select(COLUMNS).where({ id }).first();
  return r ? toRow(r) : null;
}

/** The latest edition published with these filters (before edition `beforeId`, when given). */
export async function latestFor(db: Db, filterKey: string, beforeId?: number): Promise<EditionRow | null> {
  const q = db('report_editions').select(COLUMNS).where({ filter_key: filterKey });
  if (beforeId !== undefined) q.where('id', '<', beforeId);
  const r: Raw | undefined = await q.orderBy('id', 'desc').first();
  return r ? toRow(r) : null;
}

/** The PDF as stored, byte for byte (PostgreSQL bytea and SQLite BLOB both come back as a Buffer). */
export async function pdf(db: Db, id: number): Promise<Buffer | null> {
  const r: { pdf: Buffer | Uint8Array | null } | undefined = await db('report_editions')
    .select('pdf')
    .where({ id })
    .first();
  if (!r || r.pdf === null) return null;
  return Buffer.isBuffer(r.pdf) ? r.pdf : Buffer.from(r.pdf);
}
