import { inTransaction } from '../knex';
import { knownPriority } from './priorities';
import * as projectsRepo from '../repositories/projects';
import * as directoratesRepo from '../repositories/directorates';
import * as summariesRepo from '../repositories/summaries';
import * as usersRepo from '../repositories/users';
import type { ProjectFilter, ProjectWrite } from '../repositories/projects';
import type { Db } from '../knex';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors';
import { fyLabel } from '../financial-year';
import type { ProjectInput } from '../validation/projects.schema';
import { baseYearProblem, decisionFormPath, decisionStatusProblem } from './rules';
import { decideIn, decisionsForAudit, hasBaseline } from './decisions';
import { audit } from './audit';
import { refreshSummaries, removeSummaries } from './summaries';
import { keepReviewSchedule } from './reviews';
import { allows, assertCanEditProject, assertRole, canEditDirectorate } from './permissions';
import { emptyTotals, type SimpleTotals } from '../finance';
import { projectSnapshot } from '../snapshots';
import type { Ctx } from './types';
import { DECIDED_STATUSES, type Directorate, type Project, type ProjectStatus } from '../records';

export interface ProjectWithTotals {
  project: Project;
  totals: SimpleTotals;
}

/** Projects with their undiscounted all-years totals, summed from the C8 summaries (not the ledger). */
export async function listProjects(ctx: Ctx, filter: ProjectFilter = {}): Promise<ProjectWithTotals[]> {
  const [projects, totals] = await Promise.all([
    projectsRepo.list(ctx.db, filter),
    summariesRepo.totalsByProject(ctx.db, filter),
  ]);
  return projects.map((project) => {
    const t = totals.get(project.id);
    return {
      project,
      totals: t
        ? { plannedCosts: t.planned, actualCosts: t.actual, expectedBenefits: t.expected, realisedBenefits: t.realised }
        : emptyTotals(),
    };
  });
}

export async function getProject(ctx: Ctx | { db: Db }, code: string): Promise<Project> {
  const p = await projectsRepo.findByCode(ctx.db, code);
  if (!p) throw new NotFoundError(`There is no project with code ${code}`);
  return p;
}

async function toWrite(trx: Db, input: ProjectInput): Promise<ProjectWrite> {
  const directorate = await directoratesRepo.findByCode(trx, input.directorateCode);
  if (!directorate)
    throw new ValidationError({ directorateCode: `There is no directorate with code ${input.directorateCode}` });
  const baseFy = input.baseYear ?? input.startYear;
  return {
    code: input.code,
    name: input.name,
    directorateId: directorate.id,
    description: input.description,
    sponsor: input.sponsor,
    manager: input.manager,
    status: input.status,
    startFy: input.startYear,
    baseFy,
    discountRate: input.discountRate,
    optimismBias: input.optimismBias,
    // Issue 19: a council priority from the managed list (or none).
    priority: await knownPriority(trx, input.priority),
  };
}

export async function createProject(ctx: Ctx, input: ProjectInput): Promise<Project> {
  return inTransaction(ctx.db, async (trx) => {
    if (await projectsRepo.findByCode(trx, input.code))
      throw new ValidationError({ code: `A project with code ${input.code} already exists` });
    const write = await toWrite(trx, input);
    assertCanEditProject(ctx, { directorateId: write.directorateId, code: write.code });
    // C9: created at `approved` or later only with its approval decision (set-up and the API's `decision`).
    const statusProblem = decisionStatusProblem(write.status, !!input.decision, null);
    if (statusProblem) throw new ValidationError({ status: statusProblem });
    if (input.decision && !DECIDED_STATUSES.includes(write.status))
      throw new ValidationError({
        decision: 'Only a project created as approved or later brings its approval decision: record it later',
      });
    const id = await projectsRepo.insert(trx, write);
    const created = (await projectsRepo.findById(trx, id))!;
    if (input.decision) {
      await decideIn(trx, ctx, created, input.decision);
      await refreshSummaries(trx, [id]);
    }
    // Issue 17: a project created live or closed gets its post-implementation review scheduled.
    await keepReviewSchedule(trx, ctx, created, null, created.status);
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'project',
      entityId: created.code,
      projectId: id,
      summary: `Project ${created.code} created`,
      after: projectSnapshot(created),
    });
    return created;
  });
}

export async function updateProject(ctx: Ctx, code: string, version: number, input: ProjectInput): Promise<Project> {
  return inTransaction(ctx.db, async (trx) => {
    const current = await getProject({ db: trx }, code);
    assertCanEditProject(ctx, current);
    if (input.code !== current.code && (await projectsRepo.findByCode(trx, input.code))) {
      throw new ValidationError({ code: `A project with code ${input.code} already exists` });
    }
    const write = await toWrite(trx, input);
    assertCanEditProject(ctx, { directorateId: write.directorateId, code: write.code });
    if (input.decision)
      throw new ValidationError({
        decision: `Record decisions on the decision form (${decisionFormPath(current.code)})`,
      });
    // C9: `approved` or later needs an approval decision, whichever way the status changes.
    if (write.status !== current.status) {
      const statusProblem = decisionStatusProblem(write.status, await hasBaseline(trx, current.id), current.code);
      if (statusProblem) throw new ValidationError({ status: statusProblem });
    }
    const earliest = await projectsRepo.earliestFlowFy(trx, current.id);
    if (earliest !== null && earliest < write.baseFy) {
      // C3: a flow before the base year is an error, so the base year cannot move past one.
      const field = input.baseYear === null ? 'startYear' : 'baseYear';
      throw new ValidationError({
        [field]: `The project has figures in ${fyLabel(earliest)}: the base year cannot be later than that`,
      });
    }
    if (!(await projectsRepo.update(trx, current.id, version, write))) throw new StaleVersionError(current);
    // C4: the optimism bias is part of the stored series (planned costs with the uplift).
    await refreshSummaries(trx, [current.id]);
    const updated = (await projectsRepo.findById(trx, current.id))!;
    // Issue 17: the status-change write path keeps the post-implementation review schedule.
    await keepReviewSchedule(trx, ctx, updated, current.status, updated.status);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'project',
      entityId: updated.code,
      projectId: current.id,
      summary: `Project ${current.code} updated`,
      before: projectSnapshot(current),
      after: projectSnapshot(updated),
    });
    return updated;
  });
}

