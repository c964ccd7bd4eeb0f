/**
 * Issue 14: an upload's preview is kept with it, so the preview page can be shown again (a refresh,
 * the back button) without sending the file again or planning it again. A preview that cannot be
 * committed (problems, or nothing to change) keeps no file content.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_uploads', (t) => {
    t.text('preview_json').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_uploads', (t) => {
    t.dropColumn('preview_json');
  });
}
