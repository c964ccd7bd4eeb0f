/**
 * C10 evidence files attached to a realisation. The bytes are kept in the database on both
 * dialects (BLOB on SQLite, whose file lives in DATA_DIR; bytea on PostgreSQL), so every instance
 * serves every file, a backup or `db:copy` carries them, and a file and its row commit together.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('realisation_attachments', (t) => {
    t.increments('id');
    t.integer('realisation_id').notNullable().references('id').inTable('realisations').onDelete('CASCADE');
    t.string('file_name', 255).notNullable();
    t.string('content_type', 120).notNullable();
    t.integer('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.binary('content').notNullable();
    t.integer('uploaded_by_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('uploaded_by', 200).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['realisation_id']);
    t.check('size_bytes BETWEEN 1 AND 10485760', [], 'realisation_attachments_size');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('realisation_attachments');
}
