import type { Knex } from 'knex';

/**
 * Published editions of the scrutiny board report (issue 15). An edition is written once and never
 * changed: its filters, front matter, frozen figures (JSON of exact decimal strings) and the PDF as
 * published (bytes in the database, so every instance serves the same file). `filter_key` is the
 * filters in one canonical string, so the next report finds the latest edition with the same ones.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_editions', (t) => {
    t.increments('id');
    t.string('filter_key', 400).notNullable();
    t.text('filters').notNullable();
    t.text('paper').notNullable();
    t.text('figures').notNullable();
    t.date('as_at').notNullable();
    t.string('title', 200).notNullable();
    t.date('meeting_date').nullable();
    t.binary('pdf').nullable();
    t.string('pdf_sha256', 64).nullable();
    t.integer('published_by_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('published_by', 200).notNullable();
    t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['filter_key', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('report_editions');
}
