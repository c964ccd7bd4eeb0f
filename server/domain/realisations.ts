import { inTransaction } from '../knex';
import * as realisationsRepo from '../repositories/realisations';
import * as benefitsRepo from '../repositories/benefits';
import * as projectsRepo from '../repositories/projects';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors';
import type { Db } from '../knex';
import { currentFy, fyLabel } from '../financial-year';
import type { RealisationInput } from '../validation/realisations.schema';
import { audit } from './audit';
import { afterFlowsChanged } from './flow-writes';
import { assertCanRecordRealisation } from './permissions';
import { getBenefit, type BenefitDetail } from './benefits';
import { assertNotBeforeBase } from './projects';
import {
  futureRealisationProblem,
  realisationEvidenceProblem,
  realisationProblems,
  realisationSignProblem,
  verifiedChangeProblem,
} from './rules';
import { realisationSnapshot } from '../snapshots';
import type { Ctx } from './types';
import type { Benefit, Project, Realisation } from '../records';

/**
 * The rules every realisation write meets, a new one or an edit of an old row alike (the schema
 * checks the sign and the evidence too, for a field message).
 */
function checkAgainstBenefit(project: Project, benefit: Benefit, input: RealisationInput): void {
  assertNotBeforeBase(project, input.year, 'year');
  const future = futureRealisationProblem(input.year, currentFy());
  const sign = realisationSignProblem(input.amount, input.isCorrection);
  const evidence = realisationEvidenceProblem(input.amount, input.evidence);
  const problems = {
    ...(future ? { year: future } : {}),
    ...(sign ? { amount: sign } : {}),
    ...realisationProblems(benefit.type, input),
    ...(evidence && benefit.type !== 'qualitative' ? { evidence } : {}),
  };
  if (Object.keys(problems).length) throw new ValidationError(problems);
}

function toWrite(input: RealisationInput): realisationsRepo.RealisationWrite {
  const { changeReason: _reason, ...fields } = input;
  return { ...fields, fy: input.year };
}

export interface RealisationContext {
  project: Project;
  benefit: Benefit;
  realisation: Realisation;
}

export async function getRealisation(
  ctx: Ctx | { db: Db },
  projectCode: string,
  ref: string,
  id: number,
): Promise<RealisationContext> {
  const { project, benefit, realisations } = await getBenefit(ctx, projectCode, ref);
  const realisation = realisations.find((r) => r.id === id);
  if (!realisation) throw new NotFoundError(`There is no realisation ${id} on benefit ${benefit.ref}`);
  return { project, benefit, realisation };
}

/** The API addresses realisations by id alone. */
export async function getRealisationById(ctx: Ctx | { db: Db }, id: number): Promise<RealisationContext> {
  const realisation = await realisationsRepo.findById(ctx.db, id);
  if (!realisation) throw new NotFoundError(`There is no realisation ${id}`);
  const benefit = (await benefitsRepo.findById(ctx.db, realisation.benefitId))!;
  const project = (await projectsRepo.findById(ctx.db, benefit.projectId))!;
  return { project, benefit, realisation };
}

type Shown = Parameters<typeof realisationSnapshot>[0];
const VERBS = { created: 'recorded on', updated: 'updated on', deleted: 'deleted from' } as const;

/** The audit row of a realisation write: the summary names its year as it is after (or before, for a delete). */
async function auditRealisation(
  trx: Db,
  ctx: Ctx,
  on: { project: Project; benefit: Benefit; id: number },
  action: keyof typeof VERBS,
  change: { before?: Shown; after?: Shown; unverifiedBecause?: string },
): Promise<void> {
  const { project, benefit, id } = on;
  const fy = (change.after ?? change.before)!.fy;
  const reason = change.unverifiedBecause;
  // C10: a change to a verified realisation says so, with its reason, and that it is unverified now.
  const unverified = reason === undefined ? '' : ` (was verified; now unverified: ${reason})`;
  await audit(trx, ctx, {
    action,
    entityType: 'realisation',
    entityId: `${project.code}/${benefit.ref}/${id}`,
    projectId: project.id,
    summary: `Realisation for ${benefit.ref} in ${fyLabel(fy)} ${VERBS[action]} ${project.code}${unverified}`.slice(
      0,
      300,
    ),
    ...(change.before ? { before: realisationSnapshot(change.before) } : {}),
    ...(change.after
      ? {
          after: {
            ...realisationSnapshot(change.after),
            ...(reason === undefined ? {} : { verification: 'unverified', changeReason: reason }),
          },
        }
      : {}),
  });
}

