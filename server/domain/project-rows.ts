/**
 * The per-project rows behind an aggregate, sorted, counted and paged: each row carries the
 * project's headline indicators on its own basis and its C6 contribution on the aggregate's basis.
 *
 * The default view (as at the current financial year, whole-life years) reads the stored headline
 * rows (C8) and sorts and pages them in SQL. Any other view (another as-at year, a year filter)
 * computes every filtered project's headline from its stored series: slower, never stale.
 */
import * as headlinesRepo from '../repositories/headlines';
import * as projectsRepo from '../repositories/projects';
import * as summariesRepo from '../repositories/summaries';
import * as decisionsRepo from '../repositories/decisions';
import { seriesBaselineValue } from '../finance/baseline';
import type { YearSeries } from '../finance/year-series';
import type { BaselineHeader } from '../records';
import { clipSeries, seriesContribution, seriesHeadline, type Contribution } from '../finance/series-figures';
import { rankProjects, type RowKey, type SortDir } from '../finance/ranking';
import type { Rag, ValueFigures, VfmCategory } from '../finance/types';
import type { Decimal } from '../money';
import { currentFy } from '../financial-year';
import { ensureHeadlines, headlineBasis, projectRule } from './headlines';
import { getOrgSettings, type OrgSettings } from './settings';
import {
  getPortfolioMetrics,
  type AggregateMetrics,
  type MetricsOptions,
  type PortfolioQuery,
  type ProjectHeadline,
} from './metrics';
import { memoised } from './read-memo';
import type { Ctx } from './types';

export interface ProjectRow extends ProjectHeadline {
  contribution: Contribution;
  /** C9: the latest baseline's value figures on its frozen basis (null before approval), for "change since baseline". */
  baseline: ValueFigures | null;
}

type RowExtras = Pick<ProjectRow, 'contribution' | 'baseline'>;

/** C9: a project's baseline view (value figures) from its stored series, with its frozen base year and rule. */
function baselineFigures(
  series: readonly YearSeries[],
  header: BaselineHeader | undefined,
  m: AggregateMetrics,
): ValueFigures | null {
  if (!header) return null;
  return seriesBaselineValue(
    series,
    { baseFy: header.baseFy, rule: header.discountRule, bands: m.basis.bands },
    m.settings.riskAdjusted,
  );
}

export type RowOrder = { key: RowKey | 'code' | 'name'; dir: SortDir };

export interface RowPage {
  rows: ProjectRow[];
  /** All rows the aggregate's filter selects, whatever the page. */
  total: number;
  offset: number;
}

/** Where the rows of one aggregate come from: stored rows (default view) or computed ones. */
export interface RowSource {
  page(order: RowOrder, limit: number, offset?: number): Promise<RowPage>;
  /** The first `limit` rows in the order asked for, without contributions (a chart of them). */
  headlines(order: RowOrder, limit: number): Promise<ProjectHeadline[]>;
  /** The API's keyset paging: the next `limit` rows by code after `afterCode`. */
  byCodeAfter(afterCode: string | undefined, limit: number): Promise<RowPage>;
  counts(): Promise<{ vfm: Map<VfmCategory | null, number>; rag: Map<Rag | null, number> }>;
  /** Rows that may be exceptions: red realisation, forecast BCR below 1 or cost overrun past `overrun`. */
  exceptionCandidates(overrun: Decimal): Promise<ProjectHeadline[]>;
}

function orderInMemory<T extends ProjectHeadline>(rows: readonly T[], order: RowOrder): T[] {
  if (order.key === 'code' || order.key === 'name') {
    const k = order.key;
    const sign = order.dir === 'asc' ? 1 : -1;
    return [...rows].sort(
      (a, b) => sign * a.project[k].localeCompare(b.project[k]) || a.project.code.localeCompare(b.project.code),
    );
  }
  return rankProjects(rows, { key: order.key, dir: order.dir });
}

