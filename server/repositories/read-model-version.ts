/** The read model's version counter (table read_model_version): bumped by every audited write. */
import type { Db } from '../knex';

export async function bump(db: Db): Promise<void> {
  await db('read_model_version').where({ id: 1 }).increment('n', 1);
}

export async function current(db: Db): Promise<string> {
  const row = await db('read_model_version').where({ id: 1 }).first('n');
  return String(row?.n ?? 0);
}
