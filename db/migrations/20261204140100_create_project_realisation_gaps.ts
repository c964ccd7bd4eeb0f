/**
 * C8: "what's due" counted from a summary (the admin and scrutiny home's exception counts). Per
 * project and financial year, how many (benefit, year) profile rows of a money benefit not
 * withdrawn have a non-zero amount and no realisation recorded for that benefit and year. Whether
 * the year has finished and whether the project is realising stay at read time, so a count is a
 * SUM over a few thousand rows instead of an anti-join of every past profile row against the
 * realisations. Only years with gaps are stored. Derived rows, rewritten by refreshSummaries with
 * the project's other summaries; filled at start-up for a database from before them.
 */
import type { Knex } from 'knex';
import { FY_CHECK } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('project_realisation_gaps', (t) => {
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    t.integer('gaps').notNullable();
    t.primary(['project_id', 'fy_start']);
    t.check(FY_CHECK('fy_start'), [], 'project_realisation_gaps_fy_range');
    t.check('gaps > 0', [], 'project_realisation_gaps_positive');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('project_realisation_gaps');
}
