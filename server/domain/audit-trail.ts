/**
 * Reading the audit trail: search with filters, and a CSV export of everything that matches.
 * Admin and scrutiny only. Nothing here (or anywhere) changes or removes an audit row.
 */
import * as auditRepo from '../repositories/audit-log';
import * as projectsRepo from '../repositories/projects';
import * as usersRepo from '../repositories/users';
import type { AuditListed } from '../repositories/audit-log';
import { NotFoundError } from '../errors';
import { writeCsv, type Cell } from '../io/write-table';
import { assertRole } from './permissions';
import type { Ctx } from './types';

export type { AuditListed };

export interface AuditQuery {
  projectCode?: string;
  userId?: number;
  entityType?: string;
  /** ISO dates, both inclusive, read as UK days. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  entries: AuditListed[];
  /** Pass back as `before` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/** A live project's id, or the id a deleted one had (its history outlives it); else not found. */
async function resolveProjectId(ctx: Ctx, code: string): Promise<number> {
  const live = await projectsRepo.findByCode(ctx.db, code);
  if (live) return live.id;
  const deleted = await auditRepo.findDeletedProjectId(ctx.db, code);
  if (deleted !== null) return deleted;
  throw new NotFoundError(`There is no project with code ${code}`);
}

async function toFilter(ctx: Ctx, q: AuditQuery): Promise<auditRepo.AuditFilter> {
  return {
    projectId: q.projectCode ? await resolveProjectId(ctx, q.projectCode) : undefined,
    actorId: q.userId,
    entityType: q.entityType,
    from: q.from,
    to: q.to,
  };
}

/** The audit trail (page, CSV, API): administrators and scrutiny. */
export function assertMayReadAudit(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin', 'scrutiny');
}

export async function searchAudit(ctx: Ctx, q: AuditQuery & { limit: number; before?: number }): Promise<AuditPage> {
  assertMayReadAudit(ctx);
  const filter = await toFilter(ctx, q);
  const rows = await auditRepo.search(ctx.db, { ...filter, limit: q.limit + 1, beforeId: q.before });
  const entries = rows.slice(0, q.limit);
  return { entries, nextCursor: rows.length > q.limit ? entries[entries.length - 1].id : null };
}

/** Everyone who could appear as an actor, for the filter form: scrutiny may not list users in full. */
export async function listUserChoices(ctx: Ctx): Promise<{ id: number; name: string; email: string }[]> {
  assertMayReadAudit(ctx);
  return (await usersRepo.listAll(ctx.db)).map((u) => ({ id: u.id, name: u.name, email: u.email }));
}

export async function listAuditEntityTypes(ctx: Ctx): Promise<string[]> {
  assertMayReadAudit(ctx);
  return auditRepo.listEntityTypes(ctx.db);
}

// ## CSV export

export const AUDIT_CSV_COLUMNS = [
  'id',
  'occurred_at',
  'actor',
  'action',
  'entity_type',
  'entity_id',
  'project_code',
  'summary',
  'before',
  'after',
  'request_id',
] as const;

function json(v: unknown): string {
  return v === undefined ? '' : JSON.stringify(v);
}

function csvRow(e: AuditListed): Cell[] {
  // A deleted project keeps only its id in the trail: show that rather than nothing.
  const project = e.projectCode ?? (e.projectId === null ? '' : String(e.projectId));
  return [
    String(e.id),
    e.occurredAt,
    e.actorLabel,
    e.action,
    e.entityType,
    e.entityId,
    project,
    e.summary,
    json(e.before),
    json(e.after),
    e.requestId ?? '',
  ];
}

async function* rowsOf(ctx: Ctx, filter: Awaited<ReturnType<typeof toFilter>>): AsyncGenerator<Cell[][]> {
  for await (const batch of auditRepo.iterate(ctx.db, filter)) yield batch.map(csvRow);
}

/**
 * Writes the header, then every matching row newest first, one chunk per batch. Nothing is written
 * until the filter has resolved, so a bad project code still becomes a proper error response.
 */
export async function exportAuditCsv(
  ctx: Ctx,
  q: AuditQuery,
  write: (chunk: string) => void | Promise<void>,
): Promise<void> {
  assertMayReadAudit(ctx);
  const filter = await toFilter(ctx, q);
  // The one CSV writer (io/write-table.ts), with its formula-injection guard: every cell is text.
  await writeCsv(
    {
      name: 'Audit trail',
      columns: AUDIT_CSV_COLUMNS.map((header) => ({ header, kind: 'text' })),
      rows: rowsOf(ctx, filter),
    },
    write,
  );
}

// ## Download this view (issue 19)

/** The most entries "Download this view" holds; the audit CSV above has every entry and field. */
export const AUDIT_VIEW_LIMIT = 10_000;
const VIEW_BATCH = 1000;

/**
 * The page's entries and every older one that matches, newest first, at most AUDIT_VIEW_LIMIT, in
 * batches. The filter resolves (or fails) before the first batch, so a bad project is a proper error.
 */
export async function auditViewEntries(
  ctx: Ctx,
  q: AuditQuery & { before?: number },
): Promise<AsyncIterable<AuditListed[]>> {
  assertMayReadAudit(ctx);
  const filter = await toFilter(ctx, q);
  return (async function* () {
    let beforeId = q.before;
    let left = AUDIT_VIEW_LIMIT;
    while (left > 0) {
      const limit = Math.min(VIEW_BATCH, left);
      const batch = await auditRepo.search(ctx.db, { ...filter, limit, beforeId });
      if (batch.length > 0) yield batch;
      if (batch.length < limit) return;
      left -= batch.length;
      beforeId = batch[batch.length - 1].id;
    }
  })();
}
