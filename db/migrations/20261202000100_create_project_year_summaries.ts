/**
 * C8 summaries: per project and financial year, the series every C6 view selects from, kept by
 * each write in its own transaction (server/domain/summaries.ts). Money in millionths of a pound,
 * exact: pence times a four-place optimism bias or confidence. Derived rows, rewritten whole by
 * the write that changes them, so they carry no version of their own.
 */
import type { Knex } from 'knex';
import { FY_CHECK } from './_helpers';

const AMOUNTS = [
  'planned_e6',
  'planned_uplifted_e6',
  'actual_e6',
  'expected_cashable_e6',
  'expected_non_cashable_e6',
  'risk_cashable_e6',
  'risk_non_cashable_e6',
  'realised_cashable_e6',
  'realised_non_cashable_e6',
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('project_year_summaries', (t) => {
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    for (const column of AMOUNTS) t.bigInteger(column).notNullable().defaultTo(0);
    for (const flag of ['has_planned', 'has_actual', 'has_expected', 'has_realised'])
      t.boolean(flag).notNullable().defaultTo(false);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['project_id', 'fy_start']);
    t.check(FY_CHECK('fy_start'), [], 'project_year_summaries_fy_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('project_year_summaries');
}
