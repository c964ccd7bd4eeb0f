import { inTransaction } from '../knex';
import * as benefitsRepo from '../repositories/benefits';
import * as profilesRepo from '../repositories/benefit-profiles';
import * as realisationsRepo from '../repositories/realisations';
import * as projectYearsRepo from '../repositories/project-years';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors';
import type { Db } from '../knex';
import type { BenefitInput } from '../validation/benefits.schema';
import { audit } from './audit';
import { afterFlowsChanged } from './flow-writes';
import { refreshRealisationGaps } from './summaries';
import type { YearlyTotal } from './year-totals';
import { assertCanEditProject, assertCanRecordRealisation, canEditDirectorate } from './permissions';
import { assertMayEditProject, getProject } from './projects';
import {
  baseYearProblem,
  duplicateBenefitRefProblem,
  qualitativeMoneyProblem,
  repeatedYearProblem,
  repeatedYears,
  typeChangeProblem,
  budgetReductionBenefitProblem,
  type RecordedRealisations,
} from './rules';
import * as budgetReductionsRepo from '../repositories/budget-reductions';
import { benefitSnapshot } from '../snapshots';
import type { Ctx } from './types';
import type { Benefit, BenefitStatus, ProfileEntry, Project, Realisation } from '../records';

export interface BenefitDetail {
  project: Project;
  benefit: Benefit;
  profile: ProfileEntry[];
  realisations: Realisation[];
}

export async function getBenefit(ctx: Ctx | { db: Db }, projectCode: string, ref: string): Promise<BenefitDetail> {
  const project = await getProject(ctx, projectCode);
  const benefit = await benefitsRepo.findByRef(ctx.db, project.id, ref);
  if (!benefit) throw new NotFoundError(`There is no benefit ${ref} on project ${project.code}`);
  // Sequential: ctx.db may be a transaction, whose queries share one connection.
  const profile = await profilesRepo.listByBenefit(ctx.db, benefit.id);
  const realisations = await realisationsRepo.listByBenefit(ctx.db, benefit.id);
  return { project, benefit, profile, realisations };
}

/** Every benefit of a project with its profile and realisations: three reads, however many benefits. */
export async function listBenefits(ctx: Ctx, projectCode: string): Promise<BenefitDetail[]> {
  const project = await getProject(ctx, projectCode);
  // Sequential: ctx.db may be a transaction, whose queries share one connection.
  const benefits = await benefitsRepo.listByProject(ctx.db, project.id);
  const profiles = await profilesRepo.listByProject(ctx.db, project.id);
  const realisations = await realisationsRepo.listByProject(ctx.db, project.id);
  return benefitDetails(project, benefits, profiles, realisations);
}

/** Puts set-based reads of a project's benefits back together, benefit by benefit, in the benefits' order. */
export function benefitDetails(
  project: Project,
  benefits: Benefit[],
  profiles: Map<number, ProfileEntry[]>,
  realisations: Realisation[],
): BenefitDetail[] {
  const byBenefit = new Map<number, Realisation[]>();
  for (const r of realisations) {
    let list = byBenefit.get(r.benefitId);
    if (!list) byBenefit.set(r.benefitId, (list = []));
    list.push(r);
  }
  return benefits.map((benefit) => ({
    project,
    benefit,
    profile: profiles.get(benefit.id) ?? [],
    realisations: byBenefit.get(benefit.id) ?? [],
  }));
}

/** The profile rules every benefit write meets (the schema checks the input-only ones too, for field messages). */
function profileOf(project: Project, input: Pick<BenefitInput, 'profile' | 'type'>): ProfileEntry[] {
  const problems: Record<string, string> = {};
  input.profile.forEach((row, i) => {
    const early = baseYearProblem(project.baseFy, row.year);
    if (early) problems[`profile.${i}.year`] = early;
    const money = qualitativeMoneyProblem(input.type, row.amount);
    if (money) problems[`profile.${i}.amount`] = money;
  });
  for (const i of repeatedYears(input.profile.map((r) => r.year)))
    problems[`profile.${i}.year`] = repeatedYearProblem(input.profile[i].year);
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return input.profile.map((row) => ({ fy: row.year, amount: row.amount })).sort((a, b) => a.fy - b.fy);
}

