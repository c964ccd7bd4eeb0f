/**
 * Who may change what, checked in the domain so the web, the API and imports cannot skip it.
 * Routes also declare a minimum role, but that is a first filter, not the protection.
 */
import * as usersRepo from '../repositories/users';
import { ForbiddenError } from '../errors';
import type { Db } from '../knex';
import type { Ctx } from './types';
import type { Actor, ActorRole, Project } from '../records';

export function hasRole(actor: Actor, ...roles: ActorRole[]): boolean {
  return actor.role === 'system' || roles.includes(actor.role);
}

export function assertRole(ctx: Pick<Ctx, 'actor'>, ...roles: ActorRole[]): void {
  if (!hasRole(ctx.actor, ...roles)) throw new ForbiddenError();
}

/**
 * A check asked in advance: false exactly when it would refuse (ForbiddenError). Pages build their
 * "may…" booleans with it from the same assert… functions the actions call, so they offer an
 * action only to those whose request would be taken.
 */
export function allows(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (err) {
    if (err instanceof ForbiddenError) return false;
    throw err;
  }
}

/** Finance users may be limited to some directorates (an empty list means all). */
export function canEditDirectorate(actor: Actor, directorateId: number): boolean {
  if (hasRole(actor, 'admin')) return true;
  return (
    actor.role === 'finance' && (actor.directorateIds.length === 0 || actor.directorateIds.includes(directorateId))
  );
}

/**
 * Projects, costs, benefits and profiles: admin, or finance within its directorates. Why not, in
 * the words every entry point shows (forms and API as a 403, imports as a problem on the line).
 */
export function editRefusal(actor: Actor, project: Pick<Project, 'directorateId' | 'code'>): string | null {
  return canEditDirectorate(actor, project.directorateId)
    ? null
    : `You cannot change project ${project.code}: ask a finance partner for its directorate`;
}

export function assertCanEditProject(ctx: Pick<Ctx, 'actor'>, project: Pick<Project, 'directorateId' | 'code'>): void {
  const refusal = editRefusal(ctx.actor, project);
  if (refusal) throw new ForbiddenError(refusal);
}

/** Realisations and benefit status: admin, or a project manager named on the project (`isManager`). */
export function recordRefusal(actor: Actor, isManager: boolean, project: Pick<Project, 'code'>): string | null {
  if (hasRole(actor, 'admin') || (actor.role === 'project_manager' && isManager)) return null;
  return `Only the project managers of ${project.code} can record its realised benefits`;
}

/**
 * C9 re-forecasts: admin, finance within the project's directorates, or a project manager named on
 * the project (`isManager`).
 */
export function reforecastRefusal(
  actor: Actor,
  isManager: boolean,
  project: Pick<Project, 'code' | 'directorateId'>,
): string | null {
  if (canEditDirectorate(actor, project.directorateId) || (actor.role === 'project_manager' && isManager)) return null;
  return `Only the project managers of ${project.code}, its finance partner or an administrator can re-forecast its benefits`;
}

export async function assertCanReforecast(
  ctx: Pick<Ctx, 'actor'>,
  db: Db,
  project: Pick<Project, 'id' | 'code' | 'directorateId'>,
): Promise<void> {
  const refusal = reforecastRefusal(ctx.actor, await managesProject(ctx.actor, db, project.id), project);
  if (refusal) throw new ForbiddenError(refusal);
}

/** The projects this actor manages (empty for anyone but a signed-in project manager). */
export async function managedProjectIds(actor: Actor, db: Db): Promise<Set<number>> {
  return new Set(
    actor.role === 'project_manager' && actor.id !== null ? await usersRepo.managedProjectIds(db, actor.id) : [],
  );
}

async function managesProject(actor: Actor, db: Db, projectId: number): Promise<boolean> {
  return actor.role === 'project_manager' && actor.id !== null && usersRepo.isProjectManager(db, actor.id, projectId);
}

/** The user forms (add, edit): the check createUser and updateUser make before they change a user. */
export function assertMayManageUsers(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin');
}

export async function assertCanRecordRealisation(
  ctx: Pick<Ctx, 'actor'>,
  db: Db,
  project: Pick<Project, 'id' | 'code'>,
): Promise<void> {
  const refusal = recordRefusal(
    ctx.actor,
    hasRole(ctx.actor, 'admin') || (await managesProject(ctx.actor, db, project.id)),
    project,
  );
  if (refusal) throw new ForbiddenError(refusal);
}

/**
 * C10: a finance partner for the project's directorate or an administrator verifies a realisation,
 * never one they recorded or last changed themselves (recorder = the user who recorded it).
 */
export function verifyRefusal(
  actor: Actor,
  project: Pick<Project, 'directorateId' | 'code'>,
  realisation: { recordedByUserId: number | null; changedByUserId: number | null },
): string | null {
  if (!hasRole(actor, 'admin', 'finance') || !canEditDirectorate(actor, project.directorateId))
    return `Only a finance partner for the directorate of ${project.code}, or an administrator, can verify its realisations`;
  if (actor.id !== null && actor.id === realisation.recordedByUserId)
    return 'You recorded this realisation: someone else must verify it';
  if (actor.id !== null && actor.id === realisation.changedByUserId)
    return 'You last changed this realisation: someone else must verify it';
  return null;
}

export function assertCanVerify(
  ctx: Pick<Ctx, 'actor'>,
  project: Pick<Project, 'directorateId' | 'code'>,
  realisation: { recordedByUserId: number | null; changedByUserId: number | null },
): void {
  const refusal = verifyRefusal(ctx.actor, project, realisation);
  if (refusal) throw new ForbiddenError(refusal);
}

/** C10: returning a realisation to unverified: the same finance partners and administrators (their own records too). */
export function assertCanUnverify(ctx: Pick<Ctx, 'actor'>, project: Pick<Project, 'directorateId' | 'code'>): void {
  if (!hasRole(ctx.actor, 'admin', 'finance') || !canEditDirectorate(ctx.actor, project.directorateId))
    throw new ForbiddenError(
      `Only a finance partner for the directorate of ${project.code}, or an administrator, can unverify its realisations`,
    );
}

export interface ProjectPermissions {
  canEdit: boolean;
  canRecord: boolean;
  /** C9: may enter re-forecasts of the project's benefits. */
  canReforecast: boolean;
}

/** What the signed-in user may do on a project, so pages offer only the actions that will work. */
export async function projectPermissions(
  ctx: Pick<Ctx, 'actor'>,
  db: Db,
  project: Pick<Project, 'id' | 'directorateId'>,
): Promise<ProjectPermissions> {
  const canEdit = canEditDirectorate(ctx.actor, project.directorateId);
  const manages = await managesProject(ctx.actor, db, project.id);
  const canRecord = hasRole(ctx.actor, 'admin') || manages;
  const canReforecast = reforecastRefusal(ctx.actor, manages, { ...project, code: '' }) === null;
  return { canEdit, canRecord, canReforecast };
}
