/** Every write records who did what, with before and after values, in the same transaction. */
import type { Db } from '../knex';
import * as auditRepo from '../repositories/audit-log';
import type { AuditEntry } from '../repositories/audit-log';
import type { Ctx } from './types';

type Entry = Omit<AuditEntry, 'actorId' | 'actorLabel' | 'requestId'>;

export async function audit(trx: Db, ctx: Ctx, entry: Entry): Promise<void> {
  await auditRepo.record(trx, {
    ...entry,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.label,
    requestId: ctx.requestId,
  });
}
