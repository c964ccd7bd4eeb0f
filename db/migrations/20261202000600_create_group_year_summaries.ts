/**
 * C8 summaries one level up: per directorate, project status and financial year, the sum of the
 * projects' year series, kept by the same writes (each adds its change in its transaction), so a
 * dashboard filtered by directorate and status reads a few hundred rows instead of every
 * project's. Each project's summary rows now say which group they were added to, so a write that
 * moves a project to another directorate or status takes them out of the right one.
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
  await knex.schema.alterTable('project_year_summaries', (t) => {
    t.integer('directorate_id').nullable();
    t.string('status', 20).nullable();
  });
  // Rows from before name their project's group now; start-up then builds the group sums once.
  await knex('project_year_summaries').update({
    directorate_id: knex('projects')
      .select('directorate_id')
      .where('projects.id', knex.ref('project_year_summaries.project_id')),
    status: knex('projects').select('status').where('projects.id', knex.ref('project_year_summaries.project_id')),
  });
  await knex.schema.createTable('group_year_summaries', (t) => {
    t.integer('directorate_id').notNullable().references('id').inTable('directorates');
    t.string('status', 20).notNullable();
    t.integer('fy_start').notNullable();
    for (const column of AMOUNTS) {
      t.bigInteger(column).notNullable().defaultTo(0);
      t.bigInteger(`${column}_hi`).notNullable().defaultTo(0);
    }
    // How many of the group's projects have a line of each kind in the year (C8 flags, summed).
    for (const count of ['n_planned', 'n_actual', 'n_expected', 'n_realised'])
      t.integer(count).notNullable().defaultTo(0);
    t.primary(['directorate_id', 'status', 'fy_start']);
    t.check(FY_CHECK('fy_start'), [], 'group_year_summaries_fy_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('group_year_summaries');
  await knex.schema.alterTable('project_year_summaries', (t) => {
    t.dropColumn('directorate_id');
    t.dropColumn('status');
  });
}
