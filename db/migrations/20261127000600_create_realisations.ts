import type { Knex } from 'knex';
import { FY_CHECK, mutableColumns, penceRangeCheck } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('realisations', (t) => {
    t.increments('id');
    t.integer('benefit_id').notNullable().references('id').inTable('benefits').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    // Money benefits record an amount (negative only for a marked correction, C1); qualitative
    // benefits record a measured value instead.
    t.bigInteger('amount_pence').nullable();
    t.string('value', 100).notNullable().defaultTo('');
    t.boolean('is_correction').notNullable().defaultTo(false);
    t.text('evidence').notNullable().defaultTo('');
    t.string('recorded_by', 120).notNullable();
    t.date('recorded_on').notNullable();
    mutableColumns(knex, t);
    t.index(['benefit_id', 'fy_start']);
    t.check(FY_CHECK('fy_start'), [], 'realisations_fy_range');
    penceRangeCheck(t, 'amount_pence', 'realisations_amount_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('realisations');
}
