/**
 * Opens the database: an embedded better-sqlite3 file by default, PostgreSQL when DATABASE_URL is
 * set. Dialect differences live here and nowhere else.
 */
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Config } from './config';
import { migrationSource } from '../db/migrations';
import { ConflictError } from './errors';

export type Db = Knex | Knex.Transaction;

interface SqliteConnection {
  pragma(source: string): unknown;
}

const PG_INT8 = 20;
const PG_DATE = 1082;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The one place PostgreSQL's types are made to match better-sqlite3's: BIGINT (ids, counts,
 * pence) becomes a JS number only when it is a safe integer, otherwise it stays an exact string
 * (money.fromDbPence takes both, C1); DATE stays 'YYYY-MM-DD' rather than a local-midnight Date.
 */
export function parsePgInt8(text: string): number | string {
  const n = BigInt(text);
  return n <= MAX_SAFE && n >= -MAX_SAFE ? Number(text) : text;
}

let pgTypesSet = false;
function setPgTypes(): void {
  if (pgTypesSet) return;
  pg.types.setTypeParser(PG_INT8, parsePgInt8);
  pg.types.setTypeParser(PG_DATE, (text: string) => text);
  pgTypesSet = true;
}

/**
 * `sqliteImage`, with an in-memory SQLite database, starts it as a copy of that serialized
 * database (tests open a migrated template this way instead of migrating each time).
 */
export function createKnex(database: Config['database'], opts: { sqliteImage?: Buffer } = {}): Knex {
  if (database.client === 'pg') {
    setPgTypes();
    return knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: 10 } });
  }
  if (database.filename !== ':memory:') fs.mkdirSync(path.dirname(database.filename), { recursive: true });
  // better-sqlite3 opens a Buffer as a private in-memory copy of it.
  const image = database.filename === ':memory:' ? opts.sqliteImage : undefined;
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: (image ?? database.filename) as string },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        // WAL lets readers run beside the writer; synchronous=FULL makes each commit durable on
        // power loss, not just on a process crash; busy_timeout waits out a backup or CLI writer.
        conn.pragma('journal_mode = WAL');
        conn.pragma('synchronous = FULL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        done(null, conn);
      },
    },
  });
}

export function isPostgres(db: Db): boolean {
  return db.client.config.client === 'pg';
}

/**
 * SQLite plans joins without statistics badly: counting one directorate's projects by RAG took
 * 144 ms scanning every headline instead of 0.2 ms through the directorate's index. A sampled
 * ANALYZE (about 0.1 s on a national database) at start-up gives the planner what it needs;
 * PostgreSQL's autovacuum keeps its own statistics.
 */
export async function analyse(db: Db): Promise<void> {
  if (isPostgres(db)) return;
  await db.raw('PRAGMA analysis_limit = 1000');
  await db.raw('ANALYZE');
}

/** `column LIKE pattern`, case-insensitive on both dialects (SQLite's LIKE already is for ASCII). */
export function whereILike(qb: Knex.QueryBuilder, db: Db, column: string, pattern: string): Knex.QueryBuilder {
  return isPostgres(db) ? qb.whereILike(column, pattern) : qb.whereLike(column, pattern);
}

/** Pence per "high" part of an amount in exactSum: 10^7 pence is £100,000. */
const SPLIT = 10_000_000;

/**
 * `SUM(column)` that no valid data can overflow or round (C1 "No valid data may break a sum"):
 * SQLite's 64-bit integer SUM fails past ±9.2e18 pence and its TOTAL is a float. Each amount is
 * summed as a high part (whole £100,000s, at most 10^7 for the largest amount) and the pence
 * below it, so each SUM stays far inside 64 bits for any number of rows below 9 × 10^11; both
 * come back as text and exactSumOf joins them in BigInt. Selects `<alias>_hi` and `<alias>_lo`.
 */
export function exactSum(db: Db, column: string, alias: string): Knex.Raw {
  return db.raw(
    `CAST(COALESCE(SUM(?? / ${SPLIT}), 0) AS TEXT) AS ??, CAST(COALESCE(SUM(?? % ${SPLIT}), 0) AS TEXT) AS ??`,
    [column, `${alias}_hi`, column, `${alias}_lo`],
  );
}

/** The exact pence total of an exactSum column of a row, as an integer string. */
export function exactSumOf(row: Record<string, unknown>, alias: string): string {
  // Integer division and remainder both truncate toward zero on both dialects, so hi·10^7 + lo is the sum.
  return (BigInt(String(row[`${alias}_hi`])) * BigInt(SPLIT) + BigInt(String(row[`${alias}_lo`]))).toString();
}

export async function migrateLatest(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

export async function rollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback({ migrationSource }, true);
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const SQLITE_BUSY = /^SQLITE_BUSY/;

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * One use case, one transaction. On SQLite a transaction that read before it wrote can meet
 * another process's commit and get SQLITE_BUSY at once (the busy timeout cannot help an upgrade);
 * the whole use case is then retried from the start, where its version check sees the other
 * write and refuses with 409 instead of failing with a 500. A unique-key race (two people adding
 * the same code at the same moment) becomes a 409 too.
 */
export async function inTransaction<T>(db: Knex, fn: (trx: Knex.Transaction) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      const code = (err as { code?: string })?.code ?? '';
      if (SQLITE_BUSY.test(code) && attempt < attempts && !db.isTransaction) {
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.floor(Math.random() * 20)));
        continue;
      }
      if (isUniqueViolation(err))
        throw new ConflictError(
          'Someone else has just saved a record with the same code. Check the list and try again.',
          {},
          'duplicate',
        );
      throw err;
    }
  }
}
