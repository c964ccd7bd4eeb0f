/** Append-only: this module inserts and reads; nothing anywhere updates or deletes audit rows. */
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { nowIso, toIso } from './shared';

export interface AuditEntry {
  actorId: number | null;
  actorLabel: string;
  action: 'created' | 'updated' | 'deleted';
  entityType: string;
  entityId: string;
  projectId: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  occurredAt: string;
}

interface AuditRow {
  id: number | string;
  occurred_at: unknown;
  actor_id: number | null;
  actor_label: string;
  action: AuditEntry['action'];
  entity_type: string;
  entity_id: string;
  project_id: number | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export async function record(db: Db, e: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    occurred_at: nowIso(),
    actor_id: e.actorId,
    actor_label: e.actorLabel,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    project_id: e.projectId,
    summary: e.summary.slice(0, 300),
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: e.after === undefined ? null : JSON.stringify(e.after),
    request_id: e.requestId ?? null,
  });
}

export async function listByProject(db: Db, projectId: number, limit = 200): Promise<AuditRecord[]> {
  const rows: AuditRow[] = await db('audit_log').where({ project_id: projectId }).orderBy('id', 'desc').limit(limit);
  return rows.map(map);
}

export async function listRecent(db: Db, limit = 200): Promise<AuditRecord[]> {
  const rows: AuditRow[] = await db('audit_log').orderBy('id', 'desc').limit(limit);
  return rows.map(map);
}

function map(r: AuditRow): AuditRecord {
  return {
    id: Number(r.id),
    occurredAt: toIso(r.occurred_at),
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    projectId: r.project_id,
    summary: r.summary,
    before: r.before_json === null ? undefined : JSON.parse(r.before_json),
    after: r.after_json === null ? undefined : JSON.parse(r.after_json),
    requestId: r.request_id ?? undefined,
  };
}

// ## Search and export

export interface AuditFilter {
  projectId?: number;
  actorId?: number;
  entityType?: string;
  /** ISO date, inclusive: from the start of that day in UK time (the time the pages show). */
  from?: string;
  /** ISO date, inclusive: before the start of the next day in UK time. */
  to?: string;
}

export interface AuditSearch extends AuditFilter {
  limit: number;
  /** Keyset paging: only rows older than this id. */
  beforeId?: number;
}

/** A row with the code of its project, or null when there is none or the project was deleted. */
export interface AuditListed extends AuditRecord {
  projectCode: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/**
 * The instant UK midnight starts a date, as an ISO string. Clocks change at 01:00 UTC, so
 * midnight always exists once: it is 00:00 UTC in winter and 23:00 UTC the day before in summer.
 * ISO strings compare correctly with SQLite's ISO text and cast cleanly to PostgreSQL's timestamptz.
 */
export function ukDayStart(date: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`);
  const londonHour = Number.parseInt(LONDON_HOUR.format(new Date(utcMidnight)), 10);
  return new Date(utcMidnight - londonHour * 60 * 60 * 1000).toISOString();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

function filtered(db: Db, f: AuditFilter): Knex.QueryBuilder {
  // project_id is not a foreign key (history outlives a project): a left join keeps every row.
  const q = db('audit_log as a')
    .leftJoin('projects as p', 'p.id', 'a.project_id')
    .select('a.*', 'p.code as project_code');
  if (f.projectId !== undefined) q.where('a.project_id', f.projectId);
  if (f.actorId !== undefined) q.where('a.actor_id', f.actorId);
  if (f.entityType !== undefined) q.where('a.entity_type', f.entityType);
  if (f.from !== undefined) q.where('a.occurred_at', '>=', ukDayStart(f.from));
  if (f.to !== undefined) q.where('a.occurred_at', '<', ukDayStart(nextDay(f.to)));
  return q;
}

/** Newest first, one page; the caller asks for one extra row to learn whether there is more. */
export async function search(db: Db, s: AuditSearch): Promise<AuditListed[]> {
  const q = filtered(db, s).orderBy('a.id', 'desc').limit(s.limit);
  if (s.beforeId !== undefined) q.where('a.id', '<', s.beforeId);
  const rows: (AuditRow & { project_code: string | null })[] = await q;
  return rows.map((r) => ({ ...map(r), projectCode: r.project_code ?? null }));
}

/**
 * Every matching row, newest first, in batches by id: memory stays flat however long the trail.
 * Rows are only ever appended with higher ids, so paging downwards never skips or repeats one.
 */
export async function* iterate(db: Db, f: AuditFilter, batchSize = 1000): AsyncGenerator<AuditListed[]> {
  let beforeId: number | undefined;
  for (;;) {
    const batch = await search(db, { ...f, limit: batchSize, beforeId });
    if (batch.length > 0) yield batch;
    if (batch.length < batchSize) return;
    beforeId = batch[batch.length - 1].id;
  }
}

/** The entity types that have any audit rows, for the filter form. */
export async function listEntityTypes(db: Db): Promise<string[]> {
  const rows: { entity_type: string }[] = await db('audit_log').distinct('entity_type').orderBy('entity_type');
  return rows.map((r) => r.entity_type);
}

/** The id a deleted project had, from its own audit rows, so its history stays searchable by code. */
export async function findDeletedProjectId(db: Db, code: string): Promise<number | null> {
  const row: { project_id: number | null } | undefined = await db('audit_log')
    .where({ entity_type: 'project' })
    .whereRaw('UPPER(entity_id) = ?', [code.toUpperCase()])
    .whereNotNull('project_id')
    .orderBy('id', 'desc')
    .first('project_id');
  return row?.project_id ?? null;
}
