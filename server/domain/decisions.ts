/**
 * C9 decisions and frozen baselines. An approval (the first decision) or a re-baseline (each later
 * one) freezes the project's plan as it stands: its planned cost lines, its benefits (type,
 * confidence, dis-benefit flag) with their profiles, its base year, its optimism bias and the
 * discount rule then in force (the project's own rate, or the organisation's rule). Nothing edits
 * or deletes a baseline; deleting a project keeps its decisions in the audit record of the deletion.
 *
 * Who: admin, or finance within the project's directorate (the same people who edit the plan).
 */
import { inTransaction, type Db } from '../knex';
import * as decisionsRepo from '../repositories/decisions';
import * as projectsRepo from '../repositories/projects';
import * as costLinesRepo from '../repositories/cost-lines';
import * as benefitsRepo from '../repositories/benefits';
import * as profilesRepo from '../repositories/benefit-profiles';
import { NotFoundError, ValidationError } from '../errors';
import { todayUkIso } from '../financial-year';
import { appraiseBaseline } from '../finance/baseline';
import type { Appraisal } from '../finance/types';
import type { Baseline, BaselineHeader, Decision, Project } from '../records';
import type { DecisionInput } from '../validation/decisions.schema';
import { audit } from './audit';
import { baselineFlows } from './flows';
import { projectRule } from './headlines';
import { allows, assertCanEditProject } from './permissions';
import { decisionDateProblem, decisionKindProblem } from './rules';
import { getOrgSettings, type OrgSettings } from './settings';
import { refreshSummaries } from './summaries';
import type { Ctx } from './types';
import { decisionSnapshot } from '../snapshots';

/** Recording decisions on this project: admin, or finance within its directorate. */
export function assertMayDecide(ctx: Pick<Ctx, 'actor'>, project: Pick<Project, 'directorateId' | 'code'>): void {
  assertCanEditProject(ctx, project);
}

export function mayDecide(ctx: Pick<Ctx, 'actor'>, project: Pick<Project, 'directorateId' | 'code'>): boolean {
  return allows(() => assertMayDecide(ctx, project));
}

async function findProject(db: Db, code: string): Promise<Project> {
  const p = await projectsRepo.findByCode(db, code);
  if (!p) throw new NotFoundError(`There is no project with code ${code}`);
  return p;
}

/** Whether the project has a baseline (an approval decision) already. */
export async function hasBaseline(db: Db, projectId: number): Promise<boolean> {
  return (await decisionsRepo.nextBaselineNumber(db, projectId)) > 1;
}

/**
 * Records a decision on a project inside an open transaction and freezes the next baseline; the
 * caller refreshes the summaries (createProject and recordDecision both do). Returns the decision.
 */
export async function decideIn(trx: Db, ctx: Ctx, project: Project, input: DecisionInput): Promise<Decision> {
  assertMayDecide(ctx, project);
  const number = await decisionsRepo.nextBaselineNumber(trx, project.id);
  const kindProblem = decisionKindProblem(input.kind, number > 1);
  if (kindProblem) throw new ValidationError({ kind: kindProblem });
  const dateProblem = decisionDateProblem(input.decidedOn, todayUkIso());
  if (dateProblem) throw new ValidationError({ decidedOn: dateProblem });
  const org = await getOrgSettings({ db: trx });
  const [costs, benefits, profiles] = await Promise.all([
    costLinesRepo.listByProject(trx, project.id),
    benefitsRepo.listByProject(trx, project.id),
    profilesRepo.listByProject(trx, project.id),
  ]);
  const decisionId = await decisionsRepo.insertDecision(trx, {
    projectId: project.id,
    kind: input.kind,
    decidedOn: input.decidedOn,
    decidedBy: input.decidedBy,
    reference: input.reference,
    fundingSource: input.fundingSource,
    reasonCode: input.reasonCode,
    note: input.note,
    baselineNumber: number,
    recordedByUserId: ctx.actor.id,
    recordedBy: ctx.actor.label,
  });
  // C9: the discount rule in force now is frozen with the plan.
  await decisionsRepo.insertBaseline(trx, {
    projectId: project.id,
    decisionId,
    number,
    baseFy: project.baseFy,
    optimismBias: project.optimismBias,
    discountSource: project.discountRate === null ? 'organisation' : 'project',
    discountRule: projectRule(project, org),
    costLines: costs
      .filter((c) => c.kind === 'planned')
      .map((c) => ({
        fy: c.fy,
        category: c.category,
        amount: c.amount,
        isCredit: c.isCredit,
        description: c.description,
      })),
    benefits: benefits.map((b) => ({
      sourceBenefitId: b.id,
      ref: b.ref,
      title: b.title,
      type: b.type,
      isDisbenefit: b.isDisbenefit,
      confidence: b.confidence,
      profile: (profiles.get(b.id) ?? []).map((p) => ({ fy: p.fy, amount: p.amount })),
    })),
  });
  const decision = (await decisionsRepo.findDecision(trx, decisionId))!;
  const [frozen] = await decisionsRepo.withContents(
    trx,
    (await decisionsRepo.listHeaders(trx, project.id)).filter((h) => h.number === number),
  );
  const headline = appraiseBaseline(baselineFlows(frozen), org.vfmBands, false);
  await audit(trx, ctx, {
    action: 'created',
    entityType: 'decision',
    entityId: `${project.code} baseline ${number}`,
    projectId: project.id,
    summary:
      input.kind === 'approval'
        ? `${project.code} approved by ${input.decidedBy} (${input.reference}): baseline 1 frozen`
        : `${project.code} re-baselined by ${input.decidedBy} (${input.reference}): baseline ${number} frozen`,
    after: decisionSnapshot(decision, frozen, headline),
  });
  return decision;
}

