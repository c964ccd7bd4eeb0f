/**
 * Moving a SQLite database to PostgreSQL (npm run db:copy): every row and every penny arrives.
 * The target is PostgreSQL when TEST_DATABASE_URL is set, another SQLite database otherwise.
 */
import type { Knex } from 'knex';
import { createKnex, migrateLatest } from '../../server/knex';
import { createLogger } from '../../server/logger';
import { copyDatabase, COPY_ORDER } from '../../server/db-copy';
import { seedDemoPortfolio } from '../../db/seeds/demo-portfolio';
import { seedDemoUsers } from '../../db/seeds/demo-users';
import { createTestDb, destroyTestDb } from '../helpers/test-db';
import { getPortfolioMetrics } from '../../server/domain/metrics';
import { systemActor } from '../../server/records';

let source: Knex;
let target: Knex;
const logger = createLogger({ logLevel: 'silent' });

beforeAll(async () => {
  source = createKnex({ client: 'sqlite', filename: ':memory:' });
  await migrateLatest(source);
  await seedDemoPortfolio(source, logger);
  await seedDemoUsers(source, logger);
  target = await createTestDb({ migrate: false });
}, 60_000);
afterAll(async () => {
  await source.destroy();
  await destroyTestDb(target);
});

describe('copyDatabase', () => {
  it('copies every table and proves row counts and pence totals match', async () => {
    const checks = await copyDatabase(source, target, { batchSize: 97 });
    expect(checks.map((c) => c.table)).toEqual([...COPY_ORDER]);
    for (const c of checks) expect({ table: c.table, ok: c.ok }).toEqual({ table: c.table, ok: true });
    const costs = checks.find((c) => c.table === 'cost_lines')!;
    expect(costs.sourceRows).toBeGreaterThan(100);
    expect(costs.pence[0].source).toMatch(/^\d+$/);
  });

  it('keeps every cost line’s pence, flags and ids exactly', async () => {
    const norm = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({
        id: Number(r.id),
        pence: String(r.amount_pence),
        credit: r.is_credit === true || r.is_credit === 1,
        fy: r.fy_start,
      }));
    expect(norm(await target('cost_lines').orderBy('id'))).toEqual(norm(await source('cost_lines').orderBy('id')));
  });

  it('gives the same indicators on the copy', async () => {
    const opts = { asAt: '2026-11-27', riskAdjusted: false };
    const run = async (db: Knex) => getPortfolioMetrics({ db, actor: systemActor('test'), logger }, {}, opts);
    const [a, b] = [await run(source), await run(target)];
    expect(b.businessCase.npv.toString()).toBe(a.businessCase.npv.toString());
    expect(b.forecast.bcr?.toString()).toBe(a.forecast.bcr?.toString());
    expect(b.realisation.realisedToDate.toString()).toBe(a.realisation.realisedToDate.toString());
  });

  it('lets new rows be added after the copied ids', async () => {
    const max = Number((await target('directorates').max({ m: 'id' }).first())!.m);
    const [row] = await target('directorates').insert({ code: 'NEW', name: 'New' }).returning('id');
    expect(Number(typeof row === 'object' ? row.id : row)).toBe(max + 1);
  });

  it('refuses to copy into a database that already has data', async () => {
    await expect(copyDatabase(source, target)).rejects.toThrow('already has rows in directorates');
  });
});
