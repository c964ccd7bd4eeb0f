/** express-session rows: the session as JSON, its expiry, and its user (for "sign out everywhere"). */
import type { Db } from '../knex';

interface Row {
  sid: string;
  sess: string;
  expires_at: unknown;
  user_id: number | null;
}

/** The stored session JSON, or null when there is none or it has expired. */
export async function findLive(db: Db, sid: string, now = new Date()): Promise<string | null> {
  const row: Row | undefined = await db('sessions').where({ sid }).first();
  if (!row || new Date(row.expires_at as string) <= now) return null;
  return row.sess;
}

export async function upsert(
  db: Db,
  sid: string,
  s: { sess: string; expiresAt: string; userId: number | null },
): Promise<void> {
  await db('sessions')
    .insert({ sid, sess: s.sess, expires_at: s.expiresAt, user_id: s.userId })
    .onConflict('sid')
    .merge(['sess', 'expires_at', 'user_id']);
}

export async function setExpiry(db: Db, sid: string, expiresAt: string): Promise<void> {
  await db('sessions').where({ sid }).update({ expires_at: expiresAt });
}

export async function remove(db: Db, sid: string): Promise<void> {
  await db('sessions').where({ sid }).delete();
}

export async function removeExpired(db: Db, now = new Date()): Promise<void> {
  await db('sessions').where('expires_at', '<', now.toISOString()).delete();
}

/** Every session of one user, on every instance; returns how many there were. */
export async function removeForUser(db: Db, userId: number): Promise<number> {
  return db('sessions').where({ user_id: userId }).delete();
}
