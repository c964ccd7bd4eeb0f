/**
 * The dashboards' and board report's filters, and the directorate ranking's sort, from the query
 * string. A bad filter gets a message and is ignored, so the page still shows figures, never a 500.
 */
import { z } from 'zod';
import type { FieldErrors } from '../errors';
import { BY_NPV, RANK_KEYS, SORT_DIRS, type RankSort } from '../finance/ranking';
import { PROJECT_STATUSES, type ProjectStatus } from '../records';
import {
  queryAsAt,
  queryChoice,
  queryFinancialYear,
  queryParam,
  queryRiskAdjusted,
  queryValues,
  queryVerifiedOnly,
  readQuery,
} from './query.schema';

export interface DashboardFilter {
  directorateCode?: string;
  status?: ProjectStatus;
  fromFy?: number;
  toFy?: number;
  /** ISO date; its financial year is the as-at year (C6). */
  asAt: string;
  riskAdjusted: boolean;
  /** C10: count verified realisations only. */
  verifiedOnly: boolean;
}

export const YEAR_ORDER_MESSAGE = 'The "to" year must be the same as or after the "from" year';

/** The filters, with the directorate checked against the codes that exist. */
export function dashboardQuerySchema(directorateCodes: readonly string[]) {
  return z.object({
    directorate: queryParam('page', { name: 'directorate', label: 'directorate', absent: () => undefined }, (text) => {
      const code = text.toUpperCase();
      return directorateCodes.includes(code)
        ? { ok: true, value: code }
        : { ok: false, error: `There is no directorate with code ${code}` };
    }),
    status: queryChoice('page', 'status', {
      label: 'status',
      values: PROJECT_STATUSES,
      message: 'Choose a status from the list',
    }),
    from: queryFinancialYear('page', 'from', { label: 'start year', title: 'From year' }),
    to: queryFinancialYear('page', 'to', { label: 'end year', title: 'To year' }),
    asAt: queryAsAt('page'),
    riskAdjusted: queryRiskAdjusted('page'),
    verifiedOnly: queryVerifiedOnly('page'),
  });
}

export interface DashboardQuery {
  filter: DashboardFilter;
  /** Exactly what was asked for, to show in the form again. */
  values: {
    directorate: string;
    status: string;
    from: string;
    to: string;
    asAt: string;
    riskAdjusted: boolean;
    verifiedOnly: boolean;
  };
  /** One message per field; the field's value is then ignored. */
  errors: FieldErrors;
}

/**
 * Reads the dashboard filters. `scope` is either the directorate codes a visitor may choose from
 * or, on a directorate's own page, that directorate (its query parameter is then ignored).
 */
export function readDashboardQuery(
  raw: Record<string, unknown>,
  scope: { directorateCodes: readonly string[] } | { directorate: string },
): DashboardQuery {
  const input = 'directorate' in scope ? { ...raw, directorate: scope.directorate } : raw;
  const codes = 'directorate' in scope ? [scope.directorate] : scope.directorateCodes;
  const { data, errors } = readQuery(dashboardQuerySchema(codes), input);
  const typed = queryValues(input, ['directorate', 'status', 'from', 'to', 'asAt'] as const);
  if (data.from !== undefined && data.to !== undefined && data.from > data.to) {
    errors.to = YEAR_ORDER_MESSAGE;
    data.from = undefined;
    data.to = undefined;
  }
  return {
    filter: {
      directorateCode: data.directorate,
      status: data.status,
      fromFy: data.from,
      toFy: data.to,
      asAt: data.asAt,
      riskAdjusted: data.riskAdjusted,
      verifiedOnly: data.verifiedOnly,
    },
    values: {
      ...typed,
      directorate: typed.directorate.toUpperCase(),
      riskAdjusted: data.riskAdjusted,
      verifiedOnly: data.verifiedOnly,
    },
    errors,
  };
}

/** ?sort=npv|bcr|realisation&dir=asc|desc; anything else falls back to NPV, highest first. */
export const rankingSortSchema = z.object({
  sort: z.enum(RANK_KEYS).catch(BY_NPV.key),
  dir: z.enum(SORT_DIRS).catch(BY_NPV.dir),
});

export function readRankingSort(raw: Record<string, unknown>): RankSort {
  const { sort, dir } = rankingSortSchema.parse(raw);
  return { key: sort, dir };
}
