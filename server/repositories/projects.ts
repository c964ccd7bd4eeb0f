import type { Knex } from 'knex';
import { chunks } from './bulk';
import { escapeLike, whereILike, type Db } from '../knex';
import { Decimal } from '../money';
import type { Project, ProjectStatus } from '../records';
import { insertReturningId, removeVersioned, toIso, updateVersioned } from './shared';

export interface ProjectRow {
  id: number;
  code: string;
  name: string;
  directorate_id: number;
  directorate_code: string;
  directorate_name: string;
  description: string;
  sponsor: string;
  manager: string;
  status: ProjectStatus;
  start_fy: number;
  base_fy: number;
  discount_rate: string | null;
  optimism_bias: string;
  priority: string;
  version: number;
  created_at: unknown;
  updated_at: unknown;
}

/** The writable columns, in domain form. */
export interface ProjectWrite {
  code: string;
  name: string;
  directorateId: number;
  description: string;
  sponsor: string;
  manager: string;
  status: ProjectStatus;
  startFy: number;
  baseFy: number;
  discountRate: Decimal | null;
  optimismBias: Decimal;
  priority: string;
}

export interface ProjectFilter {
  directorateId?: number;
  status?: ProjectStatus;
  search?: string;
  /** Issue 19: a council priority's exact name ('' = none recorded). */
  priority?: string;
}

function map(r: ProjectRow): Project {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    directorateId: r.directorate_id,
    directorateCode: r.directorate_code,
    directorateName: r.directorate_name,
    description: r.description,
    sponsor: r.sponsor,
    manager: r.manager,
    status: r.status,
    startFy: r.start_fy,
    baseFy: r.base_fy,
    discountRate: r.discount_rate === null ? null : new Decimal(r.discount_rate),
    optimismBias: new Decimal(r.optimism_bias),
    priority: r.priority,
    version: r.version,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

function toRow(p: ProjectWrite): Record<string, unknown> {
  return {
    code: p.code,
    name: p.name,
    directorate_id: p.directorateId,
    description: p.description,
    sponsor: p.sponsor,
    manager: p.manager,
    status: p.status,
    start_fy: p.startFy,
    base_fy: p.baseFy,
    discount_rate: p.discountRate === null ? null : p.discountRate.toString(),
    optimism_bias: p.optimismBias.toString(),
    priority: p.priority,
  };
}

function baseQuery(db: Db): Knex.QueryBuilder {
  return db('projects as p')
    .join('directorates as d', 'd.id', 'p.directorate_id')
    .select('p.*', 'd.code as directorate_code', 'd.name as directorate_name');
}

/** The filter's conditions on `projects as p` (any query that joins projects as `p`). */
export function whereProject(q: Knex.QueryBuilder, db: Db, filter: ProjectFilter): Knex.QueryBuilder {
  if (filter.directorateId !== undefined) q = q.where('p.directorate_id', filter.directorateId);
  if (filter.status) q = q.where('p.status', filter.status);
  if (filter.priority !== undefined) q = q.where('p.priority', filter.priority);
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    q = q.where((w) => {
      whereILike(w, db, 'p.name', pattern);
      w.orWhere((o) => whereILike(o, db, 'p.code', pattern));
    });
  }
  return q;
}

/** Projects with their directorate's code and name, filtered; the caller orders and pages. */
export function filteredProjects(db: Db, filter: ProjectFilter): Knex.QueryBuilder {
  return whereProject(baseQuery(db), db, filter);
}

/** A row of filteredProjects as a Project. */
export function toProject(row: ProjectRow): Project {
  return map(row);
}

export async function list(db: Db, filter: ProjectFilter = {}): Promise<Project[]> {
  const rows: ProjectRow[] = await filteredProjects(db, filter).orderBy('p.code');
  return rows.map(map);
}

export interface DirectorateCount {
  directorateId: number;
  code: string;
  name: string;
  projectCount: number;
  earliestBaseFy: number;
}

/** Per directorate with any: how many projects the filter selects, and their earliest base year (C6). */
export async function countByDirectorate(db: Db, filter: ProjectFilter): Promise<DirectorateCount[]> {
  const rows: Record<string, unknown>[] = await whereProject(
    db('projects as p').join('directorates as d', 'd.id', 'p.directorate_id'),
    db,
    filter,
  )
    .select('d.id', 'd.code', 'd.name', db.raw('COUNT(*) AS n'), db.raw('MIN(p.base_fy) AS base'))
    .groupBy('d.id', 'd.code', 'd.name')
    .orderBy('d.name');
  return rows.map((r) => ({
    directorateId: Number(r.id),
    code: String(r.code),
    name: String(r.name),
    projectCount: Number(r.n),
    earliestBaseFy: Number(r.base),
  }));
}

/** These projects (in chunks, so any number of ids), by code. */
export async function listByIds(db: Db, ids: number[]): Promise<Project[]> {
  const out: Project[] = [];
  for (const part of chunks([...new Set(ids)]))
    out.push(...((await baseQuery(db).whereIn('p.id', part)) as ProjectRow[]).map(map));
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export async function findByCode(db: Db, code: string): Promise<Project | null> {
  const row: ProjectRow | undefined = await baseQuery(db).whereRaw('UPPER(p.code) = ?', [code.toUpperCase()]).first();
  return row ? map(row) : null;
}

export async function findById(db: Db, id: number): Promise<Project | null> {
  const row: ProjectRow | undefined = await baseQuery(db).where('p.id', id).first();
  return row ? map(row) : null;
}

export async function insert(db: Db, input: ProjectWrite): Promise<number> {
  return insertReturningId(db, 'projects', toRow(input));
}

export async function update(db: Db, id: number, version: number, input: ProjectWrite): Promise<boolean> {
  return updateVersioned(db, 'projects', id, version, toRow(input));
}

/** With a version, deletes only that version of the row (optimistic concurrency): false when it changed. */
export async function remove(db: Db, id: number, version?: number): Promise<boolean> {
  return removeVersioned(db, 'projects', id, version);
}

/** The earliest year of any cost, profile or realisation of the project (C3: none may precede the base year). */
export async function earliestFlowFy(db: Db, id: number): Promise<number | null> {
  // Sequential, not Promise.all: inside a transaction the queries share one connection.
  const c = await db('cost_lines').where({ project_id: id }).min<{ fy: number | null }>({ fy: 'fy_start' }).first();
  const p = await db('benefit_profile as bp')
    .join('benefits as b', 'b.id', 'bp.benefit_id')
    .where('b.project_id', id)
    .min<{ fy: number | null }>({ fy: 'bp.fy_start' })
    .first();
  const r = await db('realisations as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .where('b.project_id', id)
    .min<{ fy: number | null }>({ fy: 'r.fy_start' })
    .first();
  const years = [c?.fy, p?.fy, r?.fy].filter((y): y is number => y !== null && y !== undefined).map((y) => Number(y));
  return years.length ? Math.min(...years) : null;
}

/** How many projects each directorate has in each status. */
export async function countByDirectorateAndStatus(
  db: Db,
): Promise<{ directorateId: number; status: ProjectStatus; count: number }[]> {
  const rows: Record<string, unknown>[] = await db('projects')
    .select('directorate_id', 'status', db.raw('COUNT(*) AS n'))
    .groupBy('directorate_id', 'status');
  return rows.map((r) => ({
    directorateId: Number(r.directorate_id),
    status: r.status as ProjectStatus,
    count: Number(r.n),
  }));
}
