import type { Db } from '../knex';
import { nowIso } from './shared';

export async function getAll(db: Db): Promise<Record<string, { value: unknown; version: number }>> {
  const rows: { key: string; value: string; version: number }[] = await db('settings').select(
    'key',
    'value',
    'version',
  );
  return Object.fromEntries(rows.map((r) => [r.key, { value: JSON.parse(r.value), version: r.version }]));
}

export async function put(db: Db, key: string, value: unknown): Promise<void> {
  const now = nowIso();
  const existing = await db('settings').where({ key }).first();
  if (existing) {
    await db('settings')
      .where({ key })
      .update({ value: JSON.stringify(value), updated_at: now, version: existing.version + 1 });
  } else {
    await db('settings').insert({ key, value: JSON.stringify(value), created_at: now, updated_at: now });
  }
}

/** Unset a key, so readers fall back to the default (e.g. no discountRate means the Green Book rule). */
export async function remove(db: Db, key: string): Promise<void> {
  await db('settings').where({ key }).delete();
}
