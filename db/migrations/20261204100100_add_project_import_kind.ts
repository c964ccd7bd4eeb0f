/**
 * Issue 19: projects import as a fifth kind. Widens the CHECK on the kind columns of
 * import_batches and import_uploads exactly as 20261203170300_add_reforecast_import_kind does:
 * PostgreSQL drops and re-adds the constraint; SQLite edits the CHECK in the table's stored SQL
 * (rebuilding the table would cascade-delete import_batch_rows), with better-sqlite3's defensive
 * mode lifted for the edit only and the schema version bumped so every connection re-reads it.
 */
import type { Knex } from 'knex';

const TABLES = ['import_batches', 'import_uploads'];
const OLD = "('costs', 'profiles', 'realisations', 'reforecasts')";
const NEW = "('costs', 'profiles', 'realisations', 'reforecasts', 'projects')";

interface SqliteConnection {
  unsafeMode(on: boolean): void;
}

async function setKinds(knex: Knex, from: string, to: string): Promise<void> {
  if (knex.client.config.client === 'pg') {
    for (const table of TABLES) {
      await knex.raw('ALTER TABLE ?? DROP CONSTRAINT IF EXISTS ??', [table, `${table}_kind_check`]);
      await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (kind IN ${to})`, [table, `${table}_kind_check`]);
    }
    return;
  }
  // The migration's transaction holds SQLite's one connection: this is it.
  const connection = (await knex.client.acquireConnection()) as SqliteConnection;
  const [{ schema_version: version }] = (await knex.raw('PRAGMA schema_version')) as { schema_version: number }[];
  connection.unsafeMode(true);
  try {
    await knex.raw('PRAGMA writable_schema = ON');
    for (const table of TABLES)
      await knex.raw("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?", [
        `\`kind\` text check (\`kind\` in ${from})`,
        `\`kind\` text check (\`kind\` in ${to})`,
        table,
      ]);
    const stored = (await knex('sqlite_master').whereIn('name', TABLES).select('sql')) as { sql: string }[];
    if (stored.length !== TABLES.length || stored.some((r) => !r.sql.includes(to)))
      throw new Error('The import kind CHECK was not in the expected form: widen it by hand');
    await knex.raw(`PRAGMA schema_version = ${Number(version) + 1}`);
    await knex.raw('PRAGMA writable_schema = OFF');
  } finally {
    connection.unsafeMode(false);
  }
}

export async function up(knex: Knex): Promise<void> {
  await setKinds(knex, OLD, NEW);
}

/** Projects imports go from the record (the projects they added stay); then the CHECK narrows again. */
export async function down(knex: Knex): Promise<void> {
  await knex('import_uploads').where({ kind: 'projects' }).delete();
  await knex('import_batches').where({ kind: 'projects' }).delete();
  await setKinds(knex, NEW, OLD);
}
