/**
 * The full project list: every project the filters select, sorted by any column and paged, with
 * the aggregate of the whole list (its headline, which the rows' contributions add up to, C6).
 * In the default view the rows come sorted and paged from SQL (stored headlines, C8).
 */
import * as directoratesRepo from '../repositories/directorates';
import { todayUkIso } from '../financial-year';
import type { ProjectStatus } from '../records';
import type { RowKey, SortDir } from '../finance/ranking';
import { getPortfolioMetrics, type AggregateMetrics } from './metrics';
import { allProjectRows, projectRows, type ProjectRow } from './project-rows';
import type { Ctx } from './types';
import { memoised } from './read-memo';

export const PAGE_SIZE = 50;

export interface ProjectListQuery {
  directorateCode?: string;
  status?: ProjectStatus;
  search?: string;
  sort: { key: RowKey | 'code' | 'name'; dir: SortDir };
  /** 1-based. */
  page: number;
}

export interface ProjectList {
  /** The aggregate of every listed project; null when the filters name a directorate that does not exist. */
  metrics: AggregateMetrics | null;
  rows: ProjectRow[];
  total: number;
  page: number;
  pageCount: number;
}

export async function getProjectList(ctx: Ctx, q: ProjectListQuery): Promise<ProjectList> {
  return memoised(ctx.db, `project list ${JSON.stringify([q, todayUkIso()])}`, () => computeList(ctx, q));
}

async function computeList(ctx: Ctx, q: ProjectListQuery): Promise<ProjectList> {
  if (q.directorateCode && !(await directoratesRepo.findByCode(ctx.db, q.directorateCode)))
    return { metrics: null, rows: [], total: 0, page: 1, pageCount: 1 };
  const metrics = await getPortfolioMetrics(
    ctx,
    { directorateCode: q.directorateCode, status: q.status, search: q.search },
    { asAt: todayUkIso(), riskAdjusted: false },
  );
  const pageCount = Math.max(1, Math.ceil(metrics.projectCount / PAGE_SIZE));
  const page = Math.min(q.page, pageCount);
  const rows = await (await projectRows(ctx, metrics)).page(q.sort, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  return { metrics, rows: rows.rows, total: metrics.projectCount, page, pageCount };
}

/**
 * Every row of the list's view, in its order, for "Download this view" (issue 19): the same
 * filters, search and sort as the page, all pages at once.
 */
export async function getProjectListRows(
  ctx: Ctx,
  q: Omit<ProjectListQuery, 'page'>,
): Promise<{ metrics: AggregateMetrics | null; rows: ProjectRow[] }> {
  if (q.directorateCode && !(await directoratesRepo.findByCode(ctx.db, q.directorateCode)))
    return { metrics: null, rows: [] };
  const metrics = await getPortfolioMetrics(
    ctx,
    { directorateCode: q.directorateCode, status: q.status, search: q.search },
    { asAt: todayUkIso(), riskAdjusted: false },
  );
  return { metrics, rows: await allProjectRows(ctx, metrics, q.sort) };
}