/** The profile row of the year whose total is out of range, else the dis-benefit flag that tipped it. */
function profileField(input: Pick<BenefitInput, 'profile'>): (t: YearlyTotal) => string {
  return (t) => {
    const i = input.profile.findIndex((row) => row.year === t.fy);
    return i >= 0 ? `profile.${i}.amount` : 'isDisbenefit';
  };
}

function recordedOf(realisations: Realisation[]): RecordedRealisations {
  return { money: realisations.some((r) => r.amount !== null), valueOnly: realisations.some((r) => r.amount === null) };
}

function toWrite(input: BenefitInput): benefitsRepo.BenefitWrite {
  const { profile: _profile, ...rest } = input;
  return rest;
}

export async function addBenefit(ctx: Ctx, projectCode: string, input: BenefitInput): Promise<BenefitDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const project = await getProject({ db: trx }, projectCode);
    assertCanEditProject(ctx, project);
    if (await benefitsRepo.findByRef(trx, project.id, input.ref))
      throw new ValidationError({ ref: duplicateBenefitRefProblem(input.ref) });
    const profile = profileOf(project, input);
    const id = await benefitsRepo.insert(trx, project.id, toWrite(input));
    await profilesRepo.replaceForBenefit(trx, id, profile);
    await afterFlowsChanged(trx, project, profileField(input));
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'benefit',
      entityId: `${project.code}/${input.ref}`,
      projectId: project.id,
      summary: `Benefit ${input.ref} added to ${project.code}`,
      after: benefitSnapshot(input, profile),
    });
    return getBenefit({ db: trx }, project.code, input.ref);
  });
}

export async function updateBenefit(
  ctx: Ctx,
  projectCode: string,
  ref: string,
  version: number,
  input: BenefitInput,
): Promise<BenefitDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const current = await getBenefit({ db: trx }, projectCode, ref);
    const { project, benefit } = current;
    assertCanEditProject(ctx, project);
    if (input.ref !== benefit.ref && (await benefitsRepo.findByRef(trx, project.id, input.ref))) {
      throw new ValidationError({ ref: duplicateBenefitRefProblem(input.ref) });
    }
    const typeProblem = typeChangeProblem(input.type, recordedOf(current.realisations));
    if (typeProblem) throw new ValidationError({ type: typeProblem });
    // Issue 19: budget reductions belong to cashable savings; the benefit must stay one while it has any.
    const reduced = budgetReductionBenefitProblem(input);
    if (reduced && (await budgetReductionsRepo.listByBenefit(trx, benefit.id)).length)
      throw new ValidationError({
        [input.type !== 'cashable' ? 'type' : 'isDisbenefit']:
          'This benefit has budget reductions recorded: delete them before it stops being a cashable saving',
      });
    const profile = profileOf(project, input);
    if (!(await benefitsRepo.update(trx, benefit.id, version, toWrite(input)))) throw new StaleVersionError(benefit);
    await profilesRepo.replaceForBenefit(trx, benefit.id, profile);
    await afterFlowsChanged(trx, project, profileField(input));
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'benefit',
      entityId: `${project.code}/${input.ref}`,
      projectId: project.id,
      summary: `Benefit ${benefit.ref} on ${project.code} updated`,
      before: benefitSnapshot(benefit, current.profile),
      after: benefitSnapshot(input, profile),
    });
    return getBenefit({ db: trx }, project.code, input.ref);
  });
}

