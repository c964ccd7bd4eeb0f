/**
 * Figures computed once and reused while nothing has been written: each entry remembers the read
 * model's version (a counter every audited write increments in its transaction, C8), and a read
 * reuses it only if the counter, read first in this request, is unchanged. Another instance's
 * write changes the counter too, so no instance serves figures older than the last commit.
 * Reading the counter before computing means a write that lands during the computation is
 * either in the figures or invalidates them for the next request.
 */
import type { Db } from '../knex';
import * as versionRepo from '../repositories/read-model-version';

const MAX_ENTRIES = 200;

interface Entry {
  version: string;
  value: Promise<unknown>;
}

const memos = new WeakMap<object, Map<string, Entry>>();

export async function memoised<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await versionRepo.current(db);
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new Map()));
  const hit = memo.get(key);
  if (hit && hit.version === version) {
    // Most recently used last, so the oldest goes first when the memo is full.
    memo.delete(key);
    memo.set(key, hit);
    return hit.value as Promise<T>;
  }
  // Concurrent requests for the same figures share one computation.
  const value = compute();
  memo.set(key, { version, value });
  value.catch(() => memo.delete(key));
  if (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value!);
  return value;
}
