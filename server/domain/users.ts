/** Users, sign-in with lockout, and API tokens. */
import { inTransaction } from '../knex';
import crypto from 'node:crypto';
import * as usersRepo from '../repositories/users';
import * as tokensRepo from '../repositories/api-tokens';
import * as sessionsRepo from '../repositories/sessions';
import type { Actor, ApiToken, Role, User } from '../records';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../errors';
import type { Db } from '../knex';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords';
import { audit } from './audit';
import { assertRole } from './permissions';
import type { Ctx } from './types';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
/** An API token's last use is recorded at most this often. */
export const TOKEN_USE_RECORD_MS = 60_000;

export function actorFor(user: User): Actor {
  return { id: user.id, label: `${user.name} <${user.email}>`, role: user.role, directorateIds: user.directorateIds };
}

function userSnapshot(u: Pick<User, 'email' | 'name' | 'role' | 'isDisabled' | 'directorateIds'>) {
  return { email: u.email, name: u.name, role: u.role, isDisabled: u.isDisabled, directorateIds: u.directorateIds };
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  directorateIds?: number[];
}

async function insertUser(trx: Db, ctx: Ctx, input: NewUser): Promise<User> {
  const problem = passwordProblem(input.password, input);
  if (problem) throw new ValidationError({ password: problem });
  if (await usersRepo.findByEmailWithHash(trx, input.email))
    throw new ValidationError({ email: 'A user with this email address already exists' });
  const id = await usersRepo.insert(trx, { ...input, passwordHash: await hashPassword(input.password) });
  await usersRepo.setDirectorates(trx, id, input.directorateIds ?? []);
  const user = (await usersRepo.findById(trx, id))!;
  await audit(trx, ctx, {
    action: 'created',
    entityType: 'user',
    entityId: String(id),
    projectId: null,
    summary: `User ${user.email} created as ${user.role}`,
    after: userSnapshot(user),
  });
  return user;
}

export async function createUser(ctx: Ctx, input: NewUser): Promise<User> {
  assertRole(ctx, 'admin');
  return inTransaction(ctx.db, (trx) => insertUser(trx, ctx, input));
}

export async function needsSetup(db: Db): Promise<boolean> {
  return (await usersRepo.count(db)) === 0;
}

/** First run: the first user is an admin, and only while there are no users at all. */
export async function createFirstAdmin(ctx: Ctx, input: Omit<NewUser, 'role'>): Promise<User> {
  return inTransaction(ctx.db, async (trx) => {
    if ((await usersRepo.count(trx)) > 0)
      throw new ConflictError('Realise is already set up: sign in instead.', {}, 'already_set_up');
    return insertUser(
      trx,
      { ...ctx, actor: { ...ctx.actor, label: `setup: ${input.email}` } },
      { ...input, role: 'admin' },
    );
  });
}

export async function listUsers(ctx: Ctx): Promise<User[]> {
  assertRole(ctx, 'admin');
  return usersRepo.listAll(ctx.db);
}

export async function getUser(ctx: Ctx, id: number): Promise<User> {
  if (ctx.actor.id !== id) assertRole(ctx, 'admin');
  const u = await usersRepo.findById(ctx.db, id);
  if (!u) throw new NotFoundError('There is no such user');
  return u;
}

export async function updateUser(
  ctx: Ctx,
  id: number,
  version: number,
  input: { name: string; role: Role; isDisabled: boolean; directorateIds: number[] },
): Promise<User> {
  assertRole(ctx, 'admin');
  return inTransaction(ctx.db, async (trx) => {
    const current = await usersRepo.findById(trx, id);
    if (!current) throw new NotFoundError('There is no such user');
    if (ctx.actor.id === id && (input.role !== 'admin' || input.isDisabled)) {
      throw new ValidationError({
        role: 'You cannot remove your own admin role or disable yourself: ask another admin',
      });
    }
    if (!(await usersRepo.update(trx, id, version, input))) throw new StaleVersionError(current);
    await usersRepo.setDirectorates(trx, id, input.role === 'finance' ? input.directorateIds : []);
    if (input.isDisabled) await sessionsRepo.removeForUser(trx, id);
    const updated = (await usersRepo.findById(trx, id))!;
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'user',
      entityId: String(id),
      projectId: null,
      summary: `User ${updated.email} updated`,
      before: userSnapshot(current),
      after: userSnapshot(updated),
    });
    return updated;
  });
}

/** An admin resets someone's password, or a user changes their own (which needs the current one). */
export async function setPassword(ctx: Ctx, id: number, password: string, currentPassword?: string): Promise<void> {
  const self = ctx.actor.id === id;
  if (!self) assertRole(ctx, 'admin');
  await inTransaction(ctx.db, async (trx) => {
    const user = await usersRepo.findById(trx, id);
    if (!user) throw new NotFoundError('There is no such user');
    if (self && ctx.actor.role !== 'system') {
      const found = await usersRepo.findByEmailWithHash(trx, user.email);
      if (!found || !(await verifyPassword(currentPassword ?? '', found.passwordHash)))
        throw new ValidationError({ currentPassword: 'Your current password is not right' });
    }
    const problem = passwordProblem(password, user);
    if (problem) throw new ValidationError({ password: problem });
    await usersRepo.setPasswordHash(trx, id, await hashPassword(password));
    // A new password signs the user out everywhere else.
    await sessionsRepo.removeForUser(trx, id);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'user',
      entityId: String(id),
      projectId: null,
      summary: `Password ${self ? 'changed' : 'reset'} for ${user.email}`,
    });
  });
}