/** Replaces just the expected profile (the API's PUT …/profile), versioned on the benefit. */
export async function replaceBenefitProfile(
  ctx: Ctx,
  projectCode: string,
  ref: string,
  version: number,
  input: Pick<BenefitInput, 'profile'>,
): Promise<BenefitDetail> {
  const current = await getBenefit(ctx, projectCode, ref);
  const { id: _id, projectId: _projectId, version: _version, ...fields } = current.benefit;
  return updateBenefit(ctx, projectCode, ref, version, { ...fields, profile: input.profile });
}

/** `version`, when given (the API's If-Match), must be the current one: otherwise StaleVersionError. */
export async function deleteBenefit(ctx: Ctx, projectCode: string, ref: string, version?: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const { project, benefit, profile } = await getBenefit({ db: trx }, projectCode, ref);
    assertCanEditProject(ctx, project);
    if (!(await benefitsRepo.remove(trx, benefit.id, version))) throw new StaleVersionError(benefit);
    // Removing a dis-benefit raises its years' net totals.
    await afterFlowsChanged(trx, project, 'ref');
    await audit(trx, ctx, {
      action: 'deleted',
      entityType: 'benefit',
      entityId: `${project.code}/${benefit.ref}`,
      projectId: project.id,
      summary: `Benefit ${benefit.ref} deleted from ${project.code} with its profile and realisations`,
      before: benefitSnapshot(benefit, profile),
    });
  });
}

/**
 * Benefit status is the one benefit field a project manager may change (with realisations);
 * finance partners and admins may too.
 */
export async function setBenefitStatus(
  ctx: Ctx,
  projectCode: string,
  ref: string,
  version: number,
  status: BenefitStatus,
): Promise<BenefitDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const current = await getBenefit({ db: trx }, projectCode, ref);
    const { project, benefit } = current;
    if (!canEditDirectorate(ctx.actor, project.directorateId)) await assertCanRecordRealisation(ctx, trx, project);
    if (!(await benefitsRepo.update(trx, benefit.id, version, { ...benefit, status })))
      throw new StaleVersionError(benefit);
    // A withdrawn benefit's years are no longer due (C8: the stored gaps the home counts).
    await refreshRealisationGaps(trx, [project.id]);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'benefit',
      entityId: `${project.code}/${benefit.ref}`,
      projectId: project.id,
      summary: `Benefit ${benefit.ref} on ${project.code} status changed to ${status}`,
      before: benefitSnapshot(benefit, current.profile),
      after: benefitSnapshot({ ...benefit, status }, current.profile),
    });
    return getBenefit({ db: trx }, project.code, benefit.ref);
  });
}

// ## Forms: shown only to someone whose save would be allowed, by the same checks as the save

/**
 * Years a profile form offers when nothing has been entered for them yet: ten, a usual appraisal
 * period for a business case, when the project has no flows that reach further.
 */
export const DEFAULT_APPRAISAL_YEARS = 10;

/**
 * The project's appraisal period as the profile form offers it (C3): from its base year to the
 * last year with any flow (a cost, an expected amount or a realisation), and at least
 * DEFAULT_APPRAISAL_YEARS long.
 */
export async function profileYears(ctx: Ctx | { db: Db }, project: Project): Promise<number[]> {
  const last = Math.max(
    (await projectYearsRepo.lastFlowYear(ctx.db, project.id)) ?? project.baseFy,
    project.baseFy + DEFAULT_APPRAISAL_YEARS - 1,
  );
  return Array.from({ length: last - project.baseFy + 1 }, (_, i) => project.baseFy + i);
}

/** The add-a-benefit form: the project, if this actor may change it (as addBenefit checks). */
export async function assertMayAddBenefit(ctx: Ctx, projectCode: string): Promise<Project> {
  return assertMayEditProject(ctx, projectCode);
}

/** The edit and delete forms of a benefit: the benefit, if this actor may change it (as updateBenefit checks). */
export async function assertMayEditBenefit(ctx: Ctx, projectCode: string, ref: string): Promise<BenefitDetail> {
  const detail = await getBenefit(ctx, projectCode, ref);
  assertCanEditProject(ctx, detail.project);
  return detail;
}
