import type { Knex } from 'knex';
import { mutableColumns } from './_helpers';

export const IMPORT_KINDS = ['costs', 'profiles', 'realisations'];

export async function up(knex: Knex): Promise<void> {
  // One row per committed import: who, when, which file (with its SHA-256) and what it did.
  // actor_id is deliberately not a foreign key, like audit_log: the history outlives the user.
  await knex.schema.createTable('import_batches', (t) => {
    t.increments('id');
    t.enu('kind', IMPORT_KINDS, { useNative: false, enumName: 'import_kind' }).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('checksum', 64).notNullable();
    t.integer('actor_id').nullable();
    t.string('actor_label', 200).notNullable();
    t.integer('added').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('unchanged').notNullable().defaultTo(0);
    t.timestamp('undone_at', { useTz: true }).nullable();
    t.string('undone_by_label', 200).nullable();
    mutableColumns(knex, t);
    t.index(['created_at']);
  });
  // What each committed row did, so the whole batch can be undone: inserted rows are deleted,
  // updated rows get their before state back, provided nobody has changed them since.
  await knex.schema.createTable('import_batch_rows', (t) => {
    t.bigIncrements('id');
    t.integer('batch_id').notNullable().references('id').inTable('import_batches').onDelete('CASCADE');
    t.string('table_name', 40).notNullable();
    t.integer('row_id').notNullable();
    t.string('action', 10).notNullable();
    // The row's version just after the import: undo refuses when it differs.
    t.integer('version_after').notNullable();
    t.text('before_json').nullable();
    t.index(['batch_id']);
    t.check("action IN ('inserted', 'updated')", [], 'import_batch_rows_action');
  });
  // Uploads waiting between preview and commit, in the database so any instance can commit them.
  await knex.schema.createTable('import_uploads', (t) => {
    t.string('id', 64).primary();
    t.enu('kind', IMPORT_KINDS, { useNative: false, enumName: 'import_upload_kind' }).notNullable();
    t.string('file_name', 255).notNullable();
    t.string('checksum', 64).notNullable();
    t.integer('actor_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.binary('content').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('import_uploads');
  await knex.schema.dropTable('import_batch_rows');
  await knex.schema.dropTable('import_batches');
}