/** `version`, when given (the API's If-Match), must be the current one: otherwise StaleVersionError. */
export async function deleteProject(ctx: Ctx, code: string, version?: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const current = await getProject({ db: trx }, code);
    assertCanEditProject(ctx, current);
    // C9: the decisions go with the project; its deletion's audit record keeps them.
    const decisions = await decisionsForAudit(trx, current.id);
    await removeSummaries(trx, [current.id]);
    if (!(await projectsRepo.remove(trx, current.id, version))) throw new StaleVersionError(current);
    await audit(trx, ctx, {
      action: 'deleted',
      entityType: 'project',
      entityId: current.code,
      projectId: current.id,
      summary: `Project ${current.code} deleted with its costs, benefits and realisations`,
      before: decisions.length ? { ...projectSnapshot(current), decisions } : projectSnapshot(current),
    });
  });
}

/** C3: every flow must fall in or after the project's base year. */
export function assertNotBeforeBase(project: Project, fy: number, field: string): void {
  const problem = baseYearProblem(project.baseFy, fy);
  if (problem) throw new ValidationError({ [field]: problem });
}

export interface ProjectSearch {
  directorateCode?: string;
  status?: ProjectStatus;
  search?: string;
}

export interface ProjectPage {
  projects: Project[];
  /** The code of the last project on this page when more follow, else null. */
  lastCode: string | null;
}

/**
 * One page of projects in code order after a given code (the API's cursor), without totals so a
 * large portfolio stays cheap to list. Codes are ASCII, so plain string order is the same on both dialects.
 */
export async function pageProjects(
  ctx: Ctx,
  s: Omit<ProjectSearch, 'search'> & { after?: string; limit: number },
): Promise<ProjectPage> {
  let directorateId: number | undefined;
  if (s.directorateCode) {
    const d = await directoratesRepo.findByCode(ctx.db, s.directorateCode);
    if (!d) return { projects: [], lastCode: null };
    directorateId = d.id;
  }
  const all = (await projectsRepo.list(ctx.db, { directorateId, status: s.status })).sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  );
  const after = s.after;
  const rest = after === undefined ? all : all.filter((p) => p.code > after);
  const projects = rest.slice(0, s.limit);
  return { projects, lastCode: rest.length > s.limit ? projects[projects.length - 1].code : null };
}

/** The project managers named on a project: they may record its realised benefits. */
export async function listProjectManagers(ctx: Ctx, projectId: number) {
  return usersRepo.managersOf(ctx.db, projectId);
}

export async function setProjectManagers(ctx: Ctx, code: string, userIds: number[]): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const project = await getProject({ db: trx }, code);
    assertCanEditProject(ctx, project);
    const users = [];
    for (const id of userIds) users.push(await usersRepo.findById(trx, id));
    if (users.some((u) => !u || u.role !== 'project_manager'))
      throw new ValidationError({ managers: 'Choose people who have the project manager role' });
    const before = (await usersRepo.managersOf(trx, project.id)).map((u) => u.email);
    await usersRepo.setManagers(trx, project.id, userIds);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'project',
      entityId: project.code,
      projectId: project.id,
      summary: `Project managers of ${project.code} changed`,
      before: { managers: before },
      after: { managers: users.map((u) => u!.email) },
    });
  });
}

/** People who can be named as a project's managers: active users with that role. */
export async function listManagerCandidates(ctx: Ctx) {
  return (await usersRepo.listAll(ctx.db))
    .filter((u) => u.role === 'project_manager' && !u.isDisabled)
    .map((u) => ({ id: u.id, name: u.name, email: u.email }));
}

// ## Forms: shown only to someone whose save would be allowed, by the same checks as the save

/** The directorates this actor may put a project in (createProject and updateProject refuse others). */
export async function projectDirectorates(ctx: Ctx): Promise<Directorate[]> {
  return (await directoratesRepo.listAll(ctx.db)).filter((d) => canEditDirectorate(ctx.actor, d.id));
}

/** Adding projects at all (createProject then checks the directorate): admin or finance. */
export function assertMayAddProjects(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin', 'finance');
}

/** Adding a project to this directorate: the check createProject makes (assertCanEditProject). */
export function mayAddProjectTo(ctx: Pick<Ctx, 'actor'>, directorateId: number): boolean {
  return allows(() => {
    assertMayAddProjects(ctx);
    assertCanEditProject(ctx, { directorateId, code: '' });
  });
}

/** The add-a-project form: admin or finance; returns the directorates they may choose from. */
export async function assertMayCreateProject(ctx: Ctx): Promise<Directorate[]> {
  assertMayAddProjects(ctx);
  return projectDirectorates(ctx);
}

/** The edit and delete forms of a project (and its cost and benefit forms): refused as updateProject would. */
export async function assertMayEditProject(ctx: Ctx, code: string): Promise<Project> {
  const project = await getProject(ctx, code);
  assertCanEditProject(ctx, project);
  return project;
}
