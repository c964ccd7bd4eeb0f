/**
 * C10: a realisation is `unverified` when recorded; a finance partner or administrator who did not
 * record it may mark it `verified`, with an evidence grade. Who recorded (and who last changed) a
 * realisation is kept as a user id beside the typed "recorded by" name, so "nobody verifies their
 * own record" is a check on ids, not on names. Existing realisations are unverified; their
 * recorder is taken from the audit trail's "created" row where a signed-in user made it.
 */
import type { Knex } from 'knex';

const STATUS_CHECK = "verification_status IN ('unverified', 'verified')";
/** Null-safe: a CHECK (and a trigger's WHEN) lets a NULL result through, so the grade's NULL is tested first. */
const GRADE_CHECK =
  "(verification_status = 'unverified' AND verification_grade IS NULL) OR " +
  "(verification_status = 'verified' AND verification_grade IS NOT NULL AND " +
  "verification_grade IN ('audited', 'management_information', 'estimate'))";
const COLUMNS = [
  'verification_status',
  'verification_grade',
  'verified_by_user_id',
  'verified_at',
  'verified_by',
  'recorded_by_user_id',
  'changed_by_user_id',
];

const isPg = (knex: Knex) => knex.client.config.client === 'pg';
const onNew = (check: string) => check.replace(/verification_/g, 'NEW.verification_');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('realisations', (t) => {
    t.string('verification_status', 20).notNullable().defaultTo('unverified');
    t.string('verification_grade', 30).nullable();
    t.integer('verified_by_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('verified_at', { useTz: true }).nullable();
    // The verifier's name as it was, like the audit trail's actor label.
    t.string('verified_by', 200).nullable();
    t.integer('recorded_by_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.integer('changed_by_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.index(['verification_status'], 'realisations_verification_status');
    if (isPg(knex)) {
      t.check(STATUS_CHECK, [], 'realisations_verification_status_check');
      t.check(GRADE_CHECK, [], 'realisations_verification_grade_check');
    }
  });
  // SQLite cannot drop a CHECK again without rebuilding the table by hand: triggers hold the same rule.
  if (!isPg(knex))
    for (const when of ['INSERT', 'UPDATE'])
      await knex.raw(
        `CREATE TRIGGER realisations_verification_${when.toLowerCase()} BEFORE ${when} ON realisations ` +
          `WHEN NOT (${onNew(STATUS_CHECK)}) OR NOT (${onNew(GRADE_CHECK)}) ` +
          "BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: realisations_verification'); END",
      );
  // The audit trail names each realisation `<project>/<benefit>/<id>`; its "created" row's actor recorded it.
  const created: { entity_id: string; actor_id: number | null }[] = await knex('audit_log')
    .where({ entity_type: 'realisation', action: 'created' })
    .whereNotNull('actor_id')
    .select('entity_id', 'actor_id');
  const users = new Set(((await knex('users').select('id')) as { id: number }[]).map((u) => u.id));
  for (const row of created) {
    const id = Number(row.entity_id.split('/').pop());
    if (Number.isInteger(id) && row.actor_id !== null && users.has(row.actor_id))
      await knex('realisations').where({ id }).update({ recorded_by_user_id: row.actor_id });
  }
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex))
    for (const when of ['insert', 'update']) await knex.raw(`DROP TRIGGER IF EXISTS realisations_verification_${when}`);
  await knex.schema.alterTable('realisations', (t) => {
    if (isPg(knex)) {
      t.dropChecks(['realisations_verification_status_check', 'realisations_verification_grade_check']);
      for (const column of ['verified_by_user_id', 'recorded_by_user_id', 'changed_by_user_id'])
        t.dropForeign([column]);
    }
    t.dropIndex(['verification_status'], 'realisations_verification_status');
  });
  await knex.schema.alterTable('realisations', (t) => {
    for (const column of COLUMNS) t.dropColumn(column);
  });
}
