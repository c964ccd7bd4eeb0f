/**
 * C8 + issue 19: the year series gain planned and actual costs split by funding (capital and
 * revenue, as entered: no optimism bias), so portfolio and directorate pages split them from the
 * read model. Every stored row would lack them, so the summaries are emptied and start-up rebuilds
 * them once from the ledger (ensureSummaries), as the baseline series did.
 */
import type { Knex } from 'knex';

const AMOUNTS = ['planned_capital_e6', 'planned_revenue_e6', 'actual_capital_e6', 'actual_revenue_e6'];

async function emptySummaries(knex: Knex): Promise<void> {
  await knex('group_year_summaries').delete();
  await knex('project_year_summaries').delete();
}

export async function up(knex: Knex): Promise<void> {
  await emptySummaries(knex);
  for (const table of ['project_year_summaries', 'group_year_summaries'])
    await knex.schema.alterTable(table, (t) => {
      for (const column of AMOUNTS) {
        t.bigInteger(column).notNullable().defaultTo(0);
        t.bigInteger(`${column}_hi`).notNullable().defaultTo(0);
      }
    });
}

export async function down(knex: Knex): Promise<void> {
  await emptySummaries(knex);
  for (const table of ['group_year_summaries', 'project_year_summaries'])
    await knex.schema.alterTable(table, (t) => {
      for (const column of AMOUNTS) {
        t.dropColumn(column);
        t.dropColumn(`${column}_hi`);
      }
    });
}
