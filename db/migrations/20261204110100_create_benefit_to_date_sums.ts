/**
 * C8: the benefits register's money sort keys (issue 19). Per benefit and each financial year in
 * which it has a flow, its expected (profiled) and realised amounts summed up to and including that
 * year, in integer pence: the sums as at year Y are the row with the latest from_fy ≤ Y (none
 * before its first flow: both 0). So a sort "as at year Y" reads one index entry per benefit
 * instead of summing the ledger. Derived rows, rewritten by refreshSummaries with the project's
 * other summaries; filled at start-up for a database from before them (ensureSummaries).
 */
import type { Knex } from 'knex';
import { FY_CHECK } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('benefit_to_date_sums', (t) => {
    t.integer('benefit_id').notNullable().references('id').inTable('benefits').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('from_fy').notNullable();
    t.bigInteger('expected_pence').notNullable();
    t.bigInteger('realised_pence').notNullable();
    t.primary(['benefit_id', 'from_fy']);
    // The register's lookup (benefit, latest year ≤ Y) answered from the index alone.
    t.index(['benefit_id', 'from_fy', 'expected_pence', 'realised_pence'], 'benefit_to_date_sums_lookup');
    t.index(['project_id']);
    t.check(FY_CHECK('from_fy'), [], 'benefit_to_date_sums_from_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('benefit_to_date_sums');
}
