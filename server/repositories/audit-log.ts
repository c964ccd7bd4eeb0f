/** Append-only: this module inserts and reads; nothing anywhere updates or deletes audit rows. */
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
