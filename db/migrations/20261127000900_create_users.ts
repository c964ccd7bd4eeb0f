import type { Knex } from 'knex';
import { mutableColumns } from './_helpers';

export const ROLES = ['admin', 'finance', 'project_manager', 'scrutiny'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email', 254).notNullable().unique();
    t.string('name', 120).notNullable();
    t.enu('role', ROLES, { useNative: false, enumName: 'user_role' }).notNullable();
    // scrypt$N$r$p$salt$hash: parameters travel with the hash so they can be raised later.
    t.string('password_hash', 300).notNullable();
    t.boolean('is_disabled').notNullable().defaultTo(false);
    t.integer('failed_sign_ins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true }).nullable();
    t.timestamp('last_sign_in_at', { useTz: true }).nullable();
    mutableColumns(knex, t);
  });
  // Finance users may be limited to some directorates; none listed means all of them.
  await knex.schema.createTable('user_directorates', (t) => {
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('directorate_id').notNullable().references('id').inTable('directorates').onDelete('CASCADE');
    t.primary(['user_id', 'directorate_id']);
  });
  // Project managers record realisations on the projects they manage.
  await knex.schema.createTable('project_managers', (t) => {
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.primary(['project_id', 'user_id']);
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('project_managers');
  await knex.schema.dropTable('user_directorates');
  await knex.schema.dropTable('users');
}
