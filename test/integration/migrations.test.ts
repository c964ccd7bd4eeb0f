/**
 * Database errors are matched on their message, not with toThrow: better-sqlite3's native binding
 * keeps the SqliteError class of the first test file loaded in a Jest worker, which is not an
 * Error of later files' realms, so toThrow would report "did not throw".
 *
 * The schema itself: every migration goes up and down cleanly, and the database enforces the
 * constraints the app relies on. Raw Knex inserts are deliberate here: this file tests the tables,
 * not the repositories.
 */
import type { Knex } from 'knex';
import { exactSum, exactSumOf, migrateLatest, rollbackAll } from '../../server/knex';
import { createTestDb, destroyTestDb, testBackend } from '../helpers/test-db';
import { migrationSource, migrations } from '../../db/migrations';

/** Each migration and the tables it creates, in the order they run. */
const MIGRATION_TABLES: [string, string[]][] = [
  ['20261127000100_create_directorates', ['directorates']],
  ['20261127000200_create_projects', ['projects']],
  ['20261127000300_create_cost_lines', ['cost_lines']],
  ['20261127000400_create_benefits', ['benefits']],
  ['20261127000500_create_benefit_profile', ['benefit_profile']],
  ['20261127000600_create_realisations', ['realisations']],
  ['20261127000700_create_audit_log', ['audit_log']],
  ['20261127000800_create_settings', ['settings']],
  ['20261127000900_create_users', ['users', 'user_directorates', 'project_managers']],
  ['20261127001000_create_sessions', ['sessions']],
  ['20261127001100_create_api_tokens', ['api_tokens']],
  ['20261127001200_create_import_batches', ['import_batches', 'import_batch_rows', 'import_uploads']],
  ['20261202000100_create_project_year_summaries', ['project_year_summaries']],
  ['20261202000200_create_project_headlines', ['project_headlines']],
  // Adds a column (import_uploads.preview_json): no table of its own.
  ['20261202000300_add_import_upload_previews', []],
  ['20261202000400_create_read_model_version', ['read_model_version']],
  ['20261202000500_widen_project_year_summaries', []],
  ['20261202000600_create_group_year_summaries', ['group_year_summaries']],
  // Issue 15: published board report editions (frozen figures and the PDF's bytes).
  ['20261203150100_create_report_editions', ['report_editions']],
  [
    '20261203160100_create_decisions',
    ['decisions', 'baselines', 'baseline_cost_lines', 'baseline_benefits', 'baseline_benefit_profile'],
  ],
  // Adds the baseline series columns to the summaries: no table of its own.
  ['20261203160200_add_baseline_series', []],
  // Issue 16 (C9): re-forecasts, their read-model differences, and the re-forecast import kind.
  ['20261203170100_create_benefit_reforecasts', ['benefit_reforecasts']],
  ['20261203170200_create_project_reforecast_summaries', ['project_reforecast_summaries']],
  ['20261203170300_add_reforecast_import_kind', []],
  // Issue 17 (C10): realisations gain their verification columns; evidence files; the verified series.
  ['20261203180100_add_realisation_verification', []],
  ['20261203180200_create_realisation_attachments', ['realisation_attachments']],
  ['20261203180300_add_verified_series', []],
  // Issue 17: post-implementation reviews and the weekly digests claimed (and an index on cost_lines).
  ['20261203190100_create_reviews', ['reviews', 'digest_sends']],
  // Issue 18: assessment frameworks, assessments, answers, notes and improvement actions.
  [
    '20261203200100_create_assessments',
    [
      'assessment_frameworks',
      'assessment_dimensions',
      'assessment_statements',
      'assessments',
      'assessment_answers',
      'assessment_dimension_notes',
      'improvement_actions',
      'improvement_action_projects',
    ],
  ],
  // Issue 19: cost_lines gains funding and recurrence; the summaries gain the funding series.
  ['20261203210100_add_cost_line_funding', []],
  ['20261203210200_add_funding_series', []],
  // Issue 19: budget reductions on cashable benefits; council priorities as a managed list.
  ['20261203220100_create_budget_reductions', ['budget_reductions']],
  ['20261203220200_create_priorities', ['priorities']],
  // Issue 19: projects import as a fifth kind (widens the kind CHECK).
  ['20261204100100_add_project_import_kind', []],
  // Issue 19: the benefits register's money sort keys (C8), kept by refreshSummaries.
  ['20261204110100_create_benefit_to_date_sums', ['benefit_to_date_sums']],
  // Issue 19 follow-up: kept cost-line undo snapshots mapped to funding (no table of its own).
  ['20261204130100_map_import_snapshots_funding', []],
  // What's due counted from a summary (C8): per project and year, profiled years with nothing recorded.
  ['20261204140100_create_project_realisation_gaps', ['project_realisation_gaps']],
];
const LATEST = MIGRATION_TABLES[MIGRATION_TABLES.length - 1][0].slice(0, 14);

