/**
 * C10 Verification of realisations: a finance partner (for the project's directorate) or an
 * administrator who did not record a realisation marks it verified, with an evidence grade; either
 * may return it to unverified with a reason. One write path for the web and the API: authorised,
 * at the version the user saw, audited, and the read model's verified series refreshed in the same
 * transaction (C8), since `verifiedOnly` indicators count only verified realisations.
 */
import { inTransaction } from '../knex';
import * as realisationsRepo from '../repositories/realisations';
import { StaleVersionError, ValidationError } from '../errors';
import { fyLabel } from '../financial-year';
import type { EvidenceGrade, Realisation } from '../records';
import { audit } from './audit';
import { refreshSummaries } from './summaries';
import { allows, assertCanUnverify, assertCanVerify } from './permissions';
import { getRealisation, getRealisationById, type RealisationContext } from './realisations';
import type { Ctx } from './types';

export const GRADE_LABELS: Record<EvidenceGrade, string> = {
  audited: 'Audited',
  management_information: 'Management information',
  estimate: 'Estimate',
};

/** Where the realisation is: by id (the API) or by project, benefit and id (the pages). */
export type RealisationAddress = { id: number } | { projectCode: string; ref: string; id: number };

async function load(db: Ctx['db'], at: RealisationAddress): Promise<RealisationContext> {
  return 'projectCode' in at
    ? getRealisation({ db }, at.projectCode, at.ref, at.id)
    : getRealisationById({ db }, at.id);
}

async function auditVerification(
  trx: Ctx['db'],
  ctx: Ctx,
  found: RealisationContext,
  summary: string,
  after: Record<string, unknown>,
): Promise<void> {
  const { project, benefit, realisation } = found;
  await audit(trx, ctx, {
    action: 'updated',
    entityType: 'realisation',
    entityId: `${project.code}/${benefit.ref}/${realisation.id}`,
    projectId: project.id,
    summary: `Realisation for ${benefit.ref} in ${fyLabel(realisation.fy)} on ${project.code} ${summary}`.slice(0, 300),
    before: { verification: realisation.verification.status, grade: realisation.verification.grade },
    after,
  });
}

/** Marks a realisation verified with an evidence grade (C10); `version` is the one the user saw. */
export async function verifyRealisation(
  ctx: Ctx,
  at: RealisationAddress,
  version: number,
  grade: EvidenceGrade,
): Promise<Realisation> {
  return inTransaction(ctx.db, async (trx) => {
    const found = await load(trx, at);
    const { project, realisation } = found;
    assertCanVerify(ctx, project, realisation);
    if (realisation.version !== version) throw new StaleVersionError(realisation);
    if (realisation.verification.status === 'verified')
      throw new ValidationError({
        grade: 'This realisation is already verified: unverify it first to change its grade',
      });
    const by = { status: 'verified' as const, grade, byUserId: ctx.actor.id, by: ctx.actor.label };
    if (!(await realisationsRepo.setVerification(trx, realisation.id, version, by)))
      throw new StaleVersionError(realisation);
    await refreshSummaries(trx, [project.id]);
    await auditVerification(trx, ctx, found, `verified (${GRADE_LABELS[grade].toLowerCase()})`, {
      verification: 'verified',
      grade,
    });
    return (await realisationsRepo.findById(trx, realisation.id))!;
  });
}

/** Returns a verified realisation to unverified, with a reason (C10). */
export async function unverifyRealisation(
  ctx: Ctx,
  at: RealisationAddress,
  version: number,
  reason: string,
): Promise<Realisation> {
  return inTransaction(ctx.db, async (trx) => {
    const found = await load(trx, at);
    const { project, realisation } = found;
    assertCanUnverify(ctx, project);
    if (realisation.version !== version) throw new StaleVersionError(realisation);
    if (realisation.verification.status !== 'verified')
      throw new ValidationError({ reason: 'This realisation is not verified' });
    if (!(await realisationsRepo.setVerification(trx, realisation.id, version, { status: 'unverified' })))
      throw new StaleVersionError(realisation);
    await refreshSummaries(trx, [project.id]);
    await auditVerification(trx, ctx, found, `returned to unverified: ${reason}`, {
      verification: 'unverified',
      reason,
    });
    return (await realisationsRepo.findById(trx, realisation.id))!;
  });
}

export interface VerificationPermissions {
  mayVerify: boolean;
  mayUnverify: boolean;
}

/** What this actor may do to a realisation's verification, asked of the same checks the writes make. */
export function verificationPermissions(ctx: Pick<Ctx, 'actor'>, found: RealisationContext): VerificationPermissions {
  const verified = found.realisation.verification.status === 'verified';
  return {
    mayVerify: !verified && allows(() => assertCanVerify(ctx, found.project, found.realisation)),
    mayUnverify: verified && allows(() => assertCanUnverify(ctx, found.project)),
  };
}
