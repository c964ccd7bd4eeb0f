import type { Db } from '../knex';
import type { Role, User } from '../records';
import { insertReturningId, nowIso, toBool, toIso, updateVersioned } from './shared';

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  is_disabled: unknown;
  failed_sign_ins: number;
  locked_until: unknown;
  last_sign_in_at: unknown;
  version: number;
}

function map(r: UserRow, directorateIds: number[]): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    isDisabled: toBool(r.is_disabled),
    failedSignIns: r.failed_sign_ins,
    lockedUntil: r.locked_until ? toIso(r.locked_until) : null,
    lastSignInAt: r.last_sign_in_at ? toIso(r.last_sign_in_at) : null,
    version: r.version,
    directorateIds,
  };
}

async function scopes(db: Db, ids: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (ids.length === 0) return out;
  const rows: { user_id: number; directorate_id: number }[] = await db('user_directorates').whereIn('user_id', ids);
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.directorate_id]);
  return out;
}

export async function count(db: Db): Promise<number> {
  const row = await db('users').count<{ n: string | number }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function listAll(db: Db): Promise<User[]> {
  const rows: UserRow[] = await db('users').orderBy('name');
  const s = await scopes(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => map(r, s.get(r.id) ?? []));
}

export async function findById(db: Db, id: number): Promise<User | null> {
  const row: UserRow | undefined = await db('users').where({ id }).first();
  return row ? map(row, (await scopes(db, [id])).get(id) ?? []) : null;
}

/** Emails compare case-insensitively; they are stored lower-case. */
export async function findByEmailWithHash(db: Db, email: string): Promise<{ user: User; passwordHash: string } | null> {
  const row: UserRow | undefined = await db('users').where({ email: email.toLowerCase() }).first();
  return row
    ? { user: map(row, (await scopes(db, [row.id])).get(row.id) ?? []), passwordHash: row.password_hash }
    : null;
}

export async function insert(
  db: Db,
  u: { email: string; name: string; role: Role; passwordHash: string },
): Promise<number> {
  return insertReturningId(db, 'users', {
    email: u.email.toLowerCase(),
    name: u.name,
    role: u.role,
    password_hash: u.passwordHash,
  });
}

export async function update(
  db: Db,
  id: number,
  version: number,
  u: { name: string; role: Role; isDisabled: boolean },
): Promise<boolean> {
  return updateVersioned(db, 'users', id, version, { name: u.name, role: u.role, is_disabled: u.isDisabled });
}

export async function setDirectorates(db: Db, id: number, directorateIds: number[]): Promise<void> {
  await db('user_directorates').where({ user_id: id }).delete();
  if (directorateIds.length)
    await db('user_directorates').insert(directorateIds.map((d) => ({ user_id: id, directorate_id: d })));
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string): Promise<void> {
  await db('users')
    .where({ id })
    .update({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, updated_at: nowIso() })
    .increment('version', 1);
}

/**
 * Claims one sign-in attempt before the password is checked, counting and deciding the lock in a
 * single statement, so parallel guesses on any number of instances each see every earlier one.
 * A lock that has run out starts a fresh count; an attempt never extends a running lock; the
 * attempt that reaches `max` sets the lock. Returns this attempt's number since the last success
 * or expired lock: only attempts numbered up to `max` may sign in.
 */
export async function claimSignInAttempt(
  db: Db,
  id: number,
  p: { now: string; max: number; lockUntil: string },
): Promise<number> {
  const expired = '(locked_until IS NOT NULL AND locked_until <= ?)';
  const rows: { failed_sign_ins: number | string }[] = await db('users')
    .where({ id })
    .update(
      {
        failed_sign_ins: db.raw(`CASE WHEN ${expired} THEN 1 ELSE failed_sign_ins + 1 END`, [p.now]),
        locked_until: db.raw(
          `CASE WHEN ${expired} THEN NULL WHEN locked_until IS NULL AND failed_sign_ins + 1 >= ? THEN ? ELSE locked_until END`,
          [p.now, p.max, p.lockUntil],
        ),
      },
      ['failed_sign_ins'],
    );
  return rows.length ? Number(rows[0].failed_sign_ins) : Number.POSITIVE_INFINITY;
}

/**
 * A right password signs in only while no attempt beyond the allowed `max` has been claimed since
 * (checked in the same statement that clears the count and the lock). Returns whether it did.
 */
export async function recordSignIn(db: Db, id: number, p: { now: string; max: number }): Promise<boolean> {
  const n = await db('users')
    .where({ id })
    .where('failed_sign_ins', '<=', p.max)
    .update({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: p.now });
  return n === 1;
}

export async function setDisabled(db: Db, id: number, disabled: boolean): Promise<void> {
  await db('users').where({ id }).update({ is_disabled: disabled, updated_at: nowIso() }).increment('version', 1);
}

// ## Projects a project manager manages

export async function managedProjectIds(db: Db, userId: number): Promise<number[]> {
  const rows: { project_id: number }[] = await db('project_managers').where({ user_id: userId }).select('project_id');
  return rows.map((r) => r.project_id);
}

export async function isProjectManager(db: Db, userId: number, projectId: number): Promise<boolean> {
  return Boolean(await db('project_managers').where({ user_id: userId, project_id: projectId }).first());
}

export async function managersOf(db: Db, projectId: number): Promise<{ id: number; name: string; email: string }[]> {
  return db('project_managers as pm')
    .join('users as u', 'u.id', 'pm.user_id')
    .where('pm.project_id', projectId)
    .select('u.id', 'u.name', 'u.email')
    .orderBy('u.name');
}

export async function setManagers(db: Db, projectId: number, userIds: number[]): Promise<void> {
  await db('project_managers').where({ project_id: projectId }).delete();
  if (userIds.length) await db('project_managers').insert(userIds.map((u) => ({ project_id: projectId, user_id: u })));
}
