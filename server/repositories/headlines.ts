/**
 * Stored per-project headline indicators (table project_headlines, C8) for the default view: one
 * row per project and risk setting, tagged with the basis (as-at year and settings) it was computed
 * on. Figures are JSON with every Decimal as its exact string, so they come back digit for digit;
 * the *_key columns are doubles for ORDER BY only and are never read back as money.
 */
import type { Knex } from 'knex';
import { isPostgres, type Db } from '../knex';
import { Decimal } from '../money';
import type { Project } from '../records';
import type { HeadlineViewSet } from '../finance/types';
import { chunks, whereInChunks } from './bulk';
import { filteredProjects, toProject, whereProject, type ProjectFilter, type ProjectRow } from './projects';
import { toBool } from './shared';

export interface StoredHeadline {
  projectId: number;
  riskAdjusted: boolean;
  basis: string;
  views: HeadlineViewSet;
}

/** Sortable columns of the headline table. */
export const HEADLINE_SORTS = ['npv', 'bcr', 'realisation', 'variance', 'cost'] as const;
export type HeadlineSort = (typeof HEADLINE_SORTS)[number];
const SORT_COLUMN: Record<HeadlineSort, string> = {
  npv: 'h.npv_key',
  bcr: 'h.bcr_key',
  realisation: 'h.realisation_key',
  variance: 'h.variance_key',
  cost: 'h.cost_key',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Decimals become {"$d": "exact string"}; everything else is plain JSON. */
function encode(v: unknown): Json {
  // valueOf, not toString: it keeps the sign of a negative zero (a ratio of 0 to a negative amount).
  if (v instanceof Decimal) return { $d: v.valueOf() };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) out[k] = encode(x);
    return out;
  }
  return v as Json;
}

function decode(v: Json): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    if (typeof v.$d === 'string' && Object.keys(v).length === 1) return new Decimal(v.$d);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decode(x);
    return out;
  }
  return v;
}

function key(d: Decimal | null): number | null {
  return d === null ? null : d.toNumber();
}

function toRow(h: StoredHeadline): Record<string, unknown> {
  const v = h.views;
  return {
    project_id: h.projectId,
    risk_adjusted: h.riskAdjusted,
    basis: h.basis,
    figures: JSON.stringify(encode(v)),
    npv_key: v.forecast.npv.toNumber(),
    cost_key: v.forecast.totals.costs.toNumber(),
    bcr_key: key(v.forecast.bcr),
    realisation_key: key(v.realisation.ratio),
    variance_key: key(v.costVariance.varianceRatio),
    vfm: v.forecast.vfmCategory,
    rag: v.realisation.rag,
  };
}

function views(row: { figures: unknown }): HeadlineViewSet {
  return decode(JSON.parse(String(row.figures)) as Json) as HeadlineViewSet;
}

/** Writes (inserts or replaces) these headline rows. */
export async function upsertMany(db: Db, headlines: StoredHeadline[]): Promise<void> {
  for (const part of chunks(headlines.map(toRow), 100))
    await db('project_headlines').insert(part).onConflict(['project_id', 'risk_adjusted']).merge();
}

/** Ids of projects with a headline row missing or on another basis (both risk settings are written together). */
export async function staleProjectIds(db: Db, basis: string): Promise<number[]> {
  // The usual answer is none: two counts tell it without joining every project.
  const [current, projects] = await Promise.all([
    db('project_headlines').where({ basis }).count<{ n: string | number }>({ n: '*' }).first(),
    db('projects').count<{ n: string | number }>({ n: '*' }).first(),
  ]);
  if (Number(current?.n ?? 0) === Number(projects?.n ?? 0) * 2) return [];
  const rows: { id: number }[] = await db('projects as p')
    .leftJoin('project_headlines as h', 'h.project_id', 'p.id')
    .where((w) => w.whereNull('h.project_id').orWhere('h.basis', '<>', basis))
    .distinct('p.id as id');
  return rows.map((r) => Number(r.id));
}