export const SIGN_IN_FAILED =
  'The email address or password is not right, or the account is locked after too many attempts. Check them, or wait 15 minutes and try again.';

/**
 * The same answer for an unknown email, a wrong password, a disabled or a locked account.
 *
 * Parallel guessing cannot beat the lockout: each attempt is counted in the database before its
 * password is checked (one atomic statement, on every instance), so only the first
 * MAX_FAILED_SIGN_INS attempts since the last success are ever allowed through, and the attempt
 * that reaches the limit locks the account. A right password then signs in only if no attempt
 * beyond the limit has been counted meanwhile, checked in the statement that resets the count.
 * Every attempt still checks the password, so a locked account answers in the same time.
 */
export async function signIn(db: Db, email: string, password: string, now = new Date()): Promise<User> {
  const found = await usersRepo.findByEmailWithHash(db, email.trim());
  if (!found) {
    await verifyPassword(password, await decoyHash());
    throw new ForbiddenError(SIGN_IN_FAILED);
  }
  const { user, passwordHash } = found;
  const attempt = await usersRepo.claimSignInAttempt(db, user.id, {
    now: now.toISOString(),
    max: MAX_FAILED_SIGN_INS,
    lockUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString(),
  });
  const ok = await verifyPassword(password, passwordHash);
  if (!ok || attempt > MAX_FAILED_SIGN_INS || user.isDisabled) throw new ForbiddenError(SIGN_IN_FAILED);
  if (!(await usersRepo.recordSignIn(db, user.id, { now: new Date().toISOString(), max: MAX_FAILED_SIGN_INS })))
    throw new ForbiddenError(SIGN_IN_FAILED);
  return user;
}

/** Signs the user out of every session, on every instance. */
export async function signOutEverywhere(db: Db, userId: number): Promise<number> {
  return sessionsRepo.removeForUser(db, userId);
}

// ## API tokens

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(
  ctx: Ctx,
  userId: number,
  name: string,
  expiresInDays: number | null,
): Promise<{ token: string; record: ApiToken }> {
  if (ctx.actor.id !== userId) assertRole(ctx, 'admin');
  return inTransaction(ctx.db, async (trx) => {
    const user = await usersRepo.findById(trx, userId);
    if (!user) throw new NotFoundError('There is no such user');
    // 32 random bytes; only the SHA-256 is stored, so a database leak does not leak tokens.
    const token = `rls_${crypto.randomBytes(32).toString('base64url')}`;
    const expiresAt = expiresInDays === null ? null : new Date(Date.now() + expiresInDays * 86_400_000).toISOString();
    const id = await tokensRepo.insert(trx, {
      userId,
      name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      expiresAt,
    });
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'api_token',
      entityId: String(id),
      projectId: null,
      summary: `API token "${name}" created for ${user.email}`,
      after: { name, expiresAt },
    });
    return { token, record: (await tokensRepo.findById(trx, id))! };
  });
}

export async function listApiTokens(ctx: Ctx, userId: number): Promise<ApiToken[]> {
  if (ctx.actor.id !== userId) assertRole(ctx, 'admin');
  return tokensRepo.listByUser(ctx.db, userId);
}

export async function revokeApiToken(ctx: Ctx, userId: number, tokenId: number): Promise<void> {
  if (ctx.actor.id !== userId) assertRole(ctx, 'admin');
  await inTransaction(ctx.db, async (trx) => {
    const t = await tokensRepo.findById(trx, tokenId);
    if (!t || t.userId !== userId) throw new NotFoundError('There is no such token');
    await tokensRepo.revoke(trx, tokenId);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'api_token',
      entityId: String(tokenId),
      projectId: null,
      summary: `API token "${t.name}" revoked`,
      before: { revokedAt: null },
      after: { revokedAt: 'now' },
    });
  });
}

/** The user behind a signed-in session, or null when they are gone or disabled (the session then ends). */
export async function userForSession(db: Db, userId: number): Promise<User | null> {
  const user = await usersRepo.findById(db, userId);
  return user && !user.isDisabled ? user : null;
}

/** Bearer token → its user, or null for an unknown, revoked or expired token, or a disabled user. */
export async function authenticateToken(db: Db, token: string, now = new Date()): Promise<User | null> {
  const t = await tokensRepo.findByHash(db, hashToken(token));
  if (!t || t.revokedAt !== null || (t.expiresAt !== null && new Date(t.expiresAt) <= now)) return null;
  const user = await usersRepo.findById(db, t.userId);
  if (!user || user.isDisabled) return null;
  // Reads stay reads: the last use is recorded at most once a minute, and the row in hand already
  // says whether it is due, so most requests do not even ask the database to write.
  if (t.lastUsedAt === null || now.getTime() - new Date(t.lastUsedAt).getTime() >= TOKEN_USE_RECORD_MS)
    await tokensRepo.touch(db, t.id, now, TOKEN_USE_RECORD_MS);
  return user;
}
