import { inTransaction } from '../knex';
import * as directoratesRepo from '../repositories/directorates';
import * as projectsRepo from '../repositories/projects';
import * as summariesRepo from '../repositories/summaries';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../errors';
import type { DirectorateInput } from '../validation/directorates.schema';
import { audit } from './audit';
import { assertRole } from './permissions';
import { directorateSnapshot } from '../snapshots';
import type { Ctx } from './types';
import type { Directorate, ProjectStatus } from '../records';
import { listProjects, type ProjectWithTotals } from './projects';
import { memoised } from './read-memo';
import { addTotals, emptyTotals, type SimpleTotals } from '../finance';

export async function listDirectorates(ctx: Ctx): Promise<Directorate[]> {
  return directoratesRepo.listAll(ctx.db);
}

export async function getDirectorate(ctx: Ctx, code: string): Promise<Directorate> {
  const d = await directoratesRepo.findByCode(ctx.db, code);
  if (!d) throw new NotFoundError(`There is no directorate with code ${code}`);
  return d;
}

export async function createDirectorate(ctx: Ctx, input: DirectorateInput): Promise<Directorate> {
  assertMayManageDirectorates(ctx);
  return inTransaction(ctx.db, async (trx) => {
    if (await directoratesRepo.findByCode(trx, input.code)) {
      throw new ValidationError({ code: `A directorate with code ${input.code} already exists` });
    }
    await directoratesRepo.insert(trx, input);
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'directorate',
      entityId: input.code,
      projectId: null,
      summary: `Directorate ${input.code} created`,
      after: directorateSnapshot(input),
    });
    return (await directoratesRepo.findByCode(trx, input.code))!;
  });
}

export async function updateDirectorate(
  ctx: Ctx,
  code: string,
  version: number,
  input: DirectorateInput,
): Promise<Directorate> {
  assertMayManageDirectorates(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const current = await directoratesRepo.findByCode(trx, code);
    if (!current) throw new NotFoundError(`There is no directorate with code ${code}`);
    if (input.code !== current.code && (await directoratesRepo.findByCode(trx, input.code))) {
      throw new ValidationError({ code: `A directorate with code ${input.code} already exists` });
    }
    if (!(await directoratesRepo.update(trx, current.id, version, input))) throw new StaleVersionError(current);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'directorate',
      entityId: input.code,
      projectId: null,
      summary: `Directorate ${current.code} updated`,
      before: directorateSnapshot(current),
      after: directorateSnapshot(input),
    });
    return (await directoratesRepo.findByCode(trx, input.code))!;
  });
}

/** `version`, when given (the API's If-Match), must be the current one: otherwise StaleVersionError. */
export async function deleteDirectorate(ctx: Ctx, code: string, version?: number): Promise<void> {
  assertMayManageDirectorates(ctx);
  await inTransaction(ctx.db, async (trx) => {
    const current = await directoratesRepo.findByCode(trx, code);
    if (!current) throw new NotFoundError(`There is no directorate with code ${code}`);
    const projects = await directoratesRepo.countProjects(trx, current.id);
    if (projects > 0) {
      throw new ConflictError(
        `${current.name} still has ${projects} project${projects === 1 ? '' : 's'}. Move or delete ${projects === 1 ? 'it' : 'them'} before deleting the directorate.`,
        {},
        'directorate_in_use',
      );
    }
    if (!(await directoratesRepo.remove(trx, current.id, version))) throw new StaleVersionError(current);
    await audit(trx, ctx, {
      action: 'deleted',
      entityType: 'directorate',
      entityId: current.code,
      projectId: null,
      summary: `Directorate ${current.code} deleted`,
      before: directorateSnapshot(current),
    });
  });
}

/** A directorate with its project count and undiscounted totals (the directorates table). */
export interface DirectorateSummary {
  directorate: Directorate;
  projectCount: number;
  /** How many of its projects are in each status. */
  byStatus: Partial<Record<ProjectStatus, number>>;
  totals: SimpleTotals;
}

/** A directorate with every project and its totals (the directorate's own page). */
export interface DirectorateOverview extends DirectorateSummary {
  projects: ProjectWithTotals[];
}

/** Every directorate with its project count and totals, from the C8 group sums: no project is read. */
export async function listDirectorateSummaries(ctx: Ctx): Promise<DirectorateSummary[]> {
  const [directorates, counts, totals] = await Promise.all([
    directoratesRepo.listAll(ctx.db),
    projectsRepo.countByDirectorateAndStatus(ctx.db),
    summariesRepo.groupTotalsByDirectorate(ctx.db),
  ]);
  return directorates.map((directorate) => {
    const byStatus: Partial<Record<ProjectStatus, number>> = {};
    let projectCount = 0;
    for (const c of counts)
      if (c.directorateId === directorate.id) {
        byStatus[c.status] = c.count;
        projectCount += c.count;
      }
    const t = totals.get(directorate.id);
    return {
      directorate,
      projectCount,
      byStatus,
      totals: t
        ? { plannedCosts: t.planned, actualCosts: t.actual, expectedBenefits: t.expected, realisedBenefits: t.realised }
        : emptyTotals(),
    };
  });
}

export async function getDirectorateOverview(ctx: Ctx, code: string): Promise<DirectorateOverview> {
  return memoised(ctx.db, `directorate ${code.toUpperCase()}`, async () => {
    const directorate = await getDirectorate(ctx, code);
    const projects = await listProjects(ctx, { directorateId: directorate.id });
    const byStatus: Partial<Record<ProjectStatus, number>> = {};
    for (const p of projects) byStatus[p.project.status] = (byStatus[p.project.status] ?? 0) + 1;
    return {
      directorate,
      projects,
      projectCount: projects.length,
      byStatus,
      totals: projects.reduce((t, p) => addTotals(t, p.totals), emptyTotals()),
    };
  });
}

/** Directorate codes (from a form or the API) → ids; an unknown code is a field error. */
export async function directorateIdsForCodes(ctx: Ctx, codes: string[], field = 'directorates'): Promise<number[]> {
  const all = await directoratesRepo.listAll(ctx.db);
  return codes.map((code) => {
    const d = all.find((x) => x.code === code.toUpperCase());
    if (!d) throw new ValidationError({ [field]: `There is no directorate with code ${code}` });
    return d.id;
  });
}

// ## Forms: shown only to someone whose save would be allowed, by the same checks as the save

/** Adding, renaming and deleting directorates: administrators only (every entry point). */
export function assertMayManageDirectorates(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin');
}

/** The add-a-directorate form: administrators only, as createDirectorate checks. */
export function assertMayCreateDirectorate(ctx: Pick<Ctx, 'actor'>): void {
  assertMayManageDirectorates(ctx);
}

/** The edit and delete forms of a directorate: administrators only, as updateDirectorate and deleteDirectorate check. */
export async function assertMayEditDirectorate(ctx: Ctx, code: string): Promise<Directorate> {
  assertMayManageDirectorates(ctx);
  return getDirectorate(ctx, code);
}
