import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Append-only: no code path updates or deletes these rows. project_id is deliberately not a
  // foreign key, so a project's history outlives the project.
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('actor_id').nullable();
    t.string('actor_label', 200).notNullable();
    t.string('action', 20).notNullable();
    t.string('entity_type', 40).notNullable();
    t.string('entity_id', 60).notNullable();
    t.integer('project_id').nullable();
    t.string('summary', 300).notNullable().defaultTo('');
    t.text('before_json').nullable();
    t.text('after_json').nullable();
    t.string('request_id', 60).nullable();
    t.index(['project_id', 'occurred_at']);
    t.index(['entity_type', 'entity_id']);
    t.index(['occurred_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
}
