/**
 * C9: re-forecasts import as a fourth kind. The kind columns of import_batches and import_uploads
 * were created with a CHECK listing three kinds; this widens it (how, per dialect: setImportKinds).
 */
import type { Knex } from 'knex';
import { setImportKinds } from './_helpers';

const OLD = "('costs', 'profiles', 'realisations')";
const NEW = "('costs', 'profiles', 'realisations', 'reforecasts')";

export async function up(knex: Knex): Promise<void> {
  await setImportKinds(knex, OLD, NEW);
}

export async function down(knex: Knex): Promise<void> {
  await knex('import_uploads').where({ kind: 'reforecasts' }).delete();
  await knex('import_batches').where({ kind: 'reforecasts' }).delete();
  await setImportKinds(knex, NEW, OLD);
}
