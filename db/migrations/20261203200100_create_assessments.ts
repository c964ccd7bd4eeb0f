import type { Knex } from 'knex';
import { mutableColumns } from './_helpers';

/**
 * Strategic ICT effectiveness assessments (issue 18, C11): versioned frameworks of dimensions and
 * statements, assessments of a directorate on one framework version, their answers and dimension
 * notes, and the improvement actions raised from them (with the projects that deliver them).
 * A framework version that an assessment uses is never changed: editing it makes a new version.
 */
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'approved'];
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('assessment_frameworks', (t) => {
    t.increments('id');
    t.string('code', 40).notNullable();
    t.integer('version_no').notNullable();
    t.string('name', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    mutableColumns(knex, t);
    t.unique(['code', 'version_no']);
    t.check('version_no >= 1', [], 'assessment_frameworks_version_no');
  });
  await knex.schema.createTable('assessment_dimensions', (t) => {
    t.increments('id');
    t.integer('framework_id').notNullable().references('id').inTable('assessment_frameworks').onDelete('CASCADE');
    t.string('code', 40).notNullable();
    t.string('name', 200).notNullable();
    t.integer('position').notNullable();
    t.unique(['framework_id', 'code']);
  });
  await knex.schema.createTable('assessment_statements', (t) => {
    t.increments('id');
    t.integer('framework_id').notNullable().references('id').inTable('assessment_frameworks').onDelete('CASCADE');
    t.integer('dimension_id').notNullable().references('id').inTable('assessment_dimensions').onDelete('CASCADE');
    t.string('code', 40).notNullable();
    t.text('text').notNullable();
    for (const n of [1, 2, 3, 4, 5]) t.text(`level_${n}`).notNullable().defaultTo('');
    t.integer('position').notNullable();
    t.unique(['framework_id', 'code']);
    t.index(['dimension_id']);
  });
  await knex.schema.createTable('assessments', (t) => {
    t.increments('id');
    t.integer('directorate_id').notNullable().references('id').inTable('directorates').onDelete('CASCADE');
    t.integer('framework_id').notNullable().references('id').inTable('assessment_frameworks').onDelete('RESTRICT');
    t.date('assessed_on').notNullable();
    t.string('assessors', 500).notNullable();
    t.enu('status', ASSESSMENT_STATUSES, { useNative: false, enumName: 'assessment_status' })
      .notNullable()
      .defaultTo('draft');
    t.text('return_comment').notNullable().defaultTo('');
    t.integer('submitted_by_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.string('submitted_by', 200).notNullable().defaultTo('');
    t.timestamp('submitted_at', { useTz: true }).nullable();
    t.string('approved_by', 200).notNullable().defaultTo('');
    t.timestamp('approved_at', { useTz: true }).nullable();
    mutableColumns(knex, t);
    t.index(['directorate_id', 'status', 'assessed_on']);
  });
  await knex.schema.createTable('assessment_answers', (t) => {
    t.increments('id');
    t.integer('assessment_id').notNullable().references('id').inTable('assessments').onDelete('CASCADE');
    t.integer('statement_id').notNullable().references('id').inTable('assessment_statements').onDelete('RESTRICT');
    // C11: a whole number from 1 to 5, or null (unanswered).
    t.integer('score').nullable();
    t.text('evidence').notNullable().defaultTo('');
    t.unique(['assessment_id', 'statement_id']);
    t.check('score IS NULL OR score BETWEEN 1 AND 5', [], 'assessment_answers_score');
  });
  await knex.schema.createTable('assessment_dimension_notes', (t) => {
    t.increments('id');
    t.integer('assessment_id').notNullable().references('id').inTable('assessments').onDelete('CASCADE');
    t.integer('dimension_id').notNullable().references('id').inTable('assessment_dimensions').onDelete('RESTRICT');
    t.text('strengths').notNullable().defaultTo('');
    t.text('weaknesses').notNullable().defaultTo('');
    t.unique(['assessment_id', 'dimension_id']);
  });
  await knex.schema.createTable('improvement_actions', (t) => {
    t.increments('id');
    t.integer('assessment_id').notNullable().references('id').inTable('assessments').onDelete('CASCADE');
    t.integer('dimension_id').notNullable().references('id').inTable('assessment_dimensions').onDelete('RESTRICT');
    t.string('title', 300).notNullable();
    t.string('owner', 200).notNullable();
    t.date('due_on').notNullable();
    t.enu('status', ACTION_STATUSES, { useNative: false, enumName: 'improvement_action_status' })
      .notNullable()
      .defaultTo('open');
    mutableColumns(knex, t);
    t.index(['assessment_id']);
    t.index(['status', 'due_on']);
  });
  await knex.schema.createTable('improvement_action_projects', (t) => {
    t.integer('action_id').notNullable().references('id').inTable('improvement_actions').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.primary(['action_id', 'project_id']);
    t.index(['project_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('improvement_action_projects');
  await knex.schema.dropTable('improvement_actions');
  await knex.schema.dropTable('assessment_dimension_notes');
  await knex.schema.dropTable('assessment_answers');
  await knex.schema.dropTable('assessments');
  await knex.schema.dropTable('assessment_statements');
  await knex.schema.dropTable('assessment_dimensions');
  await knex.schema.dropTable('assessment_frameworks');
}
