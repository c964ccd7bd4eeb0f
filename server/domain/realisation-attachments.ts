/**
 * C10 evidence files on a realisation. Whoever may record the realisation (its project managers,
 * administrators) or verify it (finance partners for the directorate) may attach a file; every
 * signed-in user may see every project, so every signed-in user may download its evidence. A
 * verified realisation's files stay as they were verified: unverify it before removing one.
 */
import { createHash } from 'node:crypto';
import { inTransaction } from '../knex';
import * as attachmentsRepo from '../repositories/realisation-attachments';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../errors';
import { fyLabel } from '../financial-year';
import { checkEvidenceFile } from '../io/evidence-files';
import type { RealisationAttachment } from '../records';
import { audit } from './audit';
import { assertCanRecordRealisation, canEditDirectorate, hasRole } from './permissions';
import type { RealisationAddress } from './verification';
import { getRealisation, getRealisationById, type RealisationContext } from './realisations';
import type { Ctx } from './types';

async function load(db: Ctx['db'], at: RealisationAddress): Promise<RealisationContext> {
  return 'projectCode' in at
    ? getRealisation({ db }, at.projectCode, at.ref, at.id)
    : getRealisationById({ db }, at.id);
}

/** Project managers and administrators (who record it) or finance partners for its directorate (who verify it). */
async function assertMayAttach(ctx: Ctx, db: Ctx['db'], found: RealisationContext): Promise<void> {
  if (hasRole(ctx.actor, 'finance') && canEditDirectorate(ctx.actor, found.project.directorateId)) return;
  try {
    await assertCanRecordRealisation(ctx, db, found.project);
  } catch (err) {
    if (err instanceof ForbiddenError)
      throw new ForbiddenError(
        `Only the project managers of ${found.project.code}, finance partners for its directorate or administrators can attach evidence to its realisations`,
      );
    throw err;
  }
}

function entity(found: RealisationContext): string {
  return `${found.project.code}/${found.benefit.ref}/${found.realisation.id}`;
}

export async function attachEvidence(
  ctx: Ctx,
  at: RealisationAddress,
  file: { fileName: string; content: Buffer },
): Promise<RealisationAttachment> {
  return inTransaction(ctx.db, async (trx) => {
    const found = await load(trx, at);
    await assertMayAttach(ctx, trx, found);
    const check = checkEvidenceFile(file.content, file.fileName);
    if (!check.ok) throw new ValidationError({ file: check.error });
    const id = await attachmentsRepo.insert(trx, {
      realisationId: found.realisation.id,
      fileName: file.fileName,
      contentType: check.type.contentType,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      uploadedBy: ctx.actor.label.slice(0, 200),
      uploadedByUserId: ctx.actor.id,
    });
    const saved = (await attachmentsRepo.findById(trx, id))!;
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'realisation_attachment',
      entityId: `${entity(found)}/${id}`,
      projectId: found.project.id,
      summary:
        `Evidence file ${file.fileName} attached to the realisation for ${found.benefit.ref} in ${fyLabel(found.realisation.fy)} on ${found.project.code}`.slice(
          0,
          300,
        ),
      after: {
        fileName: saved.fileName,
        contentType: saved.contentType,
        sizeBytes: saved.sizeBytes,
        sha256: saved.sha256,
      },
    });
    return saved;
  });
}

export async function listEvidence(ctx: Ctx, at: RealisationAddress): Promise<RealisationAttachment[]> {
  const found = await load(ctx.db, at);
  return attachmentsRepo.listByRealisation(ctx.db, found.realisation.id);
}

/** One file to download: any signed-in user may see any project, so any may read its evidence. */
export async function getEvidenceFile(
  ctx: Ctx,
  attachmentId: number,
  at?: RealisationAddress,
): Promise<{ attachment: RealisationAttachment; content: Buffer }> {
  const attachment = await attachmentsRepo.findById(ctx.db, attachmentId);
  const missing = () => new NotFoundError(`There is no evidence file ${attachmentId}`);
  if (!attachment) throw missing();
  if (at) {
    const found = await load(ctx.db, at);
    if (found.realisation.id !== attachment.realisationId) throw missing();
  }
  const content = await attachmentsRepo.content(ctx.db, attachmentId);
  if (!content) throw missing();
  return { attachment, content };
}

/** `version` is the realisation's, as the user saw it: refused (409) if it changed since, say verified. */
export async function removeEvidence(
  ctx: Ctx,
  at: RealisationAddress,
  attachmentId: number,
  version: number,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const found = await load(trx, at);
    await assertMayAttach(ctx, trx, found);
    if (found.realisation.version !== version) throw new StaleVersionError(found.realisation);
    const attachment = await attachmentsRepo.findById(trx, attachmentId);
    if (!attachment || attachment.realisationId !== found.realisation.id)
      throw new NotFoundError(`There is no evidence file ${attachmentId}`);
    if (found.realisation.verification.status === 'verified')
      throw new ValidationError({
        file: 'This realisation was verified with this file: unverify it before removing its evidence',
      });
    await attachmentsRepo.remove(trx, attachmentId);
    await audit(trx, ctx, {
      action: 'deleted',
      entityType: 'realisation_attachment',
      entityId: `${entity(found)}/${attachmentId}`,
      projectId: found.project.id,
      summary:
        `Evidence file ${attachment.fileName} removed from the realisation for ${found.benefit.ref} on ${found.project.code}`.slice(
          0,
          300,
        ),
      before: { fileName: attachment.fileName, sha256: attachment.sha256 },
    });
  });
}

/** Whether this actor may attach (and remove) evidence files on this realisation: asked of the same check. */
export async function mayAttachEvidence(ctx: Ctx, found: RealisationContext): Promise<boolean> {
  if (hasRole(ctx.actor, 'finance') && canEditDirectorate(ctx.actor, found.project.directorateId)) return true;
  try {
    await assertCanRecordRealisation(ctx, ctx.db, found.project);
    return true;
  } catch (err) {
    if (err instanceof ForbiddenError) return false;
    throw err;
  }
}
