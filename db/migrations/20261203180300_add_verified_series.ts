/**
 * C8 + C10: the read model keeps, beside each year's realised benefits, the part that is verified
 * (cashable and non-cashable, and whether any verified realisation falls in the year), so
 * `verifiedOnly=true` aggregates read the same few rows as the default. Every realisation is
 * unverified when this runs, so the defaults (zero, none) are already the ledger's values.
 */
import type { Knex } from 'knex';

const AMOUNTS = ['verified_cashable_e6', 'verified_non_cashable_e6'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('project_year_summaries', (t) => {
    for (const column of AMOUNTS) {
      t.bigInteger(column).notNullable().defaultTo(0);
      t.bigInteger(`${column}_hi`).notNullable().defaultTo(0);
    }
    t.boolean('has_verified').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('group_year_summaries', (t) => {
    for (const column of AMOUNTS) {
      t.bigInteger(column).notNullable().defaultTo(0);
      t.bigInteger(`${column}_hi`).notNullable().defaultTo(0);
    }
    t.integer('n_verified').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['project_year_summaries', 'group_year_summaries'])
    await knex.schema.alterTable(table, (t) => {
      for (const column of AMOUNTS) {
        t.dropColumn(column);
        t.dropColumn(`${column}_hi`);
      }
      t.dropColumn(table === 'group_year_summaries' ? 'n_verified' : 'has_verified');
    });
}
