import type { Knex } from 'knex';
import { mutableColumns } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  // Organisation settings (discount rule, RAG thresholds, VfM bands, price basis) as JSON values.
  await knex.schema.createTable('settings', (t) => {
    t.string('key', 60).primary();
    t.text('value').notNullable();
    mutableColumns(knex, t);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('settings');
}
