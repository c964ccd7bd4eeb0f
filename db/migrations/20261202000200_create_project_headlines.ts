/**
 * C8 per-project headline indicators for the default view (as at the current financial year,
 * under the organisation's settings), one row per project and risk setting, so lists sort and page
 * in SQL. `basis` names the as-at year and settings a row was computed for: a row whose basis is
 * not the current one is never read, only recomputed (server/domain/headlines.ts). The figures are
 * exact decimal strings in JSON; the *_key columns are for ORDER BY alone, never for display.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('project_headlines', (t) => {
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.boolean('risk_adjusted').notNullable();
    t.string('basis', 64).notNullable();
    t.text('figures').notNullable();
    t.double('npv_key').notNullable();
    t.double('cost_key').notNullable();
    t.double('bcr_key').nullable();
    t.double('realisation_key').nullable();
    t.double('variance_key').nullable();
    t.string('vfm', 16).nullable();
    t.string('rag', 8).nullable();
    t.primary(['project_id', 'risk_adjusted']);
    // One index per sort key, so a page of the top or bottom projects is an index walk.
    for (const key of ['npv', 'cost', 'bcr', 'realisation', 'variance'])
      t.index(['risk_adjusted', `${key}_key`], `project_headlines_${key}`);
    t.index(['basis'], 'project_headlines_basis');
    // Counts by category and RAG read these alone, not the rows with their figures.
    t.index(['risk_adjusted', 'vfm'], 'project_headlines_vfm');
    t.index(['risk_adjusted', 'rag'], 'project_headlines_rag');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('project_headlines');
}
