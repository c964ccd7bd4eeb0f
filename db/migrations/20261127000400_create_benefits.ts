import type { Knex } from 'knex';
import { mutableColumns } from './_helpers';

export const BENEFIT_TYPES = ['cashable', 'non_cashable', 'qualitative'];
export const BENEFIT_STATUSES = ['identified', 'planned', 'realising', 'realised', 'at_risk', 'withdrawn'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('benefits', (t) => {
    t.increments('id');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.string('ref', 20).notNullable();
    t.string('title', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.enu('type', BENEFIT_TYPES, { useNative: false, enumName: 'benefit_type' }).notNullable();
    t.string('category', 100).notNullable().defaultTo('');
    // C5: a dis-benefit carries a positive amount; the engine counts it negative.
    t.boolean('is_disbenefit').notNullable().defaultTo(false);
    t.string('owner', 120).notNullable().defaultTo('');
    t.string('measure', 200).notNullable().defaultTo('');
    t.string('baseline', 100).notNullable().defaultTo('');
    t.string('target', 100).notNullable().defaultTo('');
    t.string('unit', 50).notNullable().defaultTo('');
    // C5: confidence in [0, 1] as an exact decimal string.
    t.string('confidence', 20).notNullable().defaultTo('1');
    t.enu('status', BENEFIT_STATUSES, { useNative: false, enumName: 'benefit_status' })
      .notNullable()
      .defaultTo('identified');
    // C5 / Green Book Box 9 register fields.
    t.text('service_feature').notNullable().defaultTo('');
    t.text('enabling_activities').notNullable().defaultTo('');
    mutableColumns(knex, t);
    t.unique(['project_id', 'ref']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('benefits');
}
