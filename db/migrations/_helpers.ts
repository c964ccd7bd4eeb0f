import type { Knex } from 'knex';

/** created_at / updated_at / version, which every mutable table carries. */
export function mutableColumns(knex: Knex, t: Knex.CreateTableBuilder): void {
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.integer('version').notNullable().defaultTo(1);
}

/** C1: one amount is at most £999,999,999,999.99 either way, enforced by the database too. */
export function penceRangeCheck(t: Knex.CreateTableBuilder, column: string, name: string): void {
  t.check(`${column} BETWEEN -99999999999999 AND 99999999999999`, [], name);
}

export const FY_CHECK = (column: string) => `${column} BETWEEN 1900 AND 2199`;

interface SqliteConnection {
  unsafeMode(on: boolean): void;
}

/**
 * Changes the CHECK listing the import kinds on import_batches and import_uploads from `from` to
 * `to` (each a SQL list such as "('costs', 'profiles')"). PostgreSQL drops and re-adds the
 * constraint. SQLite keeps a CHECK in the table's stored SQL, which is edited in place (its
 * documented way to change a CHECK without rebuilding the table, which here would cascade-delete
 * import_batch_rows): better-sqlite3's defensive mode is lifted for the edit only, the schema
 * version is bumped so every connection re-reads it, and no stored row changes.
 */
export async function setImportKinds(knex: Knex, from: string, to: string): Promise<void> {
  const TABLES = ['import_batches', 'import_uploads'];
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
