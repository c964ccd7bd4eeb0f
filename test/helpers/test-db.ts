/**
 * A fresh, migrated database per test file: in-memory SQLite by default; with TEST_DATABASE_URL
 * set, a new PostgreSQL database created on that server for this file and dropped afterwards.
 * Both start as copies of a migrated template rather than running every migration each time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { createKnex, migrateLatest } from '../../server/knex';
import { migrations } from '../../db/migrations';

const created = new WeakMap<Knex, string>();
const urls = new WeakMap<Knex, string>();

/** The connection URL of a PostgreSQL test database (for processes that must share it). */
export function testDbUrl(db: Knex): string | undefined {
  return urls.get(db);
}

export function testBackend(): 'sqlite' | 'pg' {
  return process.env.TEST_DATABASE_URL ? 'pg' : 'sqlite';
}

function withDatabase(url: string, name: string): string {
  return url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
}

const MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'db', 'migrations');

/**
 * A hash of the migration list and of every file in db/migrations (helpers included), so a new
 * or edited migration gets a new template instead of a stale one.
 */
function migrationsHash(): string {
  const hash = crypto.createHash('sha256').update(migrations.map(([n]) => n).join(','));
  for (const file of fs.readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * Migrating an in-memory SQLite database takes 0.2-0.5 s, and the suite makes hundreds of them;
 * opening a serialized copy of a migrated one takes about a millisecond. The first test file to
 * need it migrates once and leaves the image in the temp directory for every later file and
 * worker (written under another name and renamed, so a reader never sees half a file).
 */
let sqliteImage: Buffer | undefined;
async function sqliteTemplate(): Promise<Buffer> {
  if (sqliteImage) return sqliteImage;
  const file = path.join(os.tmpdir(), `realise-sqlite-tpl-${migrationsHash()}.db`);
  try {
    sqliteImage = fs.readFileSync(file);
    return sqliteImage;
  } catch {
    // Not built yet: build it below.
  }
  const db = createKnex({ client: 'sqlite', filename: ':memory:' });
  try {
    await migrateLatest(db);
    const conn = (await db.client.acquireConnection()) as { serialize(): Buffer };
    sqliteImage = conn.serialize();
    await db.client.releaseConnection(conn);
  } finally {
    await db.destroy();
  }
  const building = `${file}.${process.pid}.${crypto.randomBytes(3).toString('hex')}`;
  fs.writeFileSync(building, sqliteImage);
  fs.renameSync(building, file);
  return sqliteImage;
}

/**
 * Migrating a PostgreSQL database takes about half a second; copying a migrated template takes a
 * tenth of that.
 */
async function migratedTemplate(admin: Knex, url: string): Promise<string> {
  const name = `realise_tpl_${migrationsHash()}`;
  const exists = await admin('pg_database').where({ datname: name }).first();
  if (exists) return name;
  const building = `${name}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  await admin.raw(`CREATE DATABASE ${building}`);
  const db = createKnex({ client: 'pg', url: withDatabase(url, building) });
  await migrateLatest(db);
  await db.destroy();
  // Another worker may have won the race: then ours is simply dropped.
  try {
    await admin.raw(`ALTER DATABASE ${building} RENAME TO ${name}`);
  } catch {
    await admin.raw(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  }
  return name;
}

export async function createTestDb(opts: { migrate?: boolean } = {}): Promise<Knex> {
  const migrate = opts.migrate ?? true;
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const sqliteImage = migrate ? await sqliteTemplate() : undefined;
    return createKnex({ client: 'sqlite', filename: ':memory:' }, { sqliteImage });
  }
  const name = `realise_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    const template = migrate ? await migratedTemplate(admin, url) : 'template0';
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.destroy();
  }
  const db = createKnex({ client: 'pg', url: withDatabase(url, name) });
  created.set(db, name);
  urls.set(db, withDatabase(url, name));
  return db;
}

export async function destroyTestDb(db: Knex): Promise<void> {
  await db.destroy();
  const name = created.get(db);
  const url = process.env.TEST_DATABASE_URL;
  if (!name || !url) return;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.destroy();
}

/** Row counts as numbers on both dialects. */
export async function countRows(db: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const row = await db(table).where(where).count<{ n: string | number }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}