/** Every stored headline (for verification), or those of the given projects. */
export async function listStored(db: Db, projectIds?: number[]): Promise<StoredHeadline[]> {
  const rows: Record<string, unknown>[] = projectIds
    ? await whereInChunks(db, 'project_headlines', 'project_id', projectIds)
    : await db('project_headlines');
  return rows.map((r) => ({
    projectId: Number(r.project_id),
    riskAdjusted: toBool(r.risk_adjusted),
    basis: String(r.basis),
    views: views({ figures: r.figures }),
  }));
}

export interface HeadlineRow {
  project: Project;
  views: HeadlineViewSet;
}

function headlinesOf(db: Db, filter: ProjectFilter, riskAdjusted: boolean): Knex.QueryBuilder {
  return filteredProjects(db, filter)
    .join('project_headlines as h', 'h.project_id', 'p.id')
    .where('h.risk_adjusted', riskAdjusted)
    .select('h.figures');
}

/**
 * A page of the filtered projects' headlines in the order asked for: projects without a value
 * last, ties by code (as finance/ranking.ts orders them).
 */
export async function page(
  db: Db,
  filter: ProjectFilter,
  riskAdjusted: boolean,
  order: { sort: HeadlineSort | 'code' | 'name'; dir: 'asc' | 'desc' },
  limit: number,
  offset: number,
  afterCode?: string,
): Promise<HeadlineRow[]> {
  // Order and page by the keys alone, then read the figures of just that page: sorting rows that
  // carry their figures would move megabytes.
  const base = () => {
    const q = whereProject(db('projects as p'), db, filter)
      .join('project_headlines as h', 'h.project_id', 'p.id')
      .where('h.risk_adjusted', riskAdjusted)
      .select('p.id');
    return afterCode === undefined ? q : q.where('p.code', '>', afterCode);
  };
  const read = async (q: Knex.QueryBuilder, n: number, skip: number): Promise<HeadlineRow[]> => {
    if (n <= 0) return [];
    const ids = ((await q.limit(n).offset(skip)) as { id: number }[]).map((r) => Number(r.id));
    if (ids.length === 0) return [];
    const rows: (ProjectRow & { figures: string })[] = await headlinesOf(db, {}, riskAdjusted).whereIn('p.id', ids);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.map((id) => {
      const r = byId.get(id)!;
      return { project: toProject(r), views: views(r) };
    });
  };
  if (order.sort === 'code' || order.sort === 'name')
    return read(base().orderBy(`p.${order.sort}`, order.dir).orderBy('p.code'), limit, offset);
  // Projects with a value first, in the order asked for (an index walk), then those without, by code.
  const column = SORT_COLUMN[order.sort];
  const valued = await read(base().whereNotNull(column).orderBy(column, order.dir).orderBy('p.code'), limit, offset);
  if (valued.length === limit) return valued;
  let skipNulls = 0;
  if (offset > 0 && valued.length === 0) {
    const row = await base().whereNotNull(column).clearSelect().count<{ n: string | number }>({ n: '*' }).first();
    skipNulls = offset - Number(row?.n ?? 0);
  }
  return [...valued, ...(await read(base().whereNull(column).orderBy('p.code'), limit - valued.length, skipNulls))];
}

/** How many of the filtered projects fall in each value-for-money category and realisation RAG. */
export async function counts(
  db: Db,
  filter: ProjectFilter,
  riskAdjusted: boolean,
): Promise<{ vfm: Map<string | null, number>; rag: Map<string | null, number> }> {
  const unfiltered =
    filter.directorateId === undefined && !filter.status && !filter.search && filter.priority === undefined;
  const base = (): Knex.QueryBuilder =>
    unfiltered
      ? db('project_headlines as h').where('h.risk_adjusted', riskAdjusted)
      : whereProject(db('projects as p'), db, filter)
          .join('project_headlines as h', 'h.project_id', 'p.id')
          .where('h.risk_adjusted', riskAdjusted);
  const [vfm, rag] = await Promise.all([
    base().select('h.vfm as k').count({ n: '*' }).groupBy('h.vfm'),
    base().select('h.rag as k').count({ n: '*' }).groupBy('h.rag'),
  ]);
  const asMap = (rows: Record<string, unknown>[]) =>
    new Map(rows.map((r) => [r.k === null ? null : String(r.k), Number(r.n)]));
  return { vfm: asMap(vfm), rag: asMap(rag) };
}

