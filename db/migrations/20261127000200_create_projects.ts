import type { Knex } from 'knex';
import { FY_CHECK, mutableColumns } from './_helpers';

export const PROJECT_STATUSES = ['proposed', 'approved', 'in_delivery', 'live', 'closed', 'cancelled'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('projects', (t) => {
    t.increments('id');
    t.string('code', 20).notNullable().unique();
    t.string('name', 200).notNullable();
    // A directorate with projects cannot be deleted: its projects must be moved or removed first.
    t.integer('directorate_id').notNullable().references('id').inTable('directorates').onDelete('RESTRICT');
    t.text('description').notNullable().defaultTo('');
    t.string('sponsor', 120).notNullable().defaultTo('');
    t.string('manager', 120).notNullable().defaultTo('');
    t.enu('status', PROJECT_STATUSES, { useNative: false, enumName: 'project_status' })
      .notNullable()
      .defaultTo('proposed');
    t.integer('start_fy').notNullable();
    t.integer('base_fy').notNullable();
    // Rates are exact decimal strings (e.g. "0.035"); null = the organisation's default rule (C3).
    t.string('discount_rate', 20).nullable();
    t.string('optimism_bias', 20).notNullable().defaultTo('0');
    t.string('priority', 200).notNullable().defaultTo('');
    mutableColumns(knex, t);
    t.index(['directorate_id']);
    t.index(['status']);
    t.check(FY_CHECK('start_fy'), [], 'projects_start_fy_range');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('projects');
}
