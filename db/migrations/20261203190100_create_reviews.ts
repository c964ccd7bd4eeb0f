/**
 * Post-implementation reviews (issue 17): scheduled when a project reaches live or closed (go-live
 * plus an interval, at closure, then yearly while money benefits are outstanding), recorded with
 * reviewers, findings, lessons, each benefit's status and next steps, read-only once completed.
 * And the weekly e-mail digests already claimed, one row per user and week, so several instances
 * sharing the database never send the same digest twice.
 */
import type { Knex } from 'knex';
import { mutableColumns } from './_helpers';

export const REVIEW_KINDS = ['go_live', 'closure', 'annual', 'ad_hoc'];
export const REVIEW_STATUSES = ['scheduled', 'completed'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reviews', (t) => {
    t.increments('id');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.enu('kind', REVIEW_KINDS, { useNative: false, enumName: 'review_kind' }).notNullable();
    t.date('due_on').notNullable();
    t.enu('status', REVIEW_STATUSES, { useNative: false, enumName: 'review_status' })
      .notNullable()
      .defaultTo('scheduled');
    t.date('held_on').nullable();
    t.text('reviewers').notNullable().defaultTo('');
    t.text('findings').notNullable().defaultTo('');
    t.text('lessons').notNullable().defaultTo('');
    t.text('next_steps').notNullable().defaultTo('');
    // Each money and qualitative benefit's status as the review found it: JSON [{ref, title, status, note}].
    t.text('benefit_statuses').notNullable().defaultTo('[]');
    t.timestamp('completed_at', { useTz: true }).nullable();
    t.integer('completed_by_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('completed_by', 120).notNullable().defaultTo('');
    mutableColumns(knex, t);
    t.index(['project_id', 'status']);
    // "What's due" and the overdue counts walk this index: open reviews by due date.
    t.index(['status', 'due_on']);
  });
  await knex.schema.createTable('digest_sends', (t) => {
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    // The ISO week the digest covers, like 2026-W49: the primary key is the claim.
    t.string('period', 10).notNullable();
    t.string('email', 254).notNullable();
    t.timestamp('claimed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true }).nullable();
    t.text('error').nullable();
    t.primary(['user_id', 'period']);
  });
  // "Cost lines not updated this quarter" reads each project's latest change from this index alone.
  await knex.schema.alterTable('cost_lines', (t) => {
    t.index(['project_id', 'updated_at'], 'cost_lines_project_updated');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cost_lines', (t) => {
    t.dropIndex(['project_id', 'updated_at'], 'cost_lines_project_updated');
  });
  await knex.schema.dropTable('digest_sends');
  await knex.schema.dropTable('reviews');
}
