/**
 * The indicators' query strings: as-at date and risk adjustment (project page and metrics API),
 * the portfolio filters of the metrics API and of the exports, and the project list's filters.
 */
import { z } from 'zod';
import type { FieldErrors } from '../errors';
import { ROW_KEYS, type RowKey, type SortDir } from '../finance/ranking';
import { PROJECT_STATUSES, type ProjectStatus } from '../records';
import {
  parseQuery,
  queryAsAt,
  queryChoice,
  queryCode,
  queryFinancialYear,
  queryRiskAdjusted,
  queryValues,
  queryVerifiedOnly,
  readQuery,
  type QueryMode,
} from './query.schema';

export interface MetricsOptions {
  /** ISO date; its financial year is the as-at year (C6). */
  asAt: string;
  riskAdjusted: boolean;
  /** C10: count verified realisations only. */
  verifiedOnly?: boolean;
}

export interface PortfolioFilter {
  directorateCode?: string;
  status?: ProjectStatus;
  fromFy?: number;
  toFy?: number;
}

function optionsShape(mode: QueryMode) {
  return { asAt: queryAsAt(mode), riskAdjusted: queryRiskAdjusted(mode), verifiedOnly: queryVerifiedOnly(mode) };
}

function directorate(mode: QueryMode) {
  return queryCode(mode, 'directorate', { label: 'a directorate code', example: 'CS', max: 20 });
}

function status(mode: QueryMode) {
  return queryChoice(mode, 'status', {
    label: 'status',
    values: PROJECT_STATUSES,
    message: 'Choose a status from the list',
  });
}

/** `lenient` years: the exports take what the dashboard filters take (2024-25 as well as 2024/25). */
function yearsShape(mode: QueryMode, lenient = false) {
  return {
    from: queryFinancialYear(mode, 'from', { label: 'start year', title: 'From year', lenient }),
    to: queryFinancialYear(mode, 'to', { label: 'end year', title: 'To year', lenient }),
  };
}

// ## Project page

export const pageMetricsQuerySchema = z.object(optionsShape('page'));

export interface PageMetricsQuery {
  opts: MetricsOptions;
  values: { asAt: string; riskAdjusted: string; verifiedOnly: string };
  errors: FieldErrors;
}

/** As-at date and risk adjustment for a page: a bad date falls back to today, with a message. */
export function readPageMetricsQuery(raw: Record<string, unknown>): PageMetricsQuery {
  const { data, errors } = readQuery(pageMetricsQuerySchema, raw);
  return {
    opts: data,
    values: {
      asAt: queryValues(raw, ['asAt']).asAt,
      riskAdjusted: data.riskAdjusted ? 'true' : '',
      verifiedOnly: data.verifiedOnly ? 'true' : '',
    },
    errors,
  };
}

// ## Metrics API

export const projectMetricsQuerySchema = z.object(optionsShape('api'));

/** GET /api/v1/directorates/:code/metrics: the directorate is in the path. */
export const directorateMetricsQuerySchema = z.object({
  status: status('api'),
  ...yearsShape('api'),
  ...optionsShape('api'),
  baseYear: queryFinancialYear('api', 'baseYear', { label: 'base year', title: 'Base year' }),
});

/** GET /api/v1/portfolio/metrics */
export const portfolioMetricsQuerySchema = z.object({
  directorate: directorate('api'),
  ...directorateMetricsQuerySchema.shape,
});

export function parseProjectMetricsQuery(raw: Record<string, unknown>): MetricsOptions {
  return parseQuery(projectMetricsQuerySchema, raw);
}

export interface AggregateMetricsQuery {
  filter: PortfolioFilter;
  opts: MetricsOptions & { baseFy?: number };
}

/** The aggregate metrics' filters and options; a bad parameter is a 400 naming it. */
export function parseAggregateMetricsQuery(
  raw: Record<string, unknown>,
  directorateCode?: string,
): AggregateMetricsQuery {
  const q =
    directorateCode === undefined
      ? parseQuery(portfolioMetricsQuerySchema, raw)
      : { ...parseQuery(directorateMetricsQuerySchema, raw), directorate: directorateCode };
  return {
    filter: { directorateCode: q.directorate, status: q.status, fromFy: q.from, toFy: q.to },
    opts: { asAt: q.asAt, riskAdjusted: q.riskAdjusted, verifiedOnly: q.verifiedOnly, baseFy: q.baseYear },
  };
}

// ## Project list API

export const projectListQuerySchema = z.object({ directorate: directorate('api'), status: status('api') });

export function parseProjectListQuery(
  raw: Record<string, unknown>,
): Pick<PortfolioFilter, 'directorateCode' | 'status'> {
  const q = parseQuery(projectListQuerySchema, raw);
  return { directorateCode: q.directorate, status: q.status };
}

/** The project list page's order and page: anything unrecognised falls back to the default (by name, page 1). */
export function readProjectListOrder(raw: Record<string, unknown>): {
  sort: { key: RowKey | 'code' | 'name'; dir: SortDir };
  page: number;
} {
  const keys: readonly string[] = [...ROW_KEYS, 'code', 'name'];
  const key = typeof raw.sort === 'string' && keys.includes(raw.sort) ? (raw.sort as RowKey | 'code' | 'name') : 'name';
  const dir =
    raw.dir === 'asc' || raw.dir === 'desc' ? raw.dir : key === 'name' || key === 'code' ? 'asc' : ('desc' as const);
  const page = typeof raw.page === 'string' && /^\d{1,6}$/.test(raw.page) ? Math.max(1, Number(raw.page)) : 1;
  return { sort: { key, dir }, page };
}

// ## Exports

/** The exports take the metrics API's filters and messages, with the dashboards' lenient years. */
export const exportFiltersQuerySchema = z.object({
  directorate: directorate('api'),
  status: status('api'),
  ...yearsShape('api', true),
  ...optionsShape('api'),
});

const EXPORT_FILTERS = ['directorate', 'status', 'from', 'to', 'asAt', 'riskAdjusted', 'verifiedOnly'] as const;

export interface ExportFilters {
  /** The filters as given, without the empty ones, to carry into the download links. */
  values: Record<string, string>;
  /** A message per bad filter, naming it; the downloads refuse them, the page explains them. */
  errors: FieldErrors;
  filter: PortfolioFilter;
  opts: MetricsOptions;
}

export function readExportFilters(raw: Record<string, unknown>): ExportFilters {
  const { data, errors } = readQuery(exportFiltersQuerySchema, raw);
  const typed = queryValues(raw, EXPORT_FILTERS);
  const values = Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== ''));
  return {
    values,
    errors,
    filter: { directorateCode: data.directorate, status: data.status, fromFy: data.from, toFy: data.to },
    opts: { asAt: data.asAt, riskAdjusted: data.riskAdjusted, verifiedOnly: data.verifiedOnly },
  };
}
