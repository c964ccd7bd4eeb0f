/**
 * Backups of the embedded SQLite database, taken while the app serves (PostgreSQL is backed up
 * with pg_dump: README, "Backups").
 *
 * - A backup is a consistent snapshot: a separate connection opens a read transaction, counts
 *   every table's rows and sums its money columns, then copies the pages with SQLite's online
 *   backup API (better-sqlite3's `db.backup()`) inside that same transaction. In WAL mode the app
 *   keeps writing meanwhile; the copy and the counts both see the database as it was when the
 *   transaction began. The copy is then verified on its own: `integrity_check`,
 *   `foreign_key_check`, and the same counts and money totals (summed exactly, as BigInt from
 *   text), which must equal the snapshot's.
 * - A restore verifies the file, then replaces the database only when no process has it open:
 *   SQLite itself is asked for exclusive access (leaving WAL mode needs it), which fails while a
 *   server, another instance or a command-line tool holds the file. That lock is held until the
 *   restored file is in place; the replaced database is kept beside it.
 * - The scheduler takes one backup a day into DATA_DIR/backups (realise-YYYY-MM-DD.sqlite, local
 *   date) and keeps the newest N. Instances sharing the directory cannot collide: the day's file
 *   is claimed with an exclusive-create lock file, and written under a temporary name first.
 *
 * This module talks to better-sqlite3 directly: the backup API is not reachable through Knex.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from './logger';
import { migrations } from '../db/migrations';

export interface BackupSchedule {
  daily: boolean;
  /** Hour of the day (0–23, server time) at or after which the day's backup is taken. */
  hour: number;
  /** How many daily backups to keep. */
  keep: number;
}

/** What the scheduler last did, kept in the settings table for the backups page. */
export interface BackupOutcome {
  ok: boolean;
  /** ISO timestamp. */
  at: string;
  file: string | null;
  bytes: number | null;
  tables: number | null;
  rows: number | null;
  message: string;
}

export interface TableSummary {
  table: string;
  rows: number;
  /**
   * Exact totals of the table's money columns, as decimal strings: `*_pence`, and the C8
   * summaries' `*_e6` (millionths of a pound).
   */
  money: { column: string; total: string }[];
}

export interface VerifyReport {
  file: string;
  bytes: number;
  /** `["ok"]` when healthy, otherwise SQLite's list of problems. */
  integrity: string[];
  foreignKeyProblems: number;
  /** The newest migration applied in the file, or null when it holds no Realise schema. */
  migration: string | null;
  tables: TableSummary[];
  ok: boolean;
  problems: string[];
}

export interface BackupReport extends VerifyReport {
  source: string;
  pages: number;
  ms: number;
}

export class BackupError extends Error {}

