import type { Knex } from 'knex';
import { FY_CHECK, mutableColumns, penceRangeCheck } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('benefit_profile', (t) => {
    t.increments('id');
    t.integer('benefit_id').notNullable().references('id').inTable('benefits').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    t.bigInteger('amount_pence').notNullable();
    mutableColumns(knex, t);
    t.unique(['benefit_id', 'fy_start']);
    t.check(FY_CHECK('fy_start'), [], 'benefit_profile_fy_range');
    t.check('amount_pence >= 0', [], 'benefit_profile_amount_not_negative');
    penceRangeCheck(t, 'amount_pence', 'benefit_profile_amount_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('benefit_profile');
}
