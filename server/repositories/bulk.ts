/**
 * Set-based reads and writes for the per-table repositories' bulk methods (imports, their undo):
 * lookups in chunks of ids, multi-row inserts, and many versioned updates in one statement per
 * chunk, never one query per row. Only repositories import this file: the domain writes through
 * the per-table repositories (cost-lines, benefits, benefit-profiles, realisations).
 */
import type { Knex } from 'knex';
import { isPostgres, type Db } from '../knex';
import { nowIso } from './shared';

/** Rows per multi-row INSERT: well inside SQLite's and PostgreSQL's bound-parameter limits. */
export const CHUNK = 500;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function whereInChunks<T>(
  db: Db,
  table: string,
  column: string,
  ids: number[],
  columns: string[] | '*' = '*',
): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks([...new Set(ids)]))
    out.push(...((await db(table).whereIn(column, part).select(columns)) as T[]));
  return out;
}

/** Multi-row inserts in chunks; returns the given columns of each new row (in no promised order). */
export async function insertMany(
  db: Db,
  table: string,
  rows: Record<string, unknown>[],
  returning: string[] = ['id'],
): Promise<Record<string, unknown>[]> {
  const now = nowIso();
  const out: Record<string, unknown>[] = [];
  for (const part of chunks(rows)) {
    // The rows are the caller's own, built for this insert: stamped in place rather than copied.
    for (const r of part) {
      r.created_at = now;
      r.updated_at = now;
    }
    const res: Record<string, unknown>[] = await db(table).insert(part).returning(returning);
    out.push(...res);
  }
  return out;
}

export interface VersionedUpdate {
  id: number;
  version: number;
  nextVersion: number;
  values: Record<string, unknown>;
}

/** PostgreSQL types of a table's columns (VALUES parameters arrive untyped); anything else is text. */
export type PgTypes = Record<string, string>;

const KEY_TYPES: PgTypes = { id: 'integer', version: 'integer', next_version: 'integer' };

/**
 * Many versioned updates of one table at once: one UPDATE … FROM (VALUES …) per chunk instead of
 * one statement per row. Returns how many rows still had the version given (the rest changed or
 * went since they were read). Rows are grouped by the columns they set.
 */
export async function updateManyIfVersion(
  db: Db,
  table: string,
  updates: VersionedUpdate[],
  pgTypes: PgTypes,
): Promise<number> {
  const groups = new Map<string, VersionedUpdate[]>();
  for (const u of updates) {
    const key = Object.keys(u.values).sort().join(',');
    const list = groups.get(key);
    if (list) list.push(u);
    else groups.set(key, [u]);
  }
  const pg = isPostgres(db);
  const now = nowIso();
  let matched = 0;
  for (const [key, group] of groups) {
    const columns = key.split(',').filter(Boolean);
    const names = ['id', 'version', 'next_version', ...columns];
    // SQLite takes each value as it comes (column affinity); PostgreSQL needs the types spelt out.
    const slot = (c: string) => (pg ? `CAST(? AS ${KEY_TYPES[c] ?? pgTypes[c] ?? 'text'})` : '?');
    const tuple = `(${names.map(slot).join(', ')})`;
    const set = [...columns.map((c) => `"${c}" = v."${c}"`), 'version = v.next_version', 'updated_at = ?'].join(', ');
    for (const part of chunks(group, Math.floor((CHUNK * 4) / names.length) || 1)) {
      const bindings = part.flatMap((u) => [
        u.id,
        u.version,
        u.nextVersion,
        ...columns.map((c) => (u.values[c] ?? null) as Knex.Value),
      ]);
      const sql = `WITH v(${names.map((n) => `"${n}"`).join(', ')}) AS (VALUES ${part.map(() => tuple).join(', ')}) UPDATE "${table}" SET ${set} FROM v WHERE "${table}".id = v.id AND "${table}".version = v.version RETURNING "${table}".id`;
      const res = await db.raw(sql, [...bindings, now]);
      matched += (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows).length;
    }
  }
  return matched;
}

/** A row to update to `write`, if it still has `version`. */
export interface VersionedWrite<W> {
  id: number;
  version: number;
  write: W;
}

/**
 * A repository's updateMany: each write mapped to its columns by the repository's own `toRow`, and
 * applied only where the row still has the version given. Returns how many rows did.
 */
export async function updateWrites<W>(
  db: Db,
  table: string,
  updates: VersionedWrite<W>[],
  toRow: (w: W) => Record<string, unknown>,
  pgTypes: PgTypes,
): Promise<number> {
  return updateManyIfVersion(
    db,
    table,
    updates.map((u) => ({ id: u.id, version: u.version, nextVersion: u.version + 1, values: toRow(u.write) })),
    pgTypes,
  );
}

/** Multi-row inserts (as insertMany) returning the new ids, in no promised order. */
export async function insertManyIds(db: Db, table: string, rows: Record<string, unknown>[]): Promise<number[]> {
  return (await insertMany(db, table, rows)).map((r) => Number(r.id));
}

export async function currentVersions(db: Db, table: string, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const r of await whereInChunks<{ id: number; version: number }>(db, table, 'id', ids, ['id', 'version']))
    out.set(Number(r.id), Number(r.version));
  return out;
}

export async function deleteIds(db: Db, table: string, ids: number[]): Promise<void> {
  for (const part of chunks(ids)) await db(table).whereIn('id', part).delete();
}

/**
 * What undo needs of each table an import writes: the versions of its rows now, deleting the rows
 * the import added, and putting back the rows it updated from their snapshots (the stored columns
 * before the import, in this repository's own format; `version` is the version to restore).
 */
export interface UndoableTable {
  table: string;
  /** "cost line", for messages. */
  label: string;
  currentVersions(db: Db, ids: number[]): Promise<Map<number, number>>;
  removeMany(db: Db, ids: number[]): Promise<void>;
  restoreMany(
    db: Db,
    restores: { id: number; versionNow: number; snapshot: Record<string, unknown> }[],
  ): Promise<number>;
  /** The projects these rows belong to (whose summaries an undo refreshes, C8). */
  projectIdsOf(db: Db, ids: number[]): Promise<number[]>;
}

/** How a table's rows reach their project: its own column, or through their benefit. */
export type ProjectLink = 'project_id' | 'benefit_id';

export function undoableTable(table: string, label: string, pgTypes: PgTypes, link: ProjectLink): UndoableTable {
  return {
    table,
    label,
    projectIdsOf: async (db, ids) => {
      const out = new Set<number>();
      for (const part of chunks([...new Set(ids)])) {
        const q =
          link === 'project_id'
            ? db(table).whereIn('id', part).distinct('project_id as p')
            : db(`${table} as x`)
                .join('benefits as b', 'b.id', 'x.benefit_id')
                .whereIn('x.id', part)
                .distinct('b.project_id as p');
        for (const r of (await q) as { p: number }[]) out.add(Number(r.p));
      }
      return [...out];
    },
    currentVersions: (db, ids) => currentVersions(db, table, ids),
    removeMany: (db, ids) => deleteIds(db, table, ids),
    restoreMany: (db, restores) =>
      updateManyIfVersion(
        db,
        table,
        restores.map(({ id, versionNow, snapshot }) => {
          const { version, ...values } = snapshot;
          return { id, version: versionNow, nextVersion: Number(version), values };
        }),
        pgTypes,
      ),
  };
}
