import type { Knex } from 'knex';
import { mutableColumns } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('directorates', (t) => {
    t.increments('id');
    t.string('code', 10).notNullable().unique();
    t.string('name', 120).notNullable();
    mutableColumns(knex, t);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('directorates');
}
