/**
 * express-session store on the app's own database (SQLite or PostgreSQL through Knex), so several
 * instances share sessions and "sign out everywhere" is one delete by user id.
 */
import session from 'express-session';
import type { Knex } from 'knex';

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
    this.db('sessions')
      .where({ sid })
      .first()
      .then((row: { sess: string; expires_at: unknown } | undefined) => {
        if (!row || new Date(row.expires_at as string) <= new Date()) return cb(undefined, null);
        cb(undefined, JSON.parse(row.sess));
      })
      .catch(cb);
  }

  set(sid: string, sess: session.SessionData, cb?: Callback): void {
    const row = { sid, sess: JSON.stringify(sess), expires_at: this.expiry(sess), user_id: sess.userId ?? null };
    this.db('sessions')
      .insert(row)
      .onConflict('sid')
      .merge(['sess', 'expires_at', 'user_id'])
      .then(() => this.prune())
      .then(() => cb?.())
      .catch((err) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    this.db('sessions')
      .where({ sid })
      .update({ expires_at: this.expiry(sess) })
      .then(() => cb?.())
      .catch((err) => cb?.(err));
  }

  destroy(sid: string, cb?: Callback): void {
    this.db('sessions')
      .where({ sid })
      .delete()
      .then(() => cb?.())
      .catch((err) => cb?.(err));
  }

  /** Expired rows are removed at most once a minute, on a write. */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.db('sessions').where('expires_at', '<', new Date().toISOString()).delete();
  }
}