export async function recordRealisation(
  ctx: Ctx,
  projectCode: string,
  ref: string,
  input: RealisationInput,
): Promise<Realisation> {
  return inTransaction(ctx.db, async (trx) => {
    const { project, benefit }: BenefitDetail = await getBenefit({ db: trx }, projectCode, ref);
    await assertCanRecordRealisation(ctx, trx, project);
    checkAgainstBenefit(project, benefit, input);
    const id = await realisationsRepo.insert(trx, benefit.id, { ...toWrite(input), recordedByUserId: ctx.actor.id });
    await afterFlowsChanged(trx, project, 'amount');
    await auditRealisation(trx, ctx, { project, benefit, id }, 'created', { after: toWrite(input) });
    return (await realisationsRepo.findById(trx, id))!;
  });
}

async function load(trx: Db, projectCode: string | null, ref: string | null, id: number): Promise<RealisationContext> {
  return projectCode === null || ref === null
    ? getRealisationById({ db: trx }, id)
    : getRealisation({ db: trx }, projectCode, ref, id);
}

export async function updateRealisation(
  ctx: Ctx,
  projectCode: string | null,
  ref: string | null,
  id: number,
  version: number,
  input: RealisationInput,
): Promise<Realisation> {
  return inTransaction(ctx.db, async (trx) => {
    const { project, benefit, realisation } = await load(trx, projectCode, ref, id);
    await assertCanRecordRealisation(ctx, trx, project);
    checkAgainstBenefit(project, benefit, input);
    // C10: a verified realisation changes only with a reason, and returns to unverified (the write resets it).
    const verified = realisation.verification.status === 'verified';
    const reasonProblem = verifiedChangeProblem(verified, input.changeReason);
    if (reasonProblem && realisation.version === version) throw new ValidationError({ changeReason: reasonProblem });
    const write = { ...toWrite(input), changedByUserId: ctx.actor.id };
    if (!(await realisationsRepo.update(trx, id, version, write))) throw new StaleVersionError(realisation);
    await afterFlowsChanged(trx, project, 'amount');
    await auditRealisation(trx, ctx, { project, benefit, id }, 'updated', {
      before: realisation,
      after: toWrite(input),
      ...(verified ? { unverifiedBecause: input.changeReason.trim() } : {}),
    });
    return (await realisationsRepo.findById(trx, id))!;
  });
}

/** `version`, when given (the API's If-Match), must be the current one: otherwise StaleVersionError. */
export async function deleteRealisation(
  ctx: Ctx,
  projectCode: string | null,
  ref: string | null,
  id: number,
  version?: number,
): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const { project, benefit, realisation } = await load(trx, projectCode, ref, id);
    await assertCanRecordRealisation(ctx, trx, project);
    if (!(await realisationsRepo.remove(trx, id, version))) throw new StaleVersionError(realisation);
    // Removing a correction raises its year's total.
    await afterFlowsChanged(trx, project, 'amount');
    await auditRealisation(trx, ctx, { project, benefit, id }, 'deleted', { before: realisation });
  });
}

// ## Forms: shown only to someone whose save would be allowed, by the same checks as the save

/** The record-a-realisation form: the benefit, if this actor may record on its project (as recordRealisation checks). */
export async function assertMayRecordRealisation(ctx: Ctx, projectCode: string, ref: string): Promise<BenefitDetail> {
  const detail = await getBenefit(ctx, projectCode, ref);
  await assertCanRecordRealisation(ctx, ctx.db, detail.project);
  return detail;
}

/** The edit and delete forms of a realisation: refused as updateRealisation and deleteRealisation would. */
export async function assertMayEditRealisation(
  ctx: Ctx,
  projectCode: string,
  ref: string,
  id: number,
): Promise<RealisationContext> {
  const found = await getRealisation(ctx, projectCode, ref, id);
  await assertCanRecordRealisation(ctx, ctx.db, found.project);
  return found;
}
