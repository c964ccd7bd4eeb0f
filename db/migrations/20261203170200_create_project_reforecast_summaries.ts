/**
 * C8 + C9: what re-forecasts change in a project's forecast series, per year of the forecast and
 * financial year the re-forecasts were made in (`made_fy`). The forecast as at year Y takes, for a
 * year y ≥ Y, the stored expected series plus every row of y made in a year ≤ Y (the differences
 * add up to the latest re-forecast made by then, in place of the profile). Derived rows, rewritten
 * whole by refreshSummaries with the project's other series; sparse (only years with re-forecasts).
 * Money in millionths of a pound, two columns each (hi × 10^18 + lo), as project_year_summaries.
 */
import type { Knex } from 'knex';
import { FY_CHECK } from './_helpers';

const AMOUNTS = ['expected_cashable_e6', 'expected_non_cashable_e6', 'risk_cashable_e6', 'risk_non_cashable_e6'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('project_reforecast_summaries', (t) => {
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    t.integer('made_fy').notNullable();
    for (const column of AMOUNTS) {
      t.bigInteger(column).notNullable().defaultTo(0);
      t.bigInteger(`${column}_hi`).notNullable().defaultTo(0);
    }
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['project_id', 'fy_start', 'made_fy']);
    t.check(FY_CHECK('fy_start'), [], 'project_reforecast_summaries_fy_range');
    t.check(FY_CHECK('made_fy'), [], 'project_reforecast_summaries_made_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('project_reforecast_summaries');
}
