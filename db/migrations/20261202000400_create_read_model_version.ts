/**
 * One counter that every audited write increments in its own transaction. A read that finds the
 * counter where it was may reuse figures it computed then: an in-process memo validated against
 * the database on every request, so it is never stale across instances (C8).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('read_model_version', (t) => {
    t.integer('id').primary();
    t.bigInteger('n').notNullable().defaultTo(0);
  });
  await knex('read_model_version').insert({ id: 1, n: 0 });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('read_model_version');
}
