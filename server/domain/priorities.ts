/**
 * Council priorities (issue 19): a managed list (administrators add, rename and remove entries),
 * the rule that a project's priority is on it, and the priorities page's figures: per priority,
 * the C6 aggregate of its projects (flows summed, appraised once, never ratios averaged), made by
 * getAggregateMetrics as a directorate's is.
 */
import { inTransaction, type Db } from '../knex';
import * as prioritiesRepo from '../repositories/priorities';
import type { Priority } from '../repositories/priorities';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../errors';
import { fyOfDate, todayUkIso } from '../financial-year';
import type { ViewSet } from '../finance/types';
import type { PriorityInput } from '../validation/priorities.schema';
import { audit } from './audit';
import { assertRole } from './permissions';
import { memoised } from './read-memo';
import { getAggregateMetrics } from './metrics';
import type { Ctx } from './types';

export type { Priority };

export function assertMayManagePriorities(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin');
}

export async function listPriorities(ctx: Ctx | { db: Db }): Promise<(Priority & { projectCount: number })[]> {
  const [list, counts] = [await prioritiesRepo.listAll(ctx.db), await prioritiesRepo.projectCounts(ctx.db)];
  return list.map((p) => ({ ...p, projectCount: counts.get(p.name) ?? 0 }));
}

export async function listPriorityNames(ctx: Ctx | { db: Db }): Promise<string[]> {
  return (await prioritiesRepo.listAll(ctx.db)).map((p) => p.name);
}

export async function getPriority(ctx: Ctx | { db: Db }, id: number): Promise<Priority> {
  const p = await prioritiesRepo.findById(ctx.db, id);
  if (!p) throw new NotFoundError(`There is no priority ${id}`);
  return p;
}

/**
 * The rule every project write meets (form, API, import): blank, or a priority on the list,
 * whatever its case; the list's own spelling is stored.
 */
export async function knownPriority(db: Db, name: string, field = 'priority'): Promise<string> {
  const text = name.trim().replace(/\s+/g, ' ');
  if (text === '') return '';
  const found = await prioritiesRepo.findByName(db, text);
  if (!found)
    throw new ValidationError({
      [field]: `${text} is not on the list of council priorities: choose one from the list, or ask an administrator to add it`,
    });
  return found.name;
}

async function assertNameFree(trx: Db, name: string, exceptId?: number): Promise<void> {
  const other = await prioritiesRepo.findByName(trx, name);
  if (other && other.id !== exceptId) throw new ValidationError({ name: `${other.name} is already on the list` });
}

export async function createPriority(ctx: Ctx, input: PriorityInput): Promise<Priority> {
  assertMayManagePriorities(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await assertNameFree(trx, input.name);
    const id = await prioritiesRepo.insert(trx, input);
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'priority',
      entityId: String(id),
      projectId: null,
      summary: `Council priority ${input.name} added`,
      after: input,
    });
    return (await prioritiesRepo.findById(trx, id))!;
  });
}

/** A rename renames the priority on its projects in the same transaction. */
export async function updatePriority(ctx: Ctx, id: number, version: number, input: PriorityInput): Promise<Priority> {
  assertMayManagePriorities(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const current = await getPriority({ db: trx }, id);
    await assertNameFree(trx, input.name, id);
    if (!(await prioritiesRepo.update(trx, id, version, input))) throw new StaleVersionError(current);
    const moved =
      current.name === input.name ? 0 : await prioritiesRepo.renameOnProjects(trx, current.name, input.name);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'priority',
      entityId: String(id),
      projectId: null,
      summary:
        current.name === input.name
          ? `Council priority ${input.name} updated`
          : `Council priority ${current.name} renamed ${input.name} (on ${moved} project${moved === 1 ? '' : 's'})`,
      before: { name: current.name, description: current.description },
      after: input,
    });
    return (await prioritiesRepo.findById(trx, id))!;
  });
}

/** A priority still on a project cannot be removed: move its projects first. */
export async function deletePriority(ctx: Ctx, id: number): Promise<void> {
  assertMayManagePriorities(ctx);
  await inTransaction(ctx.db, async (trx) => {
    const current = await getPriority({ db: trx }, id);
    const n = (await prioritiesRepo.projectCounts(trx)).get(current.name) ?? 0;
    if (n > 0)
      throw new ConflictError(
        `${current.name} is the priority of ${n} project${n === 1 ? '' : 's'}: give them another priority first`,
      );
    await prioritiesRepo.remove(trx, id);
    await audit(trx, ctx, {
      action: 'deleted',
      entityType: 'priority',
      entityId: String(id),
      projectId: null,
      summary: `Council priority ${current.name} removed`,
      before: { name: current.name, description: current.description },
    });
  });
}

// ## The priorities page

export interface PriorityFigures {
  /** '' for projects with no priority recorded. */
  name: string;
  projectCount: number;
  figures: ViewSet;
  baseFy: number;
}

export interface PrioritiesOverview {
  asAt: string;
  asAtFy: number;
  priorities: PriorityFigures[];
}

/**
 * Per priority (and "none recorded"), the C6 aggregate of its projects exactly as a directorate's
 * is made (getAggregateMetrics): their stored series (C8, with re-forecasts, C9) summed per year
 * and appraised once from the earliest base year among them, under the organisation's rule.
 */
export async function getPrioritiesOverview(ctx: Ctx, asAt = todayUkIso()): Promise<PrioritiesOverview> {
  return memoised(ctx.db, `priorities ${asAt}`, async () => {
    const counts = await prioritiesRepo.projectCounts(ctx.db);
    const names = [...new Set([...(await listPriorityNames(ctx)), ...counts.keys()])];
    const priorities: PriorityFigures[] = [];
    for (const name of names) {
      if (name === '' && !counts.get('')) continue;
      const m = await getAggregateMetrics(ctx, { priority: name }, { asAt, riskAdjusted: false });
      priorities.push({ name, projectCount: m.projectCount, figures: m, baseFy: m.basis.baseFy });
    }
    priorities.sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : a.name.localeCompare(b.name)));
    return { asAt, asAtFy: fyOfDate(asAt), priorities };
  });
}
