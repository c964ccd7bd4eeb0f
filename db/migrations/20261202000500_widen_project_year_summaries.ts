/**
 * C1 "No valid data may break a sum": a database from before the yearly limit can hold a project
 * year past what one 64-bit column of millionths of a pound holds (about £9.2 trillion). Each
 * summary amount becomes two integers, value = hi × 10^18 + lo with |lo| < 10^18; rows written
 * before keep hi = 0, which is what they mean. exactSum sums each part without overflow.
 */
import type { Knex } from 'knex';

export const WIDENED = [
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
    for (const column of WIDENED) t.bigInteger(`${column}_hi`).notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('project_year_summaries', (t) => {
    for (const column of WIDENED) t.dropColumn(`${column}_hi`);
  });
}