/**
 * The filtered projects that may be exceptions (red realisation, forecast BCR below 1, overrun past
 * `overrun`), by the double keys with a margin; the caller decides exactly on the Decimal figures.
 */
export async function exceptionCandidates(
  db: Db,
  filter: ProjectFilter,
  riskAdjusted: boolean,
  overrun: Decimal,
): Promise<HeadlineRow[]> {
  const margin = 1e-9;
  const rows: (ProjectRow & { figures: string })[] = await headlinesOf(db, filter, riskAdjusted)
    .where((w) =>
      w
        .where('h.rag', 'red')
        .orWhere('h.bcr_key', '<', 1 + margin)
        .orWhere('h.variance_key', '>', overrun.toNumber() - margin),
    )
    .orderBy('p.code');
  return rows.map((r) => ({ project: toProject(r), views: views(r) }));
}

const COST_VARIANCE_FIELDS = ['planned', 'actual', 'variance'] as const;

/**
 * The stored cost variance's three exact strings as one JSON array, parsing each row's figures
 * once: SQLite's json_extract takes several paths, PostgreSQL casts once and extracts three times.
 */
function storedCostVariance(db: Db): Knex.Raw {
  if (isPostgres(db))
    return db.raw(
      `(SELECT json_build_array(f #>> '{costVariance,planned,$d}', f #>> '{costVariance,actual,$d}', f #>> '{costVariance,variance,$d}') FROM (SELECT h.figures::json AS f) AS x)::text`,
    );
  return db.raw(
    `json_extract(h.figures, ${COST_VARIANCE_FIELDS.map(() => '?').join(', ')})`,
    COST_VARIANCE_FIELDS.map((k) => `$."costVariance"."${k}"."$d"`),
  );
}

/** A project's cost variance to date from its stored headline (default view, not risk-adjusted). */
export interface StoredCostVariance {
  projectId: number;
  planned: Decimal;
  actual: Decimal;
  variance: Decimal;
}

/**
 * Projects whose cost variance may be positive (over budget as at the current year), by the double
 * key with a margin, or with no ratio (nothing planned yet), in project-code order; the caller
 * decides exactly on the Decimal figures. For "what's due" (issue 17), limited to directorates when
 * given. Only ids and the three cost-variance strings are read: at national scale almost every
 * project may be a candidate, and parsing each one's whole figures in JavaScript, with its project
 * row, cost ~300 ms a read of the admin home after every write.
 */
export async function overBudgetCandidates(
  db: Db,
  directorateIds: number[] | undefined,
  asAtFy: number,
): Promise<StoredCostVariance[]> {
  // A positive ratio is a positive variance (planned > 0); with no ratio (nothing planned to date)
  // only a project with an actual cost to date can be over.
  const q = db('projects as p')
    .join('project_headlines as h', 'h.project_id', 'p.id')
    .where('h.risk_adjusted', false)
    .where((w) =>
      w
        .where('h.variance_key', '>', 0)
        .orWhere((n) =>
          n
            .whereNull('h.variance_key')
            .whereExists((e) =>
              e
                .select(db.raw('1'))
                .from('cost_lines as c')
                .whereRaw('c.project_id = p.id')
                .where('c.kind', 'actual')
                .where('c.fy_start', '<=', asAtFy),
            ),
        ),
    )
    .select({ id: 'p.id', cv: storedCostVariance(db) })
    .orderBy('p.code');
  if (directorateIds) q.whereIn('p.directorate_id', directorateIds);
  const rows: { id: number; cv: string }[] = await q;
  return rows.map((r) => {
    const [planned, actual, variance] = (JSON.parse(String(r.cv)) as string[]).map((x) => new Decimal(x));
    return { projectId: Number(r.id), planned, actual, variance };
  });
}
