/**
 * C9 re-forecasts: a dated best estimate of one benefit's amount in one financial year, entered by
 * the project's managers, finance or an administrator. Append-only: a later re-forecast for the
 * same benefit and year is a new row, and the forecast view takes the latest one made on or before
 * the as-at date (`created_at` is the "made on" moment). Rows go with their benefit (CASCADE), as
 * its profile and realisations do; the audit trail keeps every re-forecast's before and after.
 */
import type { Knex } from 'knex';
import { FY_CHECK, mutableColumns, penceRangeCheck } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('benefit_reforecasts', (t) => {
    t.increments('id');
    t.integer('benefit_id').notNullable().references('id').inTable('benefits').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    t.bigInteger('amount_pence').notNullable();
    t.text('note').notNullable().defaultTo('');
    // Who entered it: the user (null for the system actor, or once the user is deleted) and their name then.
    t.integer('entered_by_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('entered_by', 120).notNullable();
    mutableColumns(knex, t);
    t.index(['benefit_id', 'fy_start', 'created_at']);
    t.check(FY_CHECK('fy_start'), [], 'benefit_reforecasts_fy_range');
    penceRangeCheck(t, 'amount_pence', 'benefit_reforecasts_amount_range');
    t.check('amount_pence >= 0', [], 'benefit_reforecasts_amount_not_negative');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('benefit_reforecasts');
}
