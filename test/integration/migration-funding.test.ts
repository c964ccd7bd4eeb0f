/**
 * Issue 19's migration: cost lines' old categories become funding, category and recurrence, and
 * back, with data in the table, on whichever backend the suite runs (SQLite or PostgreSQL).
 */
import type { Knex } from 'knex';
import { migrateLatest } from '../../server/knex';
import { createTestDb, destroyTestDb, testBackend } from '../helpers/test-db';
import { migrationSource, migrations } from '../../db/migrations';
import * as costLinesRepo from '../../server/repositories/cost-lines';

const FUNDING = '20261203210100_add_cost_line_funding';
const CHECK = testBackend() === 'pg' ? /violates check constraint/ : /CHECK constraint failed/;

/** Migrates up to (not including) the named migration. */
async function upTo(db: Knex, name: string): Promise<void> {
  for (const [n] of migrations) {
    if (n === name) return;
    await db.migrate.up({ migrationSource });
  }
}

const OLD = ['capital', 'revenue_one_off', 'revenue_recurring', 'staff', 'licences', 'hardware', 'services'];

async function lines(db: Knex) {
  return db('cost_lines').orderBy('id').select('id', 'category', 'funding', 'recurrence', 'amount_pence');
}

describe('migration: cost line funding (issue 19)', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await createTestDb({ migrate: false });
    await upTo(db, FUNDING);
    const [{ id: d }] = await db('directorates').insert({ code: 'CS', name: 'Corporate' }).returning('id');
    const [{ id: p }] = await db('projects')
      .insert({ code: 'CS-1', name: 'P', directorate_id: d, start_fy: 2024, base_fy: 2024 })
      .returning('id');
    await db('cost_lines').insert(
      OLD.map((category, i) => ({ project_id: p, fy_start: 2024, kind: 'planned', category, amount_pence: 100 + i })),
    );
  });
  afterEach(async () => {
    await destroyTestDb(db);
  });

  it('maps every old category up, back down, and up again to the same rows', async () => {
    await db.migrate.up({ migrationSource });
    const up = await lines(db);
    expect(up.map((l) => [l.category, l.funding, l.recurrence])).toEqual([
      ['other', 'capital', null],
      ['other', 'revenue', 'one_off'],
      ['other', 'revenue', 'recurring'],
      ['staff', 'revenue', null],
      ['licences', 'revenue', null],
      ['hardware', 'revenue', null],
      ['services', 'revenue', null],
    ]);
    expect(up.map((l) => Number(l.amount_pence))).toEqual([100, 101, 102, 103, 104, 105, 106]);
    // The new lists are enforced; the old names are not.
    await expect(db('cost_lines').where({ id: up[0].id }).update({ category: 'capital' })).rejects.toMatchObject({
      message: expect.stringMatching(CHECK),
    });
    await expect(db('cost_lines').where({ id: up[0].id }).update({ funding: 'grant' })).rejects.toMatchObject({
      message: expect.stringMatching(CHECK),
    });

    await db.migrate.down({ migrationSource });
    const down: { category: string }[] = await db('cost_lines').orderBy('id').select('category');
    expect(down.map((l) => l.category)).toEqual(OLD);
    expect(await db.schema.hasColumn('cost_lines', 'funding')).toBe(false);

    await db.migrate.up({ migrationSource });
    expect(await lines(db)).toEqual(up);
  });

  it('takes a combination the old list cannot say to its nearest old name on the way down', async () => {
    await db.migrate.up({ migrationSource });
    const ids = (await lines(db)).map((l) => l.id);
    await db('cost_lines').where({ id: ids[3] }).update({ funding: 'capital' }); // capital staff
    await db('cost_lines').where({ id: ids[4] }).update({ recurrence: 'recurring' }); // revenue licences, recurring
    await db('cost_lines').where({ id: ids[5] }).update({ category: 'other' }); // revenue other, not stated
    await db.migrate.down({ migrationSource });
    const down: { category: string }[] = await db('cost_lines').orderBy('id').select('category');
    expect(down.map((l) => l.category)).toEqual([
      'capital',
      'revenue_one_off',
      'revenue_recurring',
      'capital',
      'licences',
      'revenue_one_off',
      'services',
    ]);
  });

  it("maps an earlier import's kept cost-line snapshots, so undoing it can put the old values back", async () => {
    const ids = (await db('cost_lines').orderBy('id').select('id')).map((r: { id: number }) => r.id);
    const [{ id: batch }] = await db('import_batches')
      .insert({ kind: 'costs', file_name: 'old.csv', checksum: 'x'.repeat(64), actor_label: 'Ann', updated: 3 })
      .returning('id');
    const snapshot = (i: number, category: string) => ({
      version: 1,
      project_id: 1,
      fy_start: 2024,
      kind: 'planned',
      category,
      amount_pence: String(500 + i),
      is_credit: false,
      description: '',
      reference: '',
    });
    const kept = ['capital', 'revenue_recurring', 'staff'];
    await db('import_batch_rows').insert(
      kept.map((category, i) => ({
        batch_id: batch,
        table_name: 'cost_lines',
        row_id: ids[i],
        action: 'updated',
        version_after: 1,
        before_json: JSON.stringify(snapshot(i, category)),
      })),
    );
    const snapshots = async () =>
      (await db('import_batch_rows').orderBy('id').select('before_json')).map(
        (r: { before_json: string }) => JSON.parse(r.before_json) as Record<string, unknown>,
      );

    await migrateLatest(db);
    const mapped = await snapshots();
    expect(mapped.map((s) => [s.category, s.funding, s.recurrence])).toEqual([
      ['other', 'capital', null],
      ['other', 'revenue', 'recurring'],
      ['staff', 'revenue', null],
    ]);
    // The undo's own restore writes them back into the new columns without breaking a CHECK.
    const restored = await costLinesRepo.undoable.restoreMany(
      db,
      mapped.map((s, i) => ({ id: ids[i], versionNow: 1, snapshot: s })),
    );
    expect(restored).toBe(3);
    expect(
      (await lines(db)).slice(0, 3).map((l) => [l.category, l.funding, l.recurrence, Number(l.amount_pence)]),
    ).toEqual([
      ['other', 'capital', null, 500],
      ['other', 'revenue', 'recurring', 501],
      ['staff', 'revenue', null, 502],
    ]);

    // Down to before funding: the snapshots say the old names again.
    while ((await db.migrate.currentVersion({ migrationSource })) >= FUNDING.slice(0, 14))
      await db.migrate.down({ migrationSource });
    expect((await snapshots()).map((s) => [s.category, 'funding' in s])).toEqual([
      ['capital', false],
      ['revenue_recurring', false],
      ['staff', false],
    ]);
  });

  it('leaves the latest schema with the funding series columns, rebuilt from the ledger at start-up', async () => {
    await migrateLatest(db);
    for (const table of ['project_year_summaries', 'group_year_summaries'])
      for (const c of ['planned_capital_e6', 'planned_revenue_e6', 'actual_capital_e6_hi', 'actual_revenue_e6'])
        expect({ table, c, has: await db.schema.hasColumn(table, c) }).toEqual({ table, c, has: true });
  });
});
