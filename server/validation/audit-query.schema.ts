/**
 * The audit trail's filters, shared by the page, its CSV and the API; the API adds paging. A bad
 * filter is a message for its field: the page shows it beside the form, the API answers 400.
 */
import { z } from 'zod';
import type { FieldErrors } from '../errors';
import { todayIso } from '../financial-year';
import {
  queryCode,
  queryDate,
  queryPattern,
  queryValues,
  queryWholeNumber,
  readQuery,
  throwFirstProblem,
  type QueryMode,
} from './query.schema';

export interface AuditFilter {
  projectCode?: string;
  userId?: number;
  entityType?: string;
  /** ISO dates, both inclusive, read as UK days. */
  from?: string;
  to?: string;
}

export const MAX_AUDIT_LIMIT = 500;
export const DEFAULT_AUDIT_LIMIT = 100;
/** Ids are at most 12 digits (http/params.ts idParam). */
const MAX_ID = 999_999_999_999;

export const DATE_ORDER_MESSAGE = 'The end date must be the same as or after the start date';

function filterShape(mode: QueryMode) {
  return {
    project: queryCode(mode, 'project', { label: 'a project code', example: 'CS-001', max: 20 }),
    user: queryWholeNumber(mode, 'user', {
      label: 'user',
      min: 0,
      max: MAX_ID,
      page: 'Choose a user from the list',
      api: 'user must be a user id, like 12',
    }),
    entity: queryPattern(mode, 'entity', {
      label: 'kind of record',
      pattern: /^[a-z_]{1,40}$/,
      page: 'Choose a kind of record from the list',
      api: 'entity must be an entity type, like cost_line',
    }),
    from: queryDate(mode, 'from', { label: 'the start date', example: () => todayIso() }),
    to: queryDate(mode, 'to', { label: 'the end date', example: () => todayIso() }),
  };
}

/** GET /audit and /audit.csv; `before` is the paging cursor of the page's "older" link, ignored when bad. */
export const auditPageQuerySchema = z.object({
  ...filterShape('page'),
  before: queryWholeNumber('page', 'before', {
    label: 'page',
    min: 0,
    max: MAX_ID,
    api: 'before must be the id of an entry',
  }).catch(undefined),
});

/** GET /api/v1/audit */
export const auditApiQuerySchema = z.object({
  ...filterShape('api'),
  limit: queryWholeNumber('api', 'limit', {
    label: 'limit',
    min: 1,
    max: MAX_AUDIT_LIMIT,
    api: `limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}`,
  }),
  cursor: queryWholeNumber('api', 'cursor', {
    label: 'cursor',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    api: 'cursor must be the nextCursor of an earlier page',
  }),
});

function toFilter(
  data: { project?: string; user?: number; entity?: string; from?: string; to?: string },
  errors: FieldErrors,
  mode: QueryMode,
): AuditFilter {
  const filter: AuditFilter = {
    projectCode: data.project,
    userId: data.user,
    entityType: data.entity,
    from: data.from,
    to: data.to,
  };
  if (filter.from && filter.to && filter.to < filter.from)
    errors.to = mode === 'page' ? DATE_ORDER_MESSAGE : `to: ${DATE_ORDER_MESSAGE}`;
  return filter;
}

export interface AuditPageQuery {
  filter: AuditFilter;
  /** What was typed, to show again in the filter form and carry into links. */
  values: { project: string; user: string; entity: string; from: string; to: string };
  errors: FieldErrors;
  before: number | null;
}

export function readAuditPageQuery(raw: Record<string, unknown>): AuditPageQuery {
  const { data, errors } = readQuery(auditPageQuerySchema, raw);
  const typed = queryValues(raw, ['project', 'user', 'entity', 'from', 'to'] as const);
  return {
    filter: toFilter(data, errors, 'page'),
    values: { ...typed, project: typed.project.toUpperCase() },
    errors,
    before: data.before ?? null,
  };
}

/** The API's filters and paging; a bad parameter is a 400 naming it. */
export function parseAuditApiQuery(raw: Record<string, unknown>): {
  filter: AuditFilter;
  limit: number;
  before?: number;
} {
  const { data, errors } = readQuery(auditApiQuerySchema, raw);
  const filter = toFilter(data, errors, 'api');
  // The first problem in parameter order, so a reversed date range is named before the paging.
  throwFirstProblem(
    Object.fromEntries(
      Object.keys(auditApiQuerySchema.shape)
        .filter((k) => k in errors)
        .map((k) => [k, errors[k]]),
    ),
  );
  return { filter, limit: data.limit ?? DEFAULT_AUDIT_LIMIT, before: data.cursor };
}
