/** Small helpers every repository uses: timestamps, versioned updates, dialect-neutral dates. */
import type { Db } from '../knex';

export function nowIso(): string {
  return new Date().toISOString();
}

/** PostgreSQL returns Date objects, SQLite the stored text: both become ISO strings. */
export function toIso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v)) return `${v.replace(' ', 'T')}.000Z`;
  return String(v);
}

/** A DATE column as YYYY-MM-DD. node-postgres parses DATE into local midnight, so use local parts. */
export function toDateOnly(v: unknown): string {
  if (v instanceof Date) {
    const m = String(v.getMonth() + 1).padStart(2, '0');
    const d = String(v.getDate()).padStart(2, '0');
    return `${v.getFullYear()}-${m}-${d}`;
  }
  return String(v).slice(0, 10);
}

export function toBool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

/**
 * Optimistic concurrency: the update only applies when the row still has the version the user
 * loaded. Returns false when someone else saved first (or the row is gone).
 */
export async function updateVersioned(
  db: Db,
  table: string,
  id: number,
  version: number,
  patch: Record<string, unknown>,
): Promise<boolean> {
  const count = await db(table)
    .where({ id, version })
    .update({ ...patch, version: version + 1, updated_at: nowIso() });
  return count === 1;
}

/** With a version, deletes only that version of the row (optimistic concurrency): false when it changed. */
export async function removeVersioned(db: Db, table: string, id: number, version?: number): Promise<boolean> {
  const q = db(table).where({ id });
  if (version !== undefined) q.andWhere({ version });
  return (await q.delete()) === 1;
}

/** Inserts and returns the new id on both dialects. */
export async function insertReturningId(db: Db, table: string, row: Record<string, unknown>): Promise<number> {
  const now = nowIso();
  const [res] = await db(table)
    .insert({ ...row, created_at: now, updated_at: now })
    .returning('id');
  return typeof res === 'object' ? Number(res.id) : Number(res);
}

/**
 * The single-row reads and writes of a table whose rows belong to a parent row (a cost line or a
 * benefit to its project, a realisation to its benefit), through the repository's own `map` and
 * `toRow`: by id; insert under the parent; update and delete only at the version given.
 */
export function versionedRows<Row, Rec, Write>(
  table: string,
  parentColumn: string,
  map: (row: Row) => Rec,
  toRow: (input: Write) => Record<string, unknown>,
) {
  return {
    async findById(db: Db, id: number): Promise<Rec | null> {
      const row: Row | undefined = await db(table).where({ id }).first();
      return row ? map(row) : null;
    },
    insert(db: Db, parentId: number, input: Write): Promise<number> {
      return insertReturningId(db, table, { [parentColumn]: parentId, ...toRow(input) });
    },
    update(db: Db, id: number, version: number, input: Write): Promise<boolean> {
      return updateVersioned(db, table, id, version, toRow(input));
    },
    /** With a version, deletes only that version of the row (optimistic concurrency): false when it changed. */
    remove(db: Db, id: number, version?: number): Promise<boolean> {
      return removeVersioned(db, table, id, version);
    },
  };
}
