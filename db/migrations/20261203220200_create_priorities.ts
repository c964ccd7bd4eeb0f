/**
 * Issue 19: council priorities become a managed list instead of free text. Each distinct
 * non-blank priority text already on a project becomes a list entry (trimmed; texts that differ
 * only in case or spacing become one entry, spelled as the first project by code has it), and
 * projects are rewritten to the entry's exact name, so every project's priority is on the list.
 * Projects keep the name in `projects.priority` (exports, imports and the API are unchanged);
 * renaming an entry renames it on its projects in the same transaction. Indexes serve the
 * register's and the priorities page's filters at 5,000 projects.
 */
import type { Knex } from 'knex';
import { mutableColumns } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('priorities', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable().unique();
    t.text('description').notNullable().defaultTo('');
    mutableColumns(knex, t);
  });
  const rows: { id: number; priority: string }[] = await knex('projects').select('id', 'priority').orderBy('code');
  const canonical = new Map<string, string>();
  for (const r of rows) {
    const name = r.priority.trim().replace(/\s+/g, ' ');
    if (name === '') continue;
    const key = name.toLowerCase();
    if (!canonical.has(key)) canonical.set(key, name);
  }
  for (const name of canonical.values()) await knex('priorities').insert({ name });
  for (const r of rows) {
    const name = r.priority.trim().replace(/\s+/g, ' ');
    const target = name === '' ? '' : canonical.get(name.toLowerCase())!;
    if (target !== r.priority) await knex('projects').where({ id: r.id }).update({ priority: target });
  }
  await knex.schema.alterTable('projects', (t) => t.index(['priority'], 'projects_priority_index'));
  await knex.schema.alterTable('benefits', (t) => {
    t.index(['type'], 'benefits_type_index');
    t.index(['status'], 'benefits_status_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('benefits', (t) => {
    t.dropIndex(['type'], 'benefits_type_index');
    t.dropIndex(['status'], 'benefits_status_index');
  });
  await knex.schema.alterTable('projects', (t) => t.dropIndex(['priority'], 'projects_priority_index'));
  // The texts stay on the projects, as they were before the list (normalised spelling kept).
  await knex.schema.dropTable('priorities');
}
