/** Council priorities (issue 19): the managed list; projects carry the name in projects.priority. */
import type { Db } from '../knex';
import { insertReturningId, removeVersioned, toIso, updateVersioned } from './shared';

export interface Priority {
  id: number;
  name: string;
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  name: string;
  description: string;
  version: number;
  created_at: unknown;
  updated_at: unknown;
}

const map = (r: Row): Priority => ({
  id: r.id,
  name: r.name,
  description: r.description,
  version: r.version,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
});

export async function listAll(db: Db): Promise<Priority[]> {
  return ((await db('priorities').orderBy('name')) as Row[]).map(map);
}

export async function findById(db: Db, id: number): Promise<Priority | null> {
  const row: Row | undefined = await db('priorities').where({ id }).first();
  return row ? map(row) : null;
}

/** Case-insensitive: "digital first" finds "Digital first". */
export async function findByName(db: Db, name: string): Promise<Priority | null> {
  const row: Row | undefined = await db('priorities').whereRaw('LOWER(name) = ?', [name.toLowerCase()]).first();
  return row ? map(row) : null;
}

export async function insert(db: Db, p: { name: string; description: string }): Promise<number> {
  return insertReturningId(db, 'priorities', p);
}

export async function update(db: Db, id: number, version: number, p: { name: string; description: string }) {
  return updateVersioned(db, 'priorities', id, version, p);
}

export async function remove(db: Db, id: number, version?: number): Promise<boolean> {
  return removeVersioned(db, 'priorities', id, version);
}

/** Renames a priority on every project that has it (in the caller's transaction). */
export async function renameOnProjects(db: Db, from: string, to: string): Promise<number> {
  return db('projects').where({ priority: from }).update({ priority: to });
}

/** Projects per priority name. */
export async function projectCounts(db: Db): Promise<Map<string, number>> {
  const rows: { priority: string; n: string | number }[] = await db('projects')
    .groupBy('priority')
    .select('priority')
    .count({ n: '*' });
  return new Map(rows.map((r) => [r.priority, Number(r.n)]));
}

/** Each project's id, priority and base year, for grouping the stored series (C8) by priority. */
export async function projectPriorities(db: Db): Promise<{ id: number; priority: string; baseFy: number }[]> {
  const rows: { id: number; priority: string; base_fy: number }[] = await db('projects').select(
    'id',
    'priority',
    'base_fy',
  );
  return rows.map((r) => ({ id: r.id, priority: r.priority, baseFy: r.base_fy }));
}
