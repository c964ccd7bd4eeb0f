/**
 * Moves a whole Realise database from SQLite to PostgreSQL (or between any two Knex databases on
 * the same migration version), in one transaction on the target, then proves the copy: the same
 * number of rows in every table and the same pence total in every money column (C1).
 */
import type { Knex } from 'knex';
import { exactSum, exactSumOf, isPostgres, migrateLatest } from './knex';
import { migrationSource } from '../db/migrations';

/** Parents before children, so foreign keys hold at every insert. Sessions are not copied. */
export const COPY_ORDER = [
  'directorates',
  'priorities',
  // Before realisations, which name who recorded and verified them (C10).
  'users',
  'projects',
  'cost_lines',
  'benefits',
  'benefit_profile',
  'realisations',
  // C10 evidence files, bytes included.
  'realisation_attachments',
  'budget_reductions',
  // C9 re-forecasts (issue 16): after benefits and users.
  'benefit_reforecasts',
  // C9 decisions and frozen baselines (issue 16): after projects and users, parents first.
  'decisions',
  'baselines',
  'baseline_cost_lines',
  'baseline_benefits',
  'baseline_benefit_profile',
  'project_year_summaries',
  'group_year_summaries',
  'project_reforecast_summaries',
  'project_headlines',
  // The benefits register's sort keys (C8): after benefits and projects.
  'benefit_to_date_sums',
  // What's due counted from a summary (C8): after projects.
  'project_realisation_gaps',
  'audit_log',
  'settings',
  'user_directorates',
  'project_managers',
  'api_tokens',
  // Board report editions (issue 15), PDF bytes included: after users, who published them.
  'report_editions',
  // Post-implementation reviews and the weekly digests sent (issue 17): after projects and users.
  'reviews',
  'digest_sends',
  // Assessments (issue 18): after users, whom a submitted assessment names.
  'assessment_frameworks',
  'assessment_dimensions',
  'assessment_statements',
  'assessments',
  'assessment_answers',
  'assessment_dimension_notes',
  'improvement_actions',
  'improvement_action_projects',
] as const;

export const MONEY_COLUMNS: Record<string, string[]> = {
  cost_lines: ['amount_pence'],
  benefit_profile: ['amount_pence'],
  realisations: ['amount_pence'],
  budget_reductions: ['amount_pence'],
  benefit_reforecasts: ['amount_pence'],
  baseline_cost_lines: ['amount_pence'],
  baseline_benefit_profile: ['amount_pence'],
  // C8 summaries, copied with the ledger they summarise (millionths of a pound).
  project_year_summaries: ['planned_e6', 'actual_e6', 'expected_cashable_e6', 'realised_cashable_e6'],
  group_year_summaries: ['planned_e6', 'actual_e6', 'expected_cashable_e6', 'realised_cashable_e6'],
  benefit_to_date_sums: ['expected_pence', 'realised_pence'],
};

export interface TableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  pence: { column: string; source: string; target: string }[];
  ok: boolean;
}

async function rowCount(db: Knex, table: string): Promise<number> {
  const row = await db(table).count<{ n: string | number }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

async function booleanColumns(db: Knex, table: string): Promise<string[]> {
  if (!isPostgres(db)) return [];
  const rows: { column_name: string }[] = await db('information_schema.columns')
    .where({ table_schema: 'public', table_name: table, data_type: 'boolean' })
    .select('column_name');
  return rows.map((r) => r.column_name);
}

/** SQLite keeps booleans as 0/1 and CURRENT_TIMESTAMP as 'YYYY-MM-DD HH:MM:SS' in UTC. */
function adaptRow(row: Record<string, unknown>, booleans: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const c of booleans)
    if (out[c] !== null && out[c] !== undefined) out[c] = out[c] === true || out[c] === 1 || out[c] === '1';
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v)) out[k] = `${v.replace(' ', 'T')}Z`;
  }
  return out;
}

async function copyTable(source: Knex, trx: Knex.Transaction, table: string, batchSize: number): Promise<void> {
  const booleans = await booleanColumns(trx, table);
  const hasId = await source.schema.hasColumn(table, 'id');
  let offset = 0;
  for (;;) {
    const q = source(table).select('*').limit(batchSize).offset(offset);
    const rows: Record<string, unknown>[] = await (hasId ? q.orderBy('id') : q);
    if (rows.length === 0) break;
    await trx(table).insert(rows.map((r) => adaptRow(r, booleans)));
    offset += rows.length;
  }
  // Explicit ids were inserted, so the PostgreSQL sequence must be moved past them.
  if (hasId && isPostgres(trx)) {
    await trx.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM ??), 0) + 1, false)`, [
      table,
      table,
    ]);
  }
}

export async function verifyCopy(source: Knex, target: Knex): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const table of COPY_ORDER) {
    const pence = [];
    for (const column of MONEY_COLUMNS[table] ?? []) {
      const s = await source(table)
        .select(exactSum(source, column, 'total'))
        .first();
      const t = await target(table)
        .select(exactSum(target, column, 'total'))
        .first();
      pence.push({ column, source: exactSumOf(s, 'total'), target: exactSumOf(t, 'total') });
    }
    const sourceRows = await rowCount(source, table);
    const targetRows = await rowCount(target, table);
    checks.push({
      table,
      sourceRows,
      targetRows,
      pence,
      ok: sourceRows === targetRows && pence.every((p) => p.source === p.target),
    });
  }
  return checks;
}

export async function copyDatabase(
  source: Knex,
  target: Knex,
  opts: { batchSize?: number } = {},
): Promise<TableCheck[]> {
  const sourceVersion = await source.migrate.currentVersion({ migrationSource });
  await migrateLatest(target);
  const targetVersion = await target.migrate.currentVersion({ migrationSource });
  if (sourceVersion !== targetVersion) {
    throw new Error(
      `The source database is at migration ${sourceVersion} but this version of Realise expects ${targetVersion}: start Realise once on the source to migrate it, then copy.`,
    );
  }
  for (const table of COPY_ORDER) {
    if ((await rowCount(target, table)) > 0)
      throw new Error(`The target database already has rows in ${table}: copy only into an empty database.`);
  }
  await target.transaction(async (trx) => {
    if (isPostgres(trx)) await trx.raw("SET LOCAL TIME ZONE 'UTC'");
    for (const table of COPY_ORDER) await copyTable(source, trx, table, opts.batchSize ?? 500);
  });
  return verifyCopy(source, target);
}