function countBy<K>(keys: K[]): Map<K, number> {
  const out = new Map<K, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/** Adds each row's contribution to `m`, working out only those not already in `known` (one source's pages overlap). */
async function withContributions(
  ctx: Ctx,
  m: AggregateMetrics,
  rows: ProjectHeadline[],
  known: Map<number, RowExtras>,
): Promise<ProjectRow[]> {
  const missing = rows.map((r) => r.project.id).filter((id) => !known.has(id));
  if (missing.length) {
    const [series, headers] = await Promise.all([
      summariesRepo.seriesByProject(ctx.db, missing),
      decisionsRepo.latestHeaders(ctx.db, missing),
    ]);
    const opts = {
      asAtFy: m.settings.asAtFy,
      riskAdjusted: m.settings.riskAdjusted,
      verifiedOnly: m.settings.verifiedOnly,
    };
    for (const id of missing) {
      const own = clipSeries(series.get(id) ?? [], m.filter.fromFy, m.filter.toFy);
      known.set(id, {
        contribution: seriesContribution(own, m.basis, opts),
        baseline: baselineFigures(own, headers.get(id), m),
      });
    }
  }
  return rows.map((r) => ({ ...r, ...known.get(r.project.id)! }));
}

function storedSource(ctx: Ctx, m: AggregateMetrics): RowSource {
  const risk = m.settings.riskAdjusted;
  const known = new Map<number, RowExtras>();
  return {
    async page(order, limit, offset = 0) {
      const rows = await headlinesRepo.page(ctx.db, m.filter, risk, { sort: order.key, dir: order.dir }, limit, offset);
      return { rows: await withContributions(ctx, m, rows, known), total: m.projectCount, offset };
    },
    async headlines(order, limit) {
      return headlinesRepo.page(ctx.db, m.filter, risk, { sort: order.key, dir: order.dir }, limit, 0);
    },
    async byCodeAfter(afterCode, limit) {
      const rows = await headlinesRepo.page(ctx.db, m.filter, risk, { sort: 'code', dir: 'asc' }, limit, 0, afterCode);
      return { rows: await withContributions(ctx, m, rows, known), total: m.projectCount, offset: 0 };
    },
    async counts() {
      const c = await headlinesRepo.counts(ctx.db, m.filter, risk);
      return {
        vfm: c.vfm as Map<VfmCategory | null, number>,
        rag: c.rag as Map<Rag | null, number>,
      };
    },
    async exceptionCandidates(overrun) {
      return headlinesRepo.exceptionCandidates(ctx.db, m.filter, risk, overrun);
    },
  };
}

async function computedSource(ctx: Ctx, m: AggregateMetrics, org: OrgSettings): Promise<RowSource> {
  const projects = await projectsRepo.list(ctx.db, m.filter);
  const series = await summariesRepo.seriesByProject(
    ctx.db,
    projects.map((p) => p.id),
  );
  const headers = await decisionsRepo.latestHeaders(
    ctx.db,
    projects.map((p) => p.id),
  );
  const opts = {
    asAtFy: m.settings.asAtFy,
    riskAdjusted: m.settings.riskAdjusted,
    verifiedOnly: m.settings.verifiedOnly,
  };
  const all: ProjectRow[] = projects.map((project) => {
    const own = clipSeries(series.get(project.id) ?? [], m.filter.fromFy, m.filter.toFy);
    const basis = { baseFy: project.baseFy, rule: projectRule(project, org), bands: org.vfmBands, rag: org.rag };
    return {
      project,
      views: seriesHeadline(own, basis, opts),
      contribution: seriesContribution(own, m.basis, opts),
      baseline: baselineFigures(own, headers.get(project.id), m),
    };
  });
  return {
    async page(order, limit, offset = 0) {
      return { rows: orderInMemory(all, order).slice(offset, offset + limit), total: all.length, offset };
    },
    async headlines(order, limit) {
      return orderInMemory(all, order).slice(0, limit);
    },
    async byCodeAfter(afterCode, limit) {
      // projectsRepo.list is in code order already.
      const rest = afterCode === undefined ? all : all.filter((r) => r.project.code > afterCode);
      return { rows: rest.slice(0, limit), total: all.length, offset: 0 };
    },
    async counts() {
      return {
        vfm: countBy(all.map((r) => r.views.forecast.vfmCategory)),
        rag: countBy(all.map((r) => r.views.realisation.rag)),
      };
    },
    async exceptionCandidates() {
      return all;
    },
  };
}

const ensured = new WeakMap<Ctx, string>();

/** The rows of the aggregate `m`, from stored headlines when its view is the default one. */
export async function projectRows(ctx: Ctx, m: AggregateMetrics): Promise<RowSource> {
  const org = await getOrgSettings(ctx);
  const wholeLife = m.filter.fromFy === undefined && m.filter.toFy === undefined;
  // Stored headlines are the default view: C10 verifiedOnly rows are computed from the series.
  if (wholeLife && m.settings.asAtFy === currentFy() && !m.settings.verifiedOnly) {
    // A report asks for one source per directorate: bring the headlines up to date once per request.
    const basis = headlineBasis(org, m.settings.asAtFy);
    if (ensured.get(ctx) !== basis) {
      await ensureHeadlines(ctx.db, org, m.settings.asAtFy);
      ensured.set(ctx, basis);
    }
    return storedSource(ctx, m);
  }
  return computedSource(ctx, m, org);
}

/** Every row, in the order asked for (an export of the current view). */
export async function allProjectRows(ctx: Ctx, m: AggregateMetrics, order: RowOrder): Promise<ProjectRow[]> {
  const source = await projectRows(ctx, m);
  return (await source.page(order, Math.max(m.projectCount, 1))).rows;
}

/** An aggregate and one page of its rows by code (the metrics API), memoised while nothing is written. */
export async function getAggregatePage(
  ctx: Ctx,
  q: PortfolioQuery,
  o: MetricsOptions & { baseFy?: number },
  afterCode: string | undefined,
  limit: number,
): Promise<{ metrics: AggregateMetrics; page: RowPage }> {
  return memoised(ctx.db, `aggregate ${JSON.stringify([q, o, afterCode ?? null, limit])}`, async () => {
    const metrics = await getPortfolioMetrics(ctx, q, o);
    return { metrics, page: await (await projectRows(ctx, metrics)).byCodeAfter(afterCode, limit) };
  });
}
