/**
 * C9 decisions and frozen baselines (issue 16). A decision (approval or re-baseline) freezes the
 * project's plan as baseline n: its planned cost lines, its benefits with their profiles, the base
 * year, the optimism bias and the discount rule then in force. Nothing edits or deletes these rows
 * but the deletion of their project (CASCADE), whose audit record keeps the decisions.
 */
import type { Knex } from 'knex';
import { FY_CHECK, penceRangeCheck } from './_helpers';

export const DECISION_KINDS = ['approval', 'rebaseline'];
export const REASON_CODES = ['scope_change', 'rephasing', 're_estimate', 'external_factor', 'other'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('decisions', (t) => {
    t.increments('id');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.enu('kind', DECISION_KINDS, { useNative: false, enumName: 'decision_kind' }).notNullable();
    t.string('decided_on', 10).notNullable();
    t.string('decided_by', 200).notNullable();
    t.string('reference', 200).notNullable();
    t.string('funding_source', 200).notNullable();
    t.enu('reason_code', REASON_CODES, { useNative: false, enumName: 'decision_reason' }).nullable();
    t.text('note').notNullable().defaultTo('');
    t.integer('baseline_number').notNullable();
    // Who recorded it: the user (kept if the user is later removed) and their name at the time.
    t.integer('recorded_by_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('recorded_by', 200).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['project_id', 'baseline_number']);
  });
  await knex.schema.createTable('baselines', (t) => {
    t.increments('id');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('decision_id').notNullable().references('id').inTable('decisions').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.integer('base_fy').notNullable();
    t.string('optimism_bias', 20).notNullable();
    // The discount rule in force when frozen: 'project' (its own constant rate) or 'organisation'.
    t.string('discount_source', 20).notNullable();
    t.string('discount_kind', 20).notNullable();
    t.string('discount_rate', 20).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['project_id', 'number']);
    t.check(FY_CHECK('base_fy'), [], 'baselines_base_fy_range');
  });
  await knex.schema.createTable('baseline_cost_lines', (t) => {
    t.increments('id');
    t.integer('baseline_id').notNullable().references('id').inTable('baselines').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    t.string('category', 40).notNullable();
    t.bigInteger('amount_pence').notNullable();
    t.boolean('is_credit').notNullable().defaultTo(false);
    t.text('description').notNullable().defaultTo('');
    t.index(['baseline_id']);
    t.check(FY_CHECK('fy_start'), [], 'baseline_cost_lines_fy_range');
    penceRangeCheck(t, 'amount_pence', 'baseline_cost_lines_amount_range');
  });
  await knex.schema.createTable('baseline_benefits', (t) => {
    t.increments('id');
    t.integer('baseline_id').notNullable().references('id').inTable('baselines').onDelete('CASCADE');
    // The benefit it was frozen from (no foreign key: the benefit may later be deleted).
    t.integer('source_benefit_id').nullable();
    t.string('ref', 20).notNullable();
    t.string('title', 200).notNullable();
    t.string('type', 20).notNullable();
    t.boolean('is_disbenefit').notNullable().defaultTo(false);
    t.string('confidence', 20).notNullable();
    t.index(['baseline_id']);
  });
  await knex.schema.createTable('baseline_benefit_profile', (t) => {
    t.increments('id');
    t.integer('baseline_benefit_id').notNullable().references('id').inTable('baseline_benefits').onDelete('CASCADE');
    t.integer('fy_start').notNullable();
    t.bigInteger('amount_pence').notNullable();
    t.index(['baseline_benefit_id']);
    t.check(FY_CHECK('fy_start'), [], 'baseline_benefit_profile_fy_range');
    penceRangeCheck(t, 'amount_pence', 'baseline_benefit_profile_amount_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('baseline_benefit_profile');
  await knex.schema.dropTable('baseline_benefits');
  await knex.schema.dropTable('baseline_cost_lines');
  await knex.schema.dropTable('baselines');
  await knex.schema.dropTable('decisions');
}
