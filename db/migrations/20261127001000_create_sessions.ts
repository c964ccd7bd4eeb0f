import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Sessions live in the database so several app instances can share them.
  await knex.schema.createTable('sessions', (t) => {
    t.string('sid', 128).primary();
    t.text('sess').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    // Kept beside the JSON so "sign out everywhere" is one indexed delete.
    t.integer('user_id').nullable().references('id').inTable('users').onDelete('CASCADE');
    t.index(['expires_at']);
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
}
