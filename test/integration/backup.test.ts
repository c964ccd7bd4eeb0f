/**
 * Backups of the SQLite database: a backup taken while the app serves a stream of writes is a
 * consistent snapshot (a prefix of the committed writes, to the penny, with integrity ok) and
 * restores to exactly that state; a restore refuses while the database is open; daily backups
 * cannot collide between instances and keep only the newest N. SQLite only (on PostgreSQL the
 * README sends people to pg_dump), in a SQLite file of the test's own whatever the test backend.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createKnex, migrateLatest } from '../../server/knex';
import { createLogger } from '../../server/logger';
import { type Ctx } from '../../server/domain/types';
import { systemActor } from '../../server/records';
import {
  backupDatabase,
  DatabaseInUseError,
  restoreDatabase,
  startBackupScheduler,
  takeDailyBackup,
  verifyDatabaseFile,
  type BackupOutcome,
} from '../../server/backup';
import { apiClient, type ApiClient } from '../helpers/clients';
import { aDirectorate, aProject } from '../helpers/builders';

// Backups are of SQLite files (PostgreSQL has pg_dump), so these tests make their own SQLite file
// and run the same under either test backend.

let dir: string;
let file: string;
let db: Knex;
let ctx: Ctx;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-backup-'));
  file = path.join(dir, 'realise.sqlite');
  db = createKnex({ client: 'sqlite', filename: file });
  await migrateLatest(db);
  ctx = { db, actor: systemActor('test'), logger: createLogger({ logLevel: 'silent' }) };
  await aDirectorate(ctx);
  await aProject(ctx);
  // About 12 MB of history, so the copy takes many steps and the app writes between them.
  await db.raw(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
    INSERT INTO audit_log (actor_label, action, entity_type, entity_id, summary, after_json)
    SELECT 'padding', 'updated', 'padding', i, 'padding', hex(randomblob(1000)) FROM n`);
}, 60_000);

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Write {
  id: number;
  reference: string;
  pence: bigint;
}

function amountText(pence: bigint): string {
  return `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`;
}

describe('a backup taken while the app serves a stream of writes', () => {
  let api: ApiClient;
  const acknowledged: Write[] = [];

  beforeAll(async () => {
    const config = loadConfig(
      { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      { sessionSecret: 'test-secret-test-secret-test-secret-000', database: { client: 'sqlite', filename: file } },
    );
    const app = createApp({ config, knex: db, logger: createLogger(config) });
    api = await apiClient(app, db, 'admin');
  });

  it('is the state after some prefix of the committed writes, exact to the penny, and restores to it', async () => {
    let stop = false;
    const writer = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const reference = `W${c}-${i}`;
        const pence = 1n + BigInt(c) * 1_000_003n + BigInt(i) * 7919n;
        const res = await api
          .post('/api/v1/projects/CS-001/costs')
          .send({ year: '2024/25', kind: 'actual', category: 'services', amount: amountText(pence), reference });
        if (res.status !== 201) throw new Error(`write refused: ${res.status} ${JSON.stringify(res.body)}`);
        acknowledged.push({ id: res.body.id, reference, pence });
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 10));

    const backupFile = path.join(dir, 'during-writes.sqlite');
    const before = acknowledged.length;
    const report = await backupDatabase(file, backupFile);
    const during = acknowledged.length - before;
    await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await Promise.all(writers);

    expect(report.ok).toBe(true);
    expect(report.integrity).toEqual(['ok']);
    // The app kept writing while the pages were copied.
    expect(during).toBeGreaterThan(0);
    expect(report.pages).toBeGreaterThan(1000);

    // A stopped instance's data directory receives it.
    const target = path.join(dir, 'restored', 'realise.sqlite');
    const { restored, keptAs } = restoreDatabase(backupFile, target);
    expect(keptAs).toBeNull();
    expect(restored.ok).toBe(true);

    const copy = createKnex({ client: 'sqlite', filename: target });
    try {
      const rows: { id: number; reference: string; amount: string }[] = await copy('cost_lines')
        .where('reference', 'like', 'W%')
        .orderBy('id')
        .select('id', 'reference', copy.raw('CAST(amount_pence AS TEXT) AS amount'));
      // Every write up to the snapshot is there, none after it: a prefix in commit (id) order.
      const last = rows.length ? rows[rows.length - 1].id : 0;
      const committed = [...acknowledged].sort((a, b) => a.id - b.id).filter((w) => w.id <= last);
      expect(rows.map((r) => [r.id, r.reference, r.amount])).toEqual(
        committed.map((w) => [w.id, w.reference, w.pence.toString()]),
      );
      expect(rows.length).toBeGreaterThanOrEqual(before);
      expect(rows.length).toBeLessThan(acknowledged.length);
      // The totals equal the committed writes' exact sum, and each line has its audit record.
      const total = committed.reduce((s, w) => s + w.pence, 0n);
      const summary = restored.tables.find((t) => t.table === 'cost_lines')!;
      expect(summary.money).toEqual([{ column: 'amount_pence', total: total.toString() }]);
      const audited = await copy('audit_log')
        .where({ entity_type: 'cost_line', action: 'created' })
        .count<{ n: number }>({ n: '*' })
        .first();
      expect(Number(audited!.n)).toBe(rows.length);
      const integrity = await copy.raw('PRAGMA integrity_check');
      expect(integrity).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await copy.destroy();
    }
  }, 120_000);

  it('refuses to restore over a database that a running app has open, and changes nothing', async () => {
    const backupFile = path.join(dir, 'during-writes.sqlite');
    const size = fs.statSync(file).size;
    expect(() => restoreDatabase(backupFile, file)).toThrow(DatabaseInUseError);
    expect(fs.statSync(file).size).toBe(size);
    expect((await db('cost_lines').count<{ n: number }>({ n: '*' }).first())!.n).toBe(acknowledged.length);
  });

  it('replaces a stopped database, keeping the old one beside it', async () => {
    const target = path.join(dir, 'restored', 'realise.sqlite');
    const older = path.join(dir, 'older.sqlite');
    await backupDatabase(path.join(dir, 'during-writes.sqlite'), older);
    const { keptAs, restored } = restoreDatabase(older, target);
    expect(keptAs).toMatch(/realise\.sqlite\.before-restore-\d{8}-\d{6}$/);
    expect(fs.existsSync(keptAs!)).toBe(true);
    expect(restored.ok).toBe(true);
  });

  it('refuses a file that is not a healthy Realise database', () => {
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database at all, just some text'.repeat(200));
    expect(() => restoreDatabase(junk, path.join(dir, 'restored', 'realise.sqlite'))).toThrow(/junk\.sqlite/);
    // A torn file: the first half of a real backup.
    const torn = path.join(dir, 'torn.sqlite');
    const whole = fs.readFileSync(path.join(dir, 'during-writes.sqlite'));
    fs.writeFileSync(torn, whole.subarray(0, Math.floor(whole.length / 2)));
    const report = (() => {
      try {
        return verifyDatabaseFile(torn);
      } catch (err) {
        return { ok: false, problems: [(err as Error).message] };
      }
    })();
    expect(report.ok).toBe(false);
  });
});

describe('daily backups', () => {
  const day = new Date(2026, 2, 14, 3, 0, 0);

  it('two instances taking the same day’s backup at once write one file', async () => {
    const backups = path.join(dir, 'shared-backups');
    const results = await Promise.all([
      takeDailyBackup({ databaseFile: file, dir: backups, keep: 5, now: day }),
      takeDailyBackup({ databaseFile: file, dir: backups, keep: 5, now: day }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['busy', 'taken']);
    expect(fs.readdirSync(backups)).toEqual(['realise-2026-03-14.sqlite']);
    expect((await takeDailyBackup({ databaseFile: file, dir: backups, keep: 5, now: day })).status).toBe('exists');
    expect(verifyDatabaseFile(path.join(backups, 'realise-2026-03-14.sqlite')).ok).toBe(true);
  }, 60_000);

  it('keeps the newest N daily backups and leaves other files alone', async () => {
    const backups = path.join(dir, 'kept-backups');
    fs.mkdirSync(backups);
    for (const d of ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'])
      fs.writeFileSync(path.join(backups, `realise-${d}.sqlite`), 'old');
    fs.writeFileSync(path.join(backups, 'before-upgrade.sqlite'), 'kept by hand');
    const result = await takeDailyBackup({ databaseFile: file, dir: backups, keep: 3, now: day });
    expect(result.status).toBe('taken');
    expect(fs.readdirSync(backups).sort()).toEqual([
      'before-upgrade.sqlite',
      'realise-2026-03-12.sqlite',
      'realise-2026-03-13.sqlite',
      'realise-2026-03-14.sqlite',
    ]);
  }, 60_000);

  it('the scheduler takes the day’s backup once the hour has come, and records the outcome', async () => {
    const dataDir = path.join(dir, 'scheduled');
    const outcomes: BackupOutcome[] = [];
    let now = new Date(2026, 2, 15, 1, 30);
    const scheduler = startBackupScheduler({
      databaseFile: file,
      dataDir,
      logger: createLogger({ logLevel: 'silent' }),
      schedule: async () => ({ daily: true, hour: 2, keep: 7 }),
      record: async (o) => {
        outcomes.push(o);
      },
      intervalMs: 3_600_000,
      now: () => now,
    });
    try {
      expect(await scheduler.check()).toBeNull(); // 01:30: not yet
      now = new Date(2026, 2, 15, 2, 5);
      expect((await scheduler.check())?.status).toBe('taken');
      expect((await scheduler.check())?.status).toBe('exists');
    } finally {
      scheduler.stop();
    }
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual(['realise-2026-03-15.sqlite']);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ ok: true, file: path.join(dataDir, 'backups', 'realise-2026-03-15.sqlite') });
    expect(outcomes[0].message).toMatch(/^Backed up and verified: \d+ tables, \d+ rows, integrity ok$/);
  }, 60_000);
});
