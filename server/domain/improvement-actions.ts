/**
 * Improvement actions (issue 18): raised from an assessment (a draft, or an approved one: approved
 * assessments are otherwise read-only) against one of its dimensions, with an owner, a due date, a
 * status and the ICT projects that deliver them. An action's page shows those projects' forecast
 * NPV and realisation (C6) from the read model's stored headlines (C8), never a re-appraisal.
 */
import { inTransaction } from '../knex';
import * as repo from '../repositories/assessments';
import * as directoratesRepo from '../repositories/directorates';
import * as headlinesRepo from '../repositories/headlines';
import * as projectsRepo from '../repositories/projects';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../errors';
import { currentFy, todayUkIso } from '../financial-year';
import type { HeadlineViewSet } from '../finance/types';
import {
  isActionOverdue,
  LIVE_ACTION_STATUSES,
  type ActionStatus,
  type ImprovementAction,
  type Project,
} from '../records';
import type { ActionInput } from '../validation/assessments.schema';
import { audit } from './audit';
import { assertMayEditAssessmentsIn, findAssessmentOr404 } from './assessments';
import { getFramework } from './assessment-frameworks';
import { ensureHeadlines } from './headlines';
import { allows } from './permissions';
import { getOrgSettings } from './settings';
import type { Ctx } from './types';

/** Still to do: open or in progress. */
export const LIVE_STATUSES = LIVE_ACTION_STATUSES;

/** Overdue: still to do and due before today (UK date). */
export function isOverdue(a: Pick<ImprovementAction, 'status' | 'dueOn'>, today = todayUkIso()): boolean {
  return isActionOverdue(a, today);
}

export interface ActionListFilter {
  directorateCode?: string;
  status?: ActionStatus;
  overdue?: boolean;
  assessmentId?: number;
}

export async function listActions(ctx: Pick<Ctx, 'db'>, f: ActionListFilter = {}): Promise<ImprovementAction[]> {
  let directorateId: number | undefined;
  if (f.directorateCode) {
    const d = await directoratesRepo.findByCode(ctx.db, f.directorateCode);
    if (!d) return [];
    directorateId = d.id;
  }
  let statuses: ActionStatus[] | undefined = f.status ? [f.status] : undefined;
  if (f.overdue) statuses = (statuses ?? LIVE_STATUSES).filter((x) => LIVE_STATUSES.includes(x));
  return repo.listActions(ctx.db, {
    assessmentId: f.assessmentId,
    directorateId,
    statuses,
    ...(f.overdue ? { dueBefore: todayUkIso() } : {}),
  });
}

export async function getAction(ctx: Pick<Ctx, 'db'>, id: number): Promise<ImprovementAction> {
  const a = await repo.findAction(ctx.db, id);
  if (!a) throw new NotFoundError(`There is no improvement action ${id}`);
  return a;
}

export interface ActionProject {
  project: Project;
  /** The default view's headline (as at the current year, not risk-adjusted), from the read model. */
  views: HeadlineViewSet | null;
}

export interface ActionDetail {
  action: ImprovementAction;
  projects: ActionProject[];
  overdue: boolean;
  mayEdit: boolean;
}

export async function getActionDetail(ctx: Ctx, id: number): Promise<ActionDetail> {
  const action = await getAction(ctx, id);
  const assessment = await findAssessmentOr404(ctx, action.assessmentId);
  const projects = await projectsRepo.listByIds(ctx.db, action.projectIds);
  let stored: Awaited<ReturnType<typeof headlinesRepo.listStored>> = [];
  if (projects.length) {
    await ensureHeadlines(ctx.db, await getOrgSettings(ctx), currentFy());
    stored = await headlinesRepo.listStored(
      ctx.db,
      projects.map((p) => p.id),
    );
  }
  return {
    action,
    projects: projects.map((project) => ({
      project,
      views: stored.find((h) => h.projectId === project.id && !h.riskAdjusted)?.views ?? null,
    })),
    overdue: isOverdue(action),
    mayEdit: allows(() =>
      assertMayEditAssessmentsIn(ctx, { id: assessment.directorateId, name: assessment.directorateName }),
    ),
  };
}

async function resolve(ctx: Ctx, trx: Ctx['db'], assessmentId: number, input: ActionInput) {
  const assessment = await findAssessmentOr404({ db: trx }, assessmentId);
  assertMayEditAssessmentsIn(ctx, { id: assessment.directorateId, name: assessment.directorateName });
  const framework = await getFramework({ db: trx }, assessment.frameworkId);
  const dimension = framework.dimensions.find((d) => d.code === input.dimensionCode);
  const errors: Record<string, string> = {};
  if (!dimension) errors.dimensionCode = `There is no dimension ${input.dimensionCode} in this assessment's framework`;
  const projectIds: number[] = [];
  for (const code of input.projectCodes) {
    const p = await projectsRepo.findByCode(trx, code);
    if (!p) errors.projectCodes = `There is no project with code ${code}`;
    else projectIds.push(p.id);
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { assessment, dimension: dimension!, projectIds };
}

function snapshot(a: ActionInput) {
  return { ...a };
}

export async function raiseAction(ctx: Ctx, assessmentId: number, input: ActionInput): Promise<ImprovementAction> {
  return inTransaction(ctx.db, async (trx) => {
    const { assessment, dimension, projectIds } = await resolve(ctx, trx, assessmentId, input);
    if (assessment.status === 'submitted')
      throw new ConflictError(
        `Assessment ${assessmentId} is with its approvers: raise actions on a draft or an approved assessment`,
        {},
        'wrong_status',
      );
    const id = await repo.insertAction(trx, assessmentId, { ...input, dimensionId: dimension.id });
    await repo.setActionProjects(trx, id, projectIds);
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'improvement_action',
      entityId: String(id),
      projectId: null,
      summary: `Improvement action ${id} raised on assessment ${assessmentId} (${assessment.directorateCode}, ${dimension.code})`,
      after: snapshot(input),
    });
    return (await repo.findAction(trx, id))!;
  });
}

export async function updateAction(
  ctx: Ctx,
  id: number,
  version: number,
  input: ActionInput,
): Promise<ImprovementAction> {
  return inTransaction(ctx.db, async (trx) => {
    const current = await getAction({ db: trx }, id);
    const { dimension, projectIds } = await resolve(ctx, trx, current.assessmentId, input);
    if (!(await repo.updateAction(trx, id, version, { ...input, dimensionId: dimension.id })))
      throw new StaleVersionError(current);
    await repo.setActionProjects(trx, id, projectIds);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'improvement_action',
      entityId: String(id),
      projectId: null,
      summary: `Improvement action ${id} updated (${input.status})`,
      before: actionAsInput(current),
      after: snapshot(input),
    });
    return (await repo.findAction(trx, id))!;
  });
}

/** The action as its input shape (PATCH merging, the edit form, audit). */
export function actionAsInput(a: ImprovementAction): ActionInput {
  return {
    title: a.title,
    owner: a.owner,
    dueOn: a.dueOn,
    dimensionCode: a.dimensionCode,
    projectCodes: a.projectCodes,
    status: a.status,
  };
}

/** Whether this actor may change assessments (and their actions) of this directorate: the same check as the writes. */
export function allowsEditIn(ctx: Pick<Ctx, 'actor'>, directorate: { id: number; name: string }): boolean {
  return allows(() => assertMayEditAssessmentsIn(ctx, directorate));
}