/** The decision form and the API: records the decision; an approval moves a proposed project to `approved`. */
export async function recordDecision(ctx: Ctx, code: string, input: DecisionInput): Promise<Decision> {
  return inTransaction(ctx.db, async (trx) => {
    const project = await findProject(trx, code);
    const decision = await decideIn(trx, ctx, project, input);
    if (input.kind === 'approval' && project.status === 'proposed') {
      const write: projectsRepo.ProjectWrite = {
        code: project.code,
        name: project.name,
        directorateId: project.directorateId,
        description: project.description,
        sponsor: project.sponsor,
        manager: project.manager,
        status: 'approved',
        startFy: project.startFy,
        baseFy: project.baseFy,
        discountRate: project.discountRate,
        optimismBias: project.optimismBias,
        priority: project.priority,
      };
      await projectsRepo.update(trx, project.id, project.version, write);
      await audit(trx, ctx, {
        action: 'updated',
        entityType: 'project',
        entityId: project.code,
        projectId: project.id,
        summary: `Project ${project.code} approved`,
        before: { status: project.status },
        after: { status: 'approved' },
      });
    }
    // C8: the baseline series, realisation's "expected" and (after an approval) the status group change.
    await refreshSummaries(trx, [project.id]);
    return decision;
  });
}

// ## Reading

export interface BaselineFigures {
  header: BaselineHeader;
  /** The baseline view (C9), not risk-adjusted and risk-adjusted. */
  asProfiled: Appraisal;
  riskAdjusted: Appraisal;
}

export interface DecisionHistory {
  project: Project;
  decisions: Decision[];
  /** By baseline number. */
  baselines: Map<number, BaselineFigures>;
}

/** A project's decisions with each baseline's headline figures (oldest first). Anyone signed in may read them. */
export async function getDecisionHistory(ctx: Ctx, code: string): Promise<DecisionHistory> {
  const project = await findProject(ctx.db, code);
  return decisionHistoryOf(ctx, project, await getOrgSettings(ctx));
}

/** getDecisionHistory for a project and settings already read (the project page reads them once). */
export async function decisionHistoryOf(
  ctx: Ctx,
  project: Project,
  org: Pick<OrgSettings, 'vfmBands'>,
): Promise<DecisionHistory> {
  const [decisions, headers] = await Promise.all([
    decisionsRepo.listDecisions(ctx.db, project.id),
    decisionsRepo.listHeaders(ctx.db, project.id),
  ]);
  const full = await decisionsRepo.withContents(ctx.db, headers);
  const baselines = new Map<number, BaselineFigures>();
  for (const b of full) baselines.set(b.number, figures(b, org.vfmBands));
  return { project, decisions, baselines };
}

function figures(b: Baseline, bands: Parameters<typeof appraiseBaseline>[1]): BaselineFigures {
  const { costLines: _c, benefits: _b, ...header } = b;
  const flows = baselineFlows(b);
  return {
    header,
    asProfiled: appraiseBaseline(flows, bands, false),
    riskAdjusted: appraiseBaseline(flows, bands, true),
  };
}

export interface BaselineDetail extends BaselineFigures {
  project: Project;
  baseline: Baseline;
  decision: Decision;
}

/** One frozen baseline with its inputs and its headline indicators (the API's baselines/:n). */
export async function getBaseline(ctx: Ctx, code: string, number: number): Promise<BaselineDetail> {
  const project = await findProject(ctx.db, code);
  const header = (await decisionsRepo.listHeaders(ctx.db, project.id)).find((h) => h.number === number);
  if (!header) throw new NotFoundError(`${project.code} has no baseline ${number}`);
  const [baseline] = await decisionsRepo.withContents(ctx.db, [header]);
  const decision = (await decisionsRepo.findDecision(ctx.db, header.decisionId))!;
  const org = await getOrgSettings(ctx);
  return { project, baseline, decision, ...figures(baseline, org.vfmBands) };
}

/** The decision form: refused as recordDecision would refuse the save. */
export async function assertMayRecordDecision(
  ctx: Ctx,
  code: string,
): Promise<{ project: Project; hasBaseline: boolean }> {
  const project = await findProject(ctx.db, code);
  assertMayDecide(ctx, project);
  return { project, hasBaseline: await hasBaseline(ctx.db, project.id) };
}

/** The decisions of a project being deleted, for the deletion's audit record (the rows go with it). */
export async function decisionsForAudit(db: Db, projectId: number) {
  const [decisions, headers] = await Promise.all([
    decisionsRepo.listDecisions(db, projectId),
    decisionsRepo.listHeaders(db, projectId),
  ]);
  const org = await getOrgSettings({ db });
  const full = new Map((await decisionsRepo.withContents(db, headers)).map((b) => [b.number, b]));
  return decisions.map((d) => {
    const b = full.get(d.baselineNumber)!;
    return decisionSnapshot(d, b, appraiseBaseline(baselineFlows(b), org.vfmBands, false));
  });
}