const MUTABLE_TABLES = [
  'directorates',
  'projects',
  'cost_lines',
  'benefits',
  'benefit_profile',
  'realisations',
  'settings',
  'users',
];

/** The largest amount in pence that C1 allows (£999,999,999,999.99). */
const MAX_PENCE = 99999999999999;

const PG = testBackend() === 'pg';
// The same constraints, in each dialect's words.
const FK = PG ? /violates foreign key constraint/ : /FOREIGN KEY constraint failed/;
const CHECK = PG ? /violates check constraint/ : /CHECK constraint failed/;
const UNIQUE = PG ? /duplicate key value violates unique constraint/ : /UNIQUE constraint failed/;

function openDb(): Promise<Knex> {
  return createTestDb({ migrate: false });
}

async function appTables(db: Knex): Promise<string[]> {
  const rows: { name: string }[] = PG
    ? await db('information_schema.tables')
        .where({ table_schema: 'public' })
        .andWhereNot('table_name', 'like', 'knex_%')
        .select('table_name as name')
    : await db('sqlite_master')
        .where({ type: 'table' })
        .andWhereNot('name', 'like', 'knex_%')
        .andWhereNot('name', 'like', 'sqlite_%')
        .select('name');
  return rows.map((r) => r.name).sort();
}

const currentVersion = (db: Knex) => db.migrate.currentVersion({ migrationSource });

describe('migrations', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(async () => {
    await destroyTestDb(db);
  });

  it('lists the migrations in the order this test expects', () => {
    expect(migrations.map(([name]) => name)).toEqual(MIGRATION_TABLES.map(([name]) => name));
  });

  it('migrateLatest creates every table on a fresh database', async () => {
    expect(await appTables(db)).toEqual([]);
    await migrateLatest(db);
    expect(await appTables(db)).toEqual(MIGRATION_TABLES.flatMap(([, tables]) => tables).sort());
    expect(await currentVersion(db)).toBe(LATEST);
  });

  it('steps down one migration at a time, dropping each table in reverse order, then back up one at a time', async () => {
    await migrateLatest(db);
    const upTo = (n: number) =>
      MIGRATION_TABLES.slice(0, n)
        .flatMap(([, tables]) => tables)
        .sort();

    for (let i = MIGRATION_TABLES.length - 1; i >= 0; i -= 1) {
      const [name, tables] = MIGRATION_TABLES[i];
      for (const table of tables) expect(await db.schema.hasTable(table)).toBe(true);
      await db.migrate.down({ migrationSource });
      for (const table of tables)
        expect({ name, table, dropped: !(await db.schema.hasTable(table)) }).toEqual({ name, table, dropped: true });
      expect(await appTables(db)).toEqual(upTo(i));
      expect(await currentVersion(db)).toBe(i === 0 ? 'none' : MIGRATION_TABLES[i - 1][0].slice(0, 14));
    }

    for (let i = 0; i < MIGRATION_TABLES.length; i += 1) {
      const [name, tables] = MIGRATION_TABLES[i];
      await db.migrate.up({ migrationSource });
      for (const table of tables)
        expect({ name, table, created: await db.schema.hasTable(table) }).toEqual({ name, table, created: true });
      expect(await appTables(db)).toEqual(upTo(i + 1));
      expect(await currentVersion(db)).toBe(name.slice(0, 14));
    }
    // Every migration down and up again: on PostgreSQL on a busy machine this outgrows Jest's 5 s.
  }, 60_000);

  it('leaves nothing pending after migrating up, and migrateLatest is then a no-op', async () => {
    await migrateLatest(db);
    const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], unknown[]];
    expect(pending).toEqual([]);
    await migrateLatest(db);
    expect(await currentVersion(db)).toBe(LATEST);
  });

  it('rollbackAll removes every table and can be migrated again', async () => {
    await migrateLatest(db);
    await rollbackAll(db);
    expect(await appTables(db)).toEqual([]);
    await migrateLatest(db);
    expect(await appTables(db)).toHaveLength(MIGRATION_TABLES.flatMap(([, tables]) => tables).length);
  });
});

