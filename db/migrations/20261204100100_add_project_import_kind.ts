/**
 * Issue 19: projects import as a fifth kind. Widens the CHECK on the kind columns of
 * import_batches and import_uploads as the re-forecasts kind did (setImportKinds).
 */
import type { Knex } from 'knex';
import { setImportKinds } from './_helpers';

const OLD = "('costs', 'profiles', 'realisations', 'reforecasts')";
const NEW = "('costs', 'profiles', 'realisations', 'reforecasts', 'projects')";

export async function up(knex: Knex): Promise<void> {
  await setImportKinds(knex, OLD, NEW);
}

/** Projects imports go from the record (the projects they added stay); then the CHECK narrows again. */
export async function down(knex: Knex): Promise<void> {
  await knex('import_uploads').where({ kind: 'projects' }).delete();
  await knex('import_batches').where({ kind: 'projects' }).delete();
  await setImportKinds(knex, NEW, OLD);
}
