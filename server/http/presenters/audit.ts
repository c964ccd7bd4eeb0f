/** Audit rows for the audit page (UK times, readable before/after) and for the API. */
import type { AuditListed, AuditPage } from '../../domain/audit-trail';
import type { Cell, TableSpec } from '../../io/write-table';
import { downloadLinks } from './view-downloads';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * "27 Nov 2026, 14:05" in UK time (GMT or BST as the date requires). Month names come from our
 * own list: ICU's en-GB short months vary between Node versions ("Sep" or "Sept").
 */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(LONDON.formatToParts(d).map((x) => [x.type, x.value]));
  return `${Number.parseInt(p.day, 10)} ${MONTHS[Number.parseInt(p.month, 10) - 1]} ${p.year}, ${p.hour}:${p.minute}`;
}

const ACTION_LABELS: Record<string, string> = { created: 'Created', updated: 'Updated', deleted: 'Deleted' };

/** "cost_line" → "Cost line". */
export function entityLabel(type: string): string {
  const words = type.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "discountRate" → "Discount rate". */
function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '(none)';
  if (typeof v === 'string') return v === '' ? '(blank)' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v, null, 2);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ChangeRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
  /** Nested values (profiles, band tables) print as indented JSON in a <pre>. */
  multiline: boolean;
}

/** Before and after side by side, field by field; other shapes fall back to whole-value JSON. */
export function changeRows(before: unknown, after: unknown): ChangeRow[] {
  if (before === undefined && after === undefined) return [];
  if ((before === undefined || isPlainObject(before)) && (after === undefined || isPlainObject(after))) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.map((k) => {
      const row = {
        field: fieldLabel(k),
        before: before === undefined ? '' : show(b[k]),
        after: after === undefined ? '' : show(a[k]),
      };
      return {
        ...row,
        changed: before !== undefined && after !== undefined && JSON.stringify(b[k]) !== JSON.stringify(a[k]),
        multiline: row.before.includes('\n') || row.after.includes('\n'),
      };
    });
  }
  const row = { field: 'Value', before: show(before), after: show(after) };
  return [{ ...row, changed: JSON.stringify(before) !== JSON.stringify(after), multiline: true }];
}

export function presentAuditRow(e: AuditListed) {
  return {
    id: e.id,
    when: formatWhen(e.occurredAt),
    iso: e.occurredAt,
    who: e.actorLabel,
    action: ACTION_LABELS[e.action] ?? e.action,
    entity: entityLabel(e.entityType),
    entityId: e.entityId,
    summary: e.summary,
    projectCode: e.projectCode,
    projectId: e.projectId,
    changes: changeRows(e.before, e.after),
    hasBefore: e.before !== undefined,
    hasAfter: e.after !== undefined,
    requestId: e.requestId ?? '',
  };
}

/** A query string of the filters that are set, for paging and download links. */
export function filterQuery(values: Record<string, string>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface AuditPageInput {
  page: AuditPage;
  /** The filters as typed, to show again and carry into the paging and download links. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The cursor this page started from; null on the newest page. */
  before: number | null;
  users: { id: number; name: string; email: string }[];
  entityTypes: string[];
  /** The most entries "Download this view" holds (domain/audit-trail.ts). */
  viewLimit: number;
}

export function presentAuditPage(p: AuditPageInput) {
  return {
    values: p.values,
    errors: p.errors,
    entries: p.page.entries.map(presentAuditRow),
    filtered: Object.values(p.values).some((v) => v !== ''),
    olderPage: p.before !== null,
    olderHref:
      p.page.nextCursor === null ? null : `/audit${filterQuery(p.values, { before: String(p.page.nextCursor) })}`,
    newestHref: `/audit${filterQuery(p.values)}`,
    csvHref: `/audit.csv${filterQuery(p.values)}`,
    // Issue 19: this page and the older entries, readable headings, capped (the CSV above has all).
    download: downloadLinks(
      '/audit/entries',
      filterQuery(p.values, p.before === null ? {} : { before: String(p.before) }),
      'these audit entries',
      {},
      `${p.before === null ? 'these entries' : 'this page'} and every older one that matches, newest first, up to ${p.viewLimit.toLocaleString('en-GB')}`,
    ),
    userOptions: p.users.map((u) => ({ value: String(u.id), text: `${u.name} (${u.email})` })),
    entityOptions: p.entityTypes.map((t) => ({ value: t, text: entityLabel(t) })),
  };
}

export function auditEntryToApi(e: AuditListed) {
  return {
    id: e.id,
    occurredAt: e.occurredAt,
    actor: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    projectId: e.projectId,
    summary: e.summary,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId ?? null,
  };
}

/** "Download this view" of the audit trail: what the page's table shows, one row per entry. */
export function auditViewTable(batches: AsyncIterable<AuditListed[]>): TableSpec {
  async function* rows(): AsyncIterable<Cell[][]> {
    for await (const batch of batches)
      yield batch.map((e) => {
        const r = presentAuditRow(e);
        const project = e.projectCode ?? (e.projectId === null ? '' : `deleted project, id ${e.projectId}`);
        const changes = r.changes
          .filter((c) => c.changed)
          .map((c) => `${c.field}: ${c.before} → ${c.after}`)
          .join('\n');
        return [r.when, r.iso, r.who, r.action, r.entity, r.entityId, project, r.summary, changes, r.requestId];
      });
  }
  return {
    name: 'Audit trail',
    columns: [
      'When (UK time)',
      'Timestamp (UTC)',
      'Who',
      'Action',
      'Record',
      'Record id',
      'Project',
      'Summary',
      'Changes',
      'Request id',
    ].map((header) => ({ header, kind: 'text' as const })),
    rows: rows(),
  };
}