describe('schema', () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openDb();
    await migrateLatest(db);
  });
  afterEach(async () => {
    await destroyTestDb(db);
  });

  async function aDirectorate(code = 'CS'): Promise<number> {
    const [row] = await db('directorates')
      .insert({ code, name: `Directorate ${code}` })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  async function aProject(directorateId: number, code = 'P-1'): Promise<number> {
    const [row] = await db('projects')
      .insert({ code, name: 'Project', directorate_id: directorateId, start_fy: 2024, base_fy: 2024 })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  async function aBenefit(projectId: number, ref = 'B1'): Promise<number> {
    const [row] = await db('benefits')
      .insert({ project_id: projectId, ref, title: 'Benefit', type: 'cashable' })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  const costLine = (projectId: number, amountPence: number | string) => ({
    project_id: projectId,
    fy_start: 2024,
    kind: 'planned',
    category: 'other',
    funding: 'capital',
    amount_pence: amountPence,
  });

  const count = async (table: string) => Number((await db(table).count({ n: '*' }).first())?.n);

  it.each(MUTABLE_TABLES)('gives the mutable table %s created_at, updated_at and version columns', async (table) => {
    for (const column of ['created_at', 'updated_at', 'version']) {
      expect({ table, column, exists: await db.schema.hasColumn(table, column) }).toEqual({
        table,
        column,
        exists: true,
      });
    }
  });

  it('gives the append-only audit_log an occurred_at but no version', async () => {
    expect(await db.schema.hasColumn('audit_log', 'occurred_at')).toBe(true);
    expect(await db.schema.hasColumn('audit_log', 'version')).toBe(false);
  });

  it('defaults version to 1 and fills the timestamps on insert', async () => {
    const id = await aDirectorate();
    const row = await db('directorates').where({ id }).first();
    expect(row.version).toBe(1);
    expect(row.created_at).toBeTruthy();
    expect(row.updated_at).toBeTruthy();
  });

  // SQLite enforces foreign keys only when the connection turns them on; PostgreSQL unless the
  // session runs in replica mode (which skips foreign-key triggers).
  it('has foreign keys enforced on the connection', async () => {
    if (PG) {
      const { rows } = await db.raw('SHOW session_replication_role');
      expect(rows).toEqual([{ session_replication_role: 'origin' }]);
    } else {
      expect(await db.raw('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    }
  });

  it('refuses a project whose directorate does not exist', async () => {
    await expect(aProject(999)).rejects.toMatchObject({ message: expect.stringMatching(FK) });
    expect(await count('projects')).toBe(0);
  });

  it('refuses a cost line, benefit, profile row or realisation with a missing parent', async () => {
    await expect(db('cost_lines').insert(costLine(999, 100))).rejects.toMatchObject({
      message: expect.stringMatching(FK),
    });
    await expect(aBenefit(999)).rejects.toMatchObject({ message: expect.stringMatching(FK) });
    await expect(
      db('benefit_profile').insert({ benefit_id: 999, fy_start: 2024, amount_pence: 1 }),
    ).rejects.toMatchObject({ message: expect.stringMatching(FK) });
    await expect(
      db('realisations').insert({
        benefit_id: 999,
        fy_start: 2024,
        amount_pence: 1,
        recorded_by: 'x',
        recorded_on: '2025-01-01',
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(FK) });
  });

  it('restricts deleting a directorate that still has projects', async () => {
    const dirId = await aDirectorate();
    await aProject(dirId);
    await expect(db('directorates').where({ id: dirId }).del()).rejects.toMatchObject({
      message: expect.stringMatching(FK),
    });
    expect(await count('directorates')).toBe(1);
  });

  it('allows deleting a directorate once it has no projects', async () => {
    const dirId = await aDirectorate();
    await db('directorates').where({ id: dirId }).del();
    expect(await count('directorates')).toBe(0);
  });

  it('cascades a project delete to its cost lines, benefits, profile rows and realisations', async () => {
    const dirId = await aDirectorate();
    const projectId = await aProject(dirId);
    const otherProjectId = await aProject(dirId, 'P-2');
    await db('cost_lines').insert([costLine(projectId, 100), costLine(otherProjectId, 200)]);
    const benefitId = await aBenefit(projectId);
    await aBenefit(otherProjectId);
    await db('benefit_profile').insert({ benefit_id: benefitId, fy_start: 2024, amount_pence: 500 });
    await db('realisations').insert({
      benefit_id: benefitId,
      fy_start: 2024,
      amount_pence: 400,
      recorded_by: 'x',
      recorded_on: '2025-01-01',
    });

    await db('projects').where({ id: projectId }).del();

    expect(await db('cost_lines').pluck('project_id')).toEqual([otherProjectId]);
    expect(await db('benefits').pluck('project_id')).toEqual([otherProjectId]);
    expect(await count('benefit_profile')).toBe(0);
    expect(await count('realisations')).toBe(0);
  });

  it('cascades a benefit delete to its profile rows and realisations only', async () => {
    const projectId = await aProject(await aDirectorate());
    const b1 = await aBenefit(projectId, 'B1');
    const b2 = await aBenefit(projectId, 'B2');
    await db('benefit_profile').insert([
      { benefit_id: b1, fy_start: 2024, amount_pence: 1 },
      { benefit_id: b2, fy_start: 2024, amount_pence: 2 },
    ]);
    await db('realisations').insert([
      { benefit_id: b1, fy_start: 2024, amount_pence: 1, recorded_by: 'x', recorded_on: '2025-01-01' },
      { benefit_id: b2, fy_start: 2024, amount_pence: 2, recorded_by: 'x', recorded_on: '2025-01-01' },
    ]);

    await db('benefits').where({ id: b1 }).del();

    expect(await db('benefit_profile').pluck('benefit_id')).toEqual([b2]);
    expect(await db('realisations').pluck('benefit_id')).toEqual([b2]);
    expect(await count('projects')).toBe(1);
  });

  it.each([
    ['cost_lines', 100000000000000],
    ['cost_lines', -100000000000000],
    ['benefit_profile', 100000000000000],
    ['realisations', 100000000000000],
    ['realisations', -100000000000000],
  ] as [string, number][])('the amount_pence range CHECK on %s rejects %d', async (table, pence) => {
    const projectId = await aProject(await aDirectorate());
    const benefitId = await aBenefit(projectId);
    const row =
      table === 'cost_lines'
        ? costLine(projectId, pence)
        : table === 'benefit_profile'
          ? { benefit_id: benefitId, fy_start: 2024, amount_pence: pence }
          : { benefit_id: benefitId, fy_start: 2024, amount_pence: pence, recorded_by: 'x', recorded_on: '2025-01-01' };
    await expect(db(table).insert(row)).rejects.toMatchObject({ message: expect.stringMatching(CHECK) });
    expect(await count(table)).toBe(0);
  });

  it('accepts the largest C1 amount either way on a cost line', async () => {
    const projectId = await aProject(await aDirectorate());
    await db('cost_lines').insert([costLine(projectId, MAX_PENCE), costLine(projectId, -MAX_PENCE)]);
    expect((await db('cost_lines').orderBy('id').pluck('amount_pence')).map(String)).toEqual([
      String(MAX_PENCE),
      String(-MAX_PENCE),
    ]);
  });

  it('refuses a negative expected benefit in the profile', async () => {
    const benefitId = await aBenefit(await aProject(await aDirectorate()));
    await expect(
      db('benefit_profile').insert({ benefit_id: benefitId, fy_start: 2024, amount_pence: -1 }),
    ).rejects.toMatchObject({ message: expect.stringMatching(CHECK) });
  });

  it('refuses a financial year outside 1900–2199', async () => {
    const projectId = await aProject(await aDirectorate());
    await expect(db('cost_lines').insert({ ...costLine(projectId, 1), fy_start: 1899 })).rejects.toMatchObject({
      message: expect.stringMatching(CHECK),
    });
    await expect(db('cost_lines').insert({ ...costLine(projectId, 1), fy_start: 2200 })).rejects.toMatchObject({
      message: expect.stringMatching(CHECK),
    });
    await expect(
      db('projects').insert({
        code: 'P-9',
        name: 'x',
        directorate_id: (await db('directorates').first()).id,
        start_fy: 1899,
        base_fy: 1899,
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(CHECK) });
  });

  it('refuses a cost kind or category outside the lists', async () => {
    const projectId = await aProject(await aDirectorate());
    await expect(db('cost_lines').insert({ ...costLine(projectId, 1), kind: 'forecast' })).rejects.toMatchObject({
      message: expect.stringMatching(CHECK),
    });
    await expect(db('cost_lines').insert({ ...costLine(projectId, 1), category: 'travel' })).rejects.toMatchObject({
      message: expect.stringMatching(CHECK),
    });
  });

  it('keeps benefit refs unique within a project but not across projects', async () => {
    const dirId = await aDirectorate();
    const p1 = await aProject(dirId, 'P-1');
    const p2 = await aProject(dirId, 'P-2');
    await aBenefit(p1, 'B1');
    await expect(aBenefit(p1, 'B1')).rejects.toMatchObject({ message: expect.stringMatching(UNIQUE) });
    await aBenefit(p2, 'B1');
    expect(await count('benefits')).toBe(2);
  });

  it('keeps one profile row per benefit and year', async () => {
    const benefitId = await aBenefit(await aProject(await aDirectorate()));
    await db('benefit_profile').insert({ benefit_id: benefitId, fy_start: 2024, amount_pence: 1 });
    await expect(
      db('benefit_profile').insert({ benefit_id: benefitId, fy_start: 2024, amount_pence: 2 }),
    ).rejects.toMatchObject({ message: expect.stringMatching(UNIQUE) });
  });

  it('keeps directorate and project codes unique', async () => {
    const dirId = await aDirectorate('CS');
    await expect(aDirectorate('CS')).rejects.toMatchObject({ message: expect.stringMatching(UNIQUE) });
    await aProject(dirId, 'P-1');
    await expect(aProject(dirId, 'P-1')).rejects.toMatchObject({ message: expect.stringMatching(UNIQUE) });
  });

  it('sums two large amounts through exactSum as an exact string', async () => {
    const projectId = await aProject(await aDirectorate());
    await db('cost_lines').insert([costLine(projectId, MAX_PENCE), costLine(projectId, MAX_PENCE - 2)]);
    const row = await db('cost_lines')
      .select(exactSum(db, 'amount_pence', 'total'))
      .first();
    expect(exactSumOf(row, 'total')).toBe('199999999999996');
  });

  it('keeps every digit of a sum beyond 2^53 through exactSum', async () => {
    const projectId = await aProject(await aDirectorate());
    // 91 × 99,999,999,999,999 = 9,099,999,999,999,909: odd and above 2^53, so a JS number would lose the last digit.
    await db.batchInsert(
      'cost_lines',
      Array.from({ length: 91 }, () => costLine(projectId, MAX_PENCE)),
      50,
    );
    const row = await db('cost_lines')
      .select(exactSum(db, 'amount_pence', 'total'))
      .first();
    expect(exactSumOf(row, 'total')).toBe('9099999999999909');
    expect(Number.isSafeInteger(Number(exactSumOf(row, 'total')))).toBe(false);
  });

  it('sums past the 64-bit range, where SQLite SUM overflows, exactly (C1: no valid data may break a sum)', async () => {
    const projectId = await aProject(await aDirectorate());
    // 92,300 × 99,999,999,999,999 = 9,229,999,999,999,907,700 > 2^63 − 1 = 9,223,372,036,854,775,807,
    // with a few credits between, so the running sum also swings.
    const n = 92_300;
    const rows = Array.from({ length: n }, () => costLine(projectId, MAX_PENCE));
    rows.push(costLine(projectId, -MAX_PENCE), costLine(projectId, -1));
    await db.batchInsert('cost_lines', rows, 500);
    const row = await db('cost_lines')
      .select(exactSum(db, 'amount_pence', 'total'))
      .first();
    expect(exactSumOf(row, 'total')).toBe((BigInt(n - 1) * BigInt(MAX_PENCE) - 1n).toString());
  }, 60_000);

  it('gives "0" from exactSum when there are no rows', async () => {
    const row = await db('cost_lines')
      .select(exactSum(db, 'amount_pence', 'total'))
      .first();
    expect(exactSumOf(row, 'total')).toBe('0');
  });
});
