import type { Db } from '../knex';
import type { Directorate } from '../records';
import { insertReturningId, removeVersioned, toIso, updateVersioned } from './shared';

export interface DirectorateRow {
  id: number;
  code: string;
  name: string;
  version: number;
  created_at: unknown;
  updated_at: unknown;
}

function map(r: DirectorateRow): Directorate {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    version: r.version,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

export async function listAll(db: Db): Promise<Directorate[]> {
  const rows: DirectorateRow[] = await db('directorates').select('*').orderBy('name');
  return rows.map(map);
}

export async function findByCode(db: Db, code: string): Promise<Directorate | null> {
  const row: DirectorateRow | undefined = await db('directorates')
    .whereRaw('UPPER(code) = ?', [code.toUpperCase()])
    .first();
  return row ? map(row) : null;
}

export async function insert(db: Db, input: { code: string; name: string }): Promise<number> {
  return insertReturningId(db, 'directorates', input);
}

export async function update(
  db: Db,
  id: number,
  version: number,
  input: { code: string; name: string },
): Promise<boolean> {
  return updateVersioned(db, 'directorates', id, version, input);
}

/** With a version, deletes only that version of the row (optimistic concurrency): false when it changed. */
export async function remove(db: Db, id: number, version?: number): Promise<boolean> {
  return removeVersioned(db, 'directorates', id, version);
}

export async function countProjects(db: Db, id: number): Promise<number> {
  const row = await db('projects').where({ directorate_id: id }).count<{ n: string | number }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}
