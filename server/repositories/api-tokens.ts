import type { Db } from '../knex';
import type { ApiToken } from '../records';
import { nowIso, toIso } from './shared';

interface Row {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  created_at: unknown;
  expires_at: unknown;
  last_used_at: unknown;
  revoked_at: unknown;
}

function map(r: Row): ApiToken {
  const t = (v: unknown) => (v ? toIso(v) : null);
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    prefix: r.prefix,
    createdAt: toIso(r.created_at),
    expiresAt: t(r.expires_at),
    lastUsedAt: t(r.last_used_at),
    revokedAt: t(r.revoked_at),
  };
}

export async function insert(
  db: Db,
  t: { userId: number; name: string; tokenHash: string; prefix: string; expiresAt: string | null },
): Promise<number> {
  const [res] = await db('api_tokens')
    .insert({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      expires_at: t.expiresAt,
      created_at: nowIso(),
    })
    .returning('id');
  return typeof res === 'object' ? Number(res.id) : Number(res);
}

export async function listByUser(db: Db, userId: number): Promise<ApiToken[]> {
  const rows: Row[] = await db('api_tokens').where({ user_id: userId }).orderBy('id', 'desc');
  return rows.map(map);
}

export async function findByHash(db: Db, tokenHash: string): Promise<ApiToken | null> {
  const row: Row | undefined = await db('api_tokens').where({ token_hash: tokenHash }).first();
  return row ? map(row) : null;
}

export async function findById(db: Db, id: number): Promise<ApiToken | null> {
  const row: Row | undefined = await db('api_tokens').where({ id }).first();
  return row ? map(row) : null;
}

export async function revoke(db: Db, id: number): Promise<void> {
  await db('api_tokens').where({ id }).whereNull('revoked_at').update({ revoked_at: nowIso() });
}

/**
 * Records a token's use at most once per `intervalMs`: the condition is in the statement, so
 * instances racing on one token write it once, and a read within the interval writes nothing.
 */
export async function touch(db: Db, id: number, now: Date, intervalMs: number): Promise<void> {
  await db('api_tokens')
    .where({ id })
    .where((q) =>
      q.whereNull('last_used_at').orWhere('last_used_at', '<=', new Date(now.getTime() - intervalMs).toISOString()),
    )
    .update({ last_used_at: now.toISOString() });
}
