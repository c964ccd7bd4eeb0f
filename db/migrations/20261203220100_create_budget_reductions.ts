/**
 * Issue 19: savings taken from budgets. A cashable benefit records the budget reductions that
 * took its saving out of a budget: the financial year, the amount (integer pence, C1), the budget
 * or cost centre, a reference (a budget-setting minute, a virement) and who recorded it.
 */
import type { Knex } from 'knex';
import { FY_CHECK, mutableColumns, penceRangeCheck } from './_helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('budget_reductions', (t) => {
    t.increments('id');
    t.integer('benefit_id').notNullable().references('id').inTable('benefits').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    t.bigInteger('amount_pence').notNullable();
    t.string('budget', 120).notNullable();
    t.string('reference', 120).notNullable().defaultTo('');
    t.string('recorded_by', 200).notNullable();
    mutableColumns(knex, t);
    t.index(['benefit_id', 'fy_start']);
    t.check(FY_CHECK('fy_start'), [], 'budget_reductions_fy_range');
    penceRangeCheck(t, 'amount_pence', 'budget_reductions_amount_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_reductions');
}
