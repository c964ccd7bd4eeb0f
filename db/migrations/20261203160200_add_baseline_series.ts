/**
 * C8 + C9: the year series gain the latest baseline's business-case series and realisation's
 * "expected" (the baseline's profile once there is one). Every stored row would lack them, so the
 * summaries are emptied and start-up rebuilds them once from the ledger (ensureSummaries).
 */
import type { Knex } from 'knex';

const AMOUNTS = [
  'baseline_planned_uplifted_e6',
  'baseline_expected_cashable_e6',
  'baseline_expected_non_cashable_e6',
  'baseline_risk_cashable_e6',
  'baseline_risk_non_cashable_e6',
  'realisation_expected_e6',
];

export async function up(knex: Knex): Promise<void> {
  await knex('group_year_summaries').delete();
  await knex('project_year_summaries').delete();
  await knex.schema.alterTable('project_year_summaries', (t) => {
    for (const column of AMOUNTS) {
      t.bigInteger(column).notNullable().defaultTo(0);
      t.bigInteger(`${column}_hi`).notNullable().defaultTo(0);
    }
    t.boolean('has_baseline_planned').notNullable().defaultTo(false);
    t.boolean('has_baseline_expected').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('group_year_summaries', (t) => {
    for (const column of AMOUNTS) {
      t.bigInteger(column).notNullable().defaultTo(0);
      t.bigInteger(`${column}_hi`).notNullable().defaultTo(0);
    }
    t.integer('n_baseline_planned').notNullable().defaultTo(0);
    t.integer('n_baseline_expected').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('group_year_summaries').delete();
  await knex('project_year_summaries').delete();
  await knex.schema.alterTable('group_year_summaries', (t) => {
    for (const column of AMOUNTS) {
      t.dropColumn(column);
      t.dropColumn(`${column}_hi`);
    }
    t.dropColumn('n_baseline_planned');
    t.dropColumn('n_baseline_expected');
  });
  await knex.schema.alterTable('project_year_summaries', (t) => {
    for (const column of AMOUNTS) {
      t.dropColumn(column);
      t.dropColumn(`${column}_hi`);
    }
    t.dropColumn('has_baseline_planned');
    t.dropColumn('has_baseline_expected');
  });
}
