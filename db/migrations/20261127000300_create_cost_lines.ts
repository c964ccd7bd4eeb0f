import type { Knex } from 'knex';
import { FY_CHECK, mutableColumns, penceRangeCheck } from './_helpers';

export const COST_KINDS = ['planned', 'actual'];
export const COST_CATEGORIES = [
  'capital',
  'revenue_one_off',
  'revenue_recurring',
  'staff',
  'licences',
  'hardware',
  'services',
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cost_lines', (t) => {
    t.increments('id');
    // Cost lines have no life apart from their project.
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    t.enu('kind', COST_KINDS, { useNative: false, enumName: 'cost_kind' }).notNullable();
    t.enu('category', COST_CATEGORIES, { useNative: false, enumName: 'cost_category' }).notNullable();
    // Signed: credits and refunds are stored negative and flagged is_credit (C1, C4).
    t.bigInteger('amount_pence').notNullable();
    t.boolean('is_credit').notNullable().defaultTo(false);
    t.string('description', 500).notNullable().defaultTo('');
    t.string('reference', 100).notNullable().defaultTo('');
    mutableColumns(knex, t);
    t.index(['project_id', 'fy_start']);
    t.check(FY_CHECK('fy_start'), [], 'cost_lines_fy_range');
    penceRangeCheck(t, 'amount_pence', 'cost_lines_amount_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cost_lines');
}
