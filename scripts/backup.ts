/**
 * Backups of the SQLite database (PostgreSQL: pg_dump and pg_restore, see the README):
 *
 *   npm run backup -- --to FILE        a consistent online backup while the app serves, then verified
 *   npm run backup -- --verify FILE    check a backup file: integrity, foreign keys, rows and money per table
 *   npm run restore -- --from FILE     verify FILE, then restore it into the stopped instance's DATA_DIR
 *
 * The database is the configured one (DATA_DIR/realise.sqlite) unless --database names another.
 * Restore refuses while any process has the database open (SQLite is asked for exclusive access),
 * and keeps the database it replaces as realise.sqlite.before-restore-<time>.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import {
  BackupError,
  backupDatabase,
  restoreDatabase,
  verifyDatabaseFile,
  type TableSummary,
  type VerifyReport,
} from '../server/backup';

const USAGE =
  'Usage: npm run backup -- --to FILE | npm run backup -- --verify FILE | npm run restore -- --from FILE [--database FILE]';

function grouped(n: number | string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function printTables(tables: TableSummary[]): void {
  const width = Math.max(...tables.map((t) => t.table.length), 5);
  console.log(
    `  ${'table'.padEnd(width)} ${'rows'.padStart(9)}  money totals (*_pence in pence, *_e6 in millionths of £1)`,
  );
  for (const t of tables) {
    const money = t.money.map((p) => `${p.column} ${grouped(p.total)}`).join(', ');
    console.log(`  ${t.table.padEnd(width)} ${grouped(t.rows).padStart(9)}  ${money}`.trimEnd());
  }
}

function printVerification(r: VerifyReport): void {
  console.log(
    `integrity_check: ${r.integrity.join('; ')}; foreign_key_check: ${
      r.foreignKeyProblems === 0 ? 'ok' : `${r.foreignKeyProblems} problems`
    }; schema at migration ${r.migration ?? 'none'}`,
  );
  printTables(r.tables);
}

/** The database file these commands act on: --database, or the configured DATA_DIR's. */
function databaseFile(given: string | undefined): string {
  if (given) return path.resolve(given);
  // A placeholder secret, so reading the configuration never writes a session secret into DATA_DIR.
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, { sessionSecret: 'not-used-by-backup-commands' });
  if (config.database.client === 'pg')
    throw new BackupError(
      'DATABASE_URL points at PostgreSQL: back it up with pg_dump and restore with pg_restore (README, "Backups").',
    );
  return config.database.filename;
}

async function backup(to: string, database: string | undefined): Promise<void> {
  const source = databaseFile(database);
  const r = await backupDatabase(source, path.resolve(to));
  console.log(
    `Backed up ${source} to ${r.file}: ${grouped(r.pages)} pages, ${grouped(r.bytes)} bytes, in ${r.ms} ms (a consistent snapshot; the app may keep running)`,
  );
  printVerification(r);
  console.log('Verified: every table has the rows and money totals of the snapshot it was taken from.');
}

function verify(file: string): void {
  const r = verifyDatabaseFile(path.resolve(file));
  console.log(`${r.file}: ${grouped(r.bytes)} bytes`);
  printVerification(r);
  if (!r.ok) throw new BackupError(`Not a usable backup: ${r.problems.join('; ')}`);
  console.log('Verified: a healthy Realise database that this version can open.');
}

function restore(from: string, database: string | undefined): void {
  const target = databaseFile(database);
  const { restored, keptAs } = restoreDatabase(path.resolve(from), target);
  console.log(`Restored ${path.resolve(from)} into ${target}`);
  printVerification(restored);
  if (keptAs) console.log(`The database it replaced is kept as ${keptAs} (delete it once you are satisfied).`);
  console.log('Verified: the restored database has the backup’s rows and money totals. Start Realise again.');
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const { values } = parseArgs({
    args,
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      verify: { type: 'string' },
      database: { type: 'string' },
    },
  });
  if (command === 'backup' && values.verify) return verify(values.verify);
  if (command === 'backup' && values.to) return backup(values.to, values.database);
  if (command === 'restore' && values.from) return restore(values.from, values.database);
  throw new BackupError(USAGE);
}

main().catch((err) => {
  console.error(err instanceof BackupError ? err.message : err);
  process.exit(1);
});
