/**
 * express-session store on the app's own database (SQLite or PostgreSQL through Knex), so several
 * instances share sessions and "sign out everywhere" is one delete by user id. The SQL lives in
 * repositories/sessions.ts; this adapter is wired up by app.ts and called by express-session, not
 * by a route, so it is the one http module allowed to use a repository.
 */
import session from 'express-session';
import type { Knex } from 'knex';
import * as sessionsRepo from '../repositories/sessions';

type Callback<T = unknown> = (err?: unknown, value?: T) => void;

export class KnexSessionStore extends session.Store {
  private lastPrune = 0;

  constructor(private readonly db: Knex) {
    super();
  }

  private expiry(sess: session.SessionData): string {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(Date.now() + 86_400_000);
    return expires.toISOString();
  }

  get(sid: string, cb: Callback<session.SessionData | null>): void {
    sessionsRepo
      .findLive(this.db, sid)
      .then((sess) => cb(undefined, sess === null ? null : JSON.parse(sess)))
      .catch(cb);
  }

  set(sid: string, sess: session.SessionData, cb?: Callback): void {
    sessionsRepo
      .upsert(this.db, sid, { sess: JSON.stringify(sess), expiresAt: this.expiry(sess), userId: sess.userId ?? null })
      .then(() => this.prune())
      .then(() => cb?.())
      .catch((err) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    sessionsRepo
      .setExpiry(this.db, sid, this.expiry(sess))
      .then(() => cb?.())
      .catch((err) => cb?.(err));
  }

  destroy(sid: string, cb?: Callback): void {
    sessionsRepo
      .remove(this.db, sid)
      .then(() => cb?.())
      .catch((err) => cb?.(err));
  }

  /** Expired rows are removed at most once a minute, on a write. */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await sessionsRepo.removeExpired(this.db);
  }
}