/** The database is open in another process (a running server, most likely). */
export class DatabaseInUseError extends BackupError {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const MONEY_COLUMN = /_(pence|e6)$/;

/** Row count and exact money totals of every table, read in the caller's transaction if it has one. */
export function summarise(db: Database.Database): TableSummary[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return tables.map((table) => {
    const count = db
      .prepare(`SELECT COUNT(*) FROM ${quote(table)}`)
      .pluck()
      .safeIntegers(true)
      .get() as bigint;
    const columns = (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((name) => MONEY_COLUMN.test(name));
    const money = columns.map((column) => {
      // Summed in BigInt from each value's text: exact whatever the size, and no float anywhere (C1).
      let total = 0n;
      const values = db
        .prepare(`SELECT CAST(${quote(column)} AS TEXT) FROM ${quote(table)} WHERE ${quote(column)} IS NOT NULL`)
        .pluck()
        .iterate() as IterableIterator<string>;
      for (const v of values) total += BigInt(v);
      return { column, total: total.toString() };
    });
    return { table, rows: Number(count), money };
  });
}

function newestMigration(db: Database.Database): string | null {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'knex_migrations'").get();
  if (!has) return null;
  return (db.prepare('SELECT name FROM knex_migrations ORDER BY id DESC LIMIT 1').pluck().get() as string) ?? null;
}

/** Opens a database file read-only and checks it: integrity, foreign keys, schema, counts and totals. */
export function verifyDatabaseFile(file: string): VerifyReport {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${file} cannot be opened as a SQLite database: ${(err as Error).message}`);
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      throw new BackupError(`${file} is not a readable SQLite database: ${(err as Error).message}`);
    }
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    const migration = newestMigration(db);
    const tables = summarise(db);
    const problems: string[] = [];
    if (integrity.length !== 1 || integrity[0] !== 'ok') problems.push(`integrity_check: ${integrity.join('; ')}`);
    if (foreignKeyProblems > 0) problems.push(`${foreignKeyProblems} rows break a foreign key`);
    if (migration === null) problems.push('it holds no Realise database (no migrations table)');
    else if (!migrations.some(([name]) => name === migration))
      problems.push(`it was made by a newer version of Realise (migration ${migration}): upgrade Realise first`);
    return {
      file,
      bytes: fs.statSync(file).size,
      integrity,
      foreignKeyProblems,
      migration,
      tables,
      ok: !problems.length,
      problems,
    };
  } finally {
    db.close();
  }
}

/** Where two summaries differ, in words; empty when they agree table by table, in rows and money. */
export function compareSummaries(expected: TableSummary[], actual: TableSummary[]): string[] {
  const out: string[] = [];
  const byName = new Map(actual.map((t) => [t.table, t]));
  for (const e of expected) {
    const a = byName.get(e.table);
    if (!a) {
      out.push(`${e.table} is missing`);
      continue;
    }
    if (a.rows !== e.rows) out.push(`${e.table}: ${a.rows} rows, expected ${e.rows}`);
    for (const p of e.money) {
      const q = a.money.find((x) => x.column === p.column);
      if (q?.total !== p.total) out.push(`${e.table}.${p.column}: ${q?.total ?? 'missing'}, expected ${p.total}`);
    }
  }
  for (const a of actual) if (!expected.some((e) => e.table === a.table)) out.push(`${a.table} was not expected`);
  return out;
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the rename is still atomic.
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * A consistent online backup of `sourceFile` into `destFile` (which must not exist), verified
 * against the snapshot it was taken from. Writers carry on meanwhile; the copy runs 100 pages
 * per step, yielding between steps, so a server taking its own backup keeps answering.
 */
export async function backupDatabase(sourceFile: string, destFile: string): Promise<BackupReport> {
  if (!fs.existsSync(sourceFile)) throw new BackupError(`There is no database at ${sourceFile}`);
  if (fs.existsSync(destFile)) throw new BackupError(`${destFile} already exists: choose a new file name`);
  const dir = path.dirname(path.resolve(destFile));
  if (!fs.existsSync(dir)) throw new BackupError(`The folder ${dir} does not exist`);
  const partial = `${destFile}.partial-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const started = Date.now();
  const source = new Database(sourceFile, { fileMustExist: true, timeout: 5000 });
  let snapshot: TableSummary[];
  let pages: number;
  try {
    // A deferred transaction: its first read fixes the snapshot that the counts and the copy share.
    source.exec('BEGIN');
    snapshot = summarise(source);
    ({ totalPages: pages } = await source.backup(partial));
    source.exec('COMMIT');
  } catch (err) {
    removeDatabaseFiles(partial);
    throw new BackupError(`The backup could not be taken: ${(err as Error).message}`);
  } finally {
    if (source.inTransaction) source.exec('ROLLBACK');
    source.close();
  }
  try {
    // A self-contained file: a rollback journal rather than WAL, so it is one file to copy or keep.
    const copy = new Database(partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    fsyncFile(partial);
    const report = verifyDatabaseFile(partial);
    const differences = compareSummaries(snapshot, report.tables);
    if (!report.ok || differences.length)
      throw new BackupError(`The backup failed verification: ${[...report.problems, ...differences].join('; ')}`);
    fs.renameSync(partial, destFile);
    fsyncDir(dir);
    return { ...report, file: destFile, source: sourceFile, pages, ms: Date.now() - started };
  } finally {
    removeDatabaseFiles(partial);
  }
}

/**
 * Exclusive access to a database file, or DatabaseInUseError. Leaving WAL mode needs every other
 * connection gone (a running server always has one open), so this is SQLite's own answer to "is
 * anything using it?", whichever process that is. The returned connection holds an exclusive
 * lock until closed, so nothing can open the database meanwhile.
 */
export function lockExclusively(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  const inUse = () =>
    new DatabaseInUseError(
      `${file} is open in another process, most likely a running Realise server: stop it (and any other instance or command using this database), then restore again.`,
    );
  try {
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw inUse();
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (err) {
    db.close();
    if (err instanceof DatabaseInUseError) throw err;
    if (/^SQLITE_BUSY|^SQLITE_LOCKED/.test((err as { code?: string }).code ?? '')) throw inUse();
    throw err;
  }
}

export interface RestoreReport {
  /** The verification of the restored database, in place. */
  restored: VerifyReport;
  /** Where the database that was replaced now is, or null when there was none. */
  keptAs: string | null;
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/** Verifies `backupFile`, then puts a copy of it at `targetFile`, which no process may have open. */
export function restoreDatabase(backupFile: string, targetFile: string): RestoreReport {
  const checked = verifyDatabaseFile(backupFile);
  if (!checked.ok) throw new BackupError(`${backupFile} failed verification: ${checked.problems.join('; ')}`);
  fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  const lock = fs.existsSync(targetFile) ? lockExclusively(targetFile) : null;
  const incoming = `${targetFile}.restoring-${process.pid}`;
  let keptAs: string | null = null;
  try {
    fs.copyFileSync(backupFile, incoming);
    fsyncFile(incoming);
    if (sha256(incoming) !== sha256(backupFile))
      throw new BackupError('The copy of the backup differs from the backup');
    if (lock) {
      keptAs = `${targetFile}.before-restore-${stamp()}`;
      fs.renameSync(targetFile, keptAs);
    }
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${targetFile}${suffix}`, { force: true });
    fs.renameSync(incoming, targetFile);
    fsyncDir(path.dirname(path.resolve(targetFile)));
  } finally {
    fs.rmSync(incoming, { force: true });
    lock?.close();
  }
  const restored = verifyDatabaseFile(targetFile);
  const differences = compareSummaries(checked.tables, restored.tables);
  if (!restored.ok || differences.length)
    throw new BackupError(
      `The restored database failed verification: ${[...restored.problems, ...differences].join('; ')}`,
    );
  return { restored, keptAs };
}

// ---------------------------------------------------------------------------------------------
// Daily backups

export const DAILY_BACKUP = /^realise-(\d{4}-\d{2}-\d{2})\.sqlite$/;
/** A lock older than this was left by a process that died mid-backup. */
const STALE_LOCK_MS = 6 * 60 * 60 * 1000;

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function dailyBackupName(d: Date): string {
  return `realise-${localDate(d)}.sqlite`;
}

/** Deletes all but the newest `keep` daily backups (and temporary files a dead process left). */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir);
  const daily = names.filter((n) => DAILY_BACKUP.test(n)).sort();
  const removed = daily.slice(0, Math.max(0, daily.length - keep));
  const old = Date.now() - STALE_LOCK_MS;
  for (const n of names)
    if (/\.sqlite\.partial-/.test(n) && fs.statSync(path.join(dir, n)).mtimeMs < old) removed.push(n);
  for (const n of removed) fs.rmSync(path.join(dir, n), { force: true });
  return removed;
}

function claim(lockFile: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, `${os.hostname()} ${process.pid} ${new Date().toISOString()}\n`);
      fs.closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let stale: boolean;
      try {
        stale = Date.now() - fs.statSync(lockFile).mtimeMs > STALE_LOCK_MS;
      } catch {
        stale = true; // released between our open and our look
      }
      if (!stale) return false;
      fs.rmSync(lockFile, { force: true });
    }
  }
  return false;
}

export type DailyResult =
  | { status: 'taken'; report: BackupReport; pruned: string[] }
  | { status: 'exists'; file: string }
  | { status: 'busy'; file: string };

/** Today's backup into `dir`, unless it exists or another instance is taking it. */
export async function takeDailyBackup(opts: {
  databaseFile: string;
  dir: string;
  keep: number;
  now?: Date;
}): Promise<DailyResult> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const file = path.join(opts.dir, dailyBackupName(opts.now ?? new Date()));
  if (fs.existsSync(file)) return { status: 'exists', file };
  const lockFile = `${file}.lock`;
  if (!claim(lockFile)) return { status: 'busy', file };
  try {
    // Another instance may have finished between our first look and our claim.
    if (fs.existsSync(file)) return { status: 'exists', file };
    const report = await backupDatabase(opts.databaseFile, file);
    return { status: 'taken', report, pruned: pruneBackups(opts.dir, opts.keep) };
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

export interface SchedulerOptions {
  databaseFile: string;
  dataDir: string;
  logger: Logger;
  /** Reads the admin's schedule (from the settings table) on every check. */
  schedule: () => Promise<BackupSchedule>;
  /** Keeps the outcome where the backups page can show it. */
  record: (outcome: BackupOutcome) => Promise<void>;
  intervalMs?: number;
  now?: () => Date;
}

/** Checks every minute whether today's backup is due; a failure is retried an hour later. */
export function startBackupScheduler(o: SchedulerOptions): { stop(): void; check(): Promise<DailyResult | null> } {
  const dir = path.join(o.dataDir, 'backups');
  const now = o.now ?? (() => new Date());
  let running = false;
  let retryAfter = 0;
  const check = async (): Promise<DailyResult | null> => {
    if (running || Date.now() < retryAfter) return null;
    running = true;
    try {
      const s = await o.schedule();
      const today = now();
      if (!s.daily || today.getHours() < s.hour) return null;
      const result = await takeDailyBackup({ databaseFile: o.databaseFile, dir, keep: s.keep, now: today });
      if (result.status === 'taken') {
        const r = result.report;
        const rows = r.tables.reduce((n, t) => n + t.rows, 0);
        const message = `Backed up and verified: ${r.tables.length} tables, ${rows} rows, integrity ok${
          result.pruned.length ? `; removed ${result.pruned.length} older backup(s)` : ''
        }`;
        o.logger.info({ file: r.file, bytes: r.bytes, ms: r.ms, pruned: result.pruned }, message);
        await o.record({
          ok: true,
          at: new Date().toISOString(),
          file: r.file,
          bytes: r.bytes,
          tables: r.tables.length,
          rows,
          message,
        });
      }
      return result;
    } catch (err) {
      retryAfter = Date.now() + 60 * 60 * 1000;
      const message = `The scheduled backup failed: ${(err as Error).message}`;
      o.logger.error({ err }, message);
      await o
        .record({ ok: false, at: new Date().toISOString(), file: null, bytes: null, tables: null, rows: null, message })
        .catch(() => undefined);
      return null;
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void check(), 5_000);
  const timer = setInterval(() => void check(), o.intervalMs ?? 60_000);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
    check,
  };
}
