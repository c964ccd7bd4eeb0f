/** Every write records who did what, with before and after values, in the same transaction. */
import type { Db } from '../knex';
import * as auditRepo from '../repositories/audit-log';
import * as versionRepo from '../repositories/read-model-version';
import type { AuditEntry } from '../repositories/audit-log';
import type { Ctx } from './types';

type Entry = Omit<AuditEntry, 'actorId' | 'actorLabel' | 'requestId'>;

export async function audit(trx: Db, ctx: Ctx, entry: Entry): Promise<void> {
  // Every audited write may change a figure: memoised reads (read-memo.ts) must see it.
  await versionRepo.bump(trx);
  await auditRepo.record(trx, {
    ...entry,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.label,
    requestId: ctx.requestId,
  });
}
