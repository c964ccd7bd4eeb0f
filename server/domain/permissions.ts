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

/** Finance users may be limited to some directorates (an empty list means all). */
export function canEditDirectorate(actor: Actor, directorateId: number): boolean {
  if (hasRole(actor, 'admin')) return true;
  return actor.role === 'finance' && (actor.directorateIds.length === 0 || actor.directorateIds.includes(directorateId));
}

/** Projects, costs, benefits and profiles: admin, or finance within its directorates. */
export function assertCanEditProject(ctx: Pick<Ctx, 'actor'>, project: Pick<Project, 'directorateId' | 'code'>): void {
  if (!canEditDirectorate(ctx.actor, project.directorateId)) {
    throw new ForbiddenError(`You cannot change project ${project.code}: ask a finance partner for its directorate`);
  }
}

/** Realisations and benefit status: admin, or a project manager named on the project. */
export async function assertCanRecordRealisation(ctx: Pick<Ctx, 'actor'>, db: Db, project: Pick<Project, 'id' | 'code'>): Promise<void> {
  if (hasRole(ctx.actor, 'admin')) return;
  if (ctx.actor.role === 'project_manager' && ctx.actor.id !== null && (await usersRepo.isProjectManager(db, ctx.actor.id, project.id))) return;
  throw new ForbiddenError(`Only the project managers of ${project.code} can record its realised benefits`);
}

export interface ProjectPermissions {
  canEdit: boolean;
  canRecord: boolean;
}

/** What the signed-in user may do on a project, so pages offer only the actions that will work. */
export async function projectPermissions(ctx: Pick<Ctx, 'actor'>, db: Db, project: Pick<Project, 'id' | 'directorateId'>): Promise<ProjectPermissions> {
  const canEdit = canEditDirectorate(ctx.actor, project.directorateId);
  const canRecord = hasRole(ctx.actor, 'admin') || (ctx.actor.role === 'project_manager' && ctx.actor.id !== null && (await usersRepo.isProjectManager(db, ctx.actor.id, project.id)));
  return { canEdit, canRecord };
}
