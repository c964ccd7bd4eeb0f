/**
 * Writes a planned import through the per-table repositories' bulk methods, the same repositories
 * (and row mapping) as the forms and the API, and returns what undo needs of each row written.
 */
import type { Knex } from 'knex';
import type { Db } from '../../knex';
import * as benefitsRepo from '../../repositories/benefits';
import * as costLinesRepo from '../../repositories/cost-lines';
import * as profilesRepo from '../../repositories/benefit-profiles';
import * as realisationsRepo from '../../repositories/realisations';
import * as reforecastsRepo from '../../repositories/benefit-reforecasts';
import type { BatchRowRecord } from '../../repositories/import-batches';
import { ConflictError } from '../../errors';
import type { Update } from './plan-common';
import type { Plan } from './plan';
import { storedInput, type ProjectPlan } from './plan-projects';
import { projectInputToJson } from './project-snapshots';
import type { Ctx } from '../types';
import { createProject, updateProject } from '../projects';

const STALE = 'Someone changed some of these records while the import ran. Upload the file again to see the changes.';

interface TableWriter<R extends { id: number; version: number }, W> {
  table: string;
  updateMany(db: Db, updates: { id: number; version: number; write: W }[]): Promise<number>;
  undoSnapshot(current: R): Record<string, unknown>;
}

/** One table's updates, all at once; any row whose version moved on aborts the whole import. */
async function applyUpdates<R extends { id: number; version: number }, W>(
  trx: Db,
  repo: TableWriter<R, W>,
  updates: Update<R, W>[],
  effects: BatchRowRecord[],
): Promise<void> {
  if (updates.length === 0) return;
  const matched = await repo.updateMany(
    trx,
    updates.map((u) => ({ id: u.current.id, version: u.current.version, write: u.write })),
  );
  if (matched !== updates.length) throw new ConflictError(STALE, {}, 'stale_version');
  for (const u of updates)
    effects.push({
      tableName: repo.table,
      rowId: u.current.id,
      action: 'updated',
      versionAfter: u.current.version + 1,
      before: repo.undoSnapshot(u.current),
    });
}

function inserted(table: string, ids: number[], effects: BatchRowRecord[]): void {
  for (const id of ids)
    effects.push({ tableName: table, rowId: id, action: 'inserted', versionAfter: 1, before: null });
}

const COSTS = { table: 'cost_lines', updateMany: costLinesRepo.updateMany, undoSnapshot: costLinesRepo.undoSnapshot };
const BENEFITS = { table: 'benefits', updateMany: benefitsRepo.updateMany, undoSnapshot: benefitsRepo.undoSnapshot };
const PROFILES = {
  table: 'benefit_profile',
  updateMany: profilesRepo.updateMany,
  undoSnapshot: profilesRepo.undoSnapshot,
};
const REALISATIONS = {
  table: 'realisations',
  updateMany: realisationsRepo.updateMany,
  undoSnapshot: realisationsRepo.undoSnapshot,
};

/**
 * Issue 19: each project through createProject or updateProject itself (their checks, audit
 * records, summaries and review schedule), inside the import's transaction: a failure on any line
 * rolls back the whole file.
 */
async function writeProjects(trx: Knex.Transaction, ctx: Ctx, plan: ProjectPlan, effects: BatchRowRecord[]) {
  const inTrx: Ctx = { ...ctx, db: trx };
  for (const { input } of plan.inserts) {
    const created = await createProject(inTrx, input);
    effects.push({
      tableName: 'projects',
      rowId: created.id,
      action: 'inserted',
      versionAfter: created.version,
      before: null,
    });
  }
  for (const { current, input } of plan.updates) {
    const updated = await updateProject(inTrx, current.code, current.version, input);
    effects.push({
      tableName: 'projects',
      rowId: current.id,
      action: 'updated',
      versionAfter: updated.version,
      // What undo gives updateProject to put the project back.
      before: projectInputToJson(storedInput(current)),
    });
  }
}

export async function apply(trx: Knex.Transaction, ctx: Ctx, p: Plan): Promise<BatchRowRecord[]> {
  const effects: BatchRowRecord[] = [];
  if (p.kind === 'projects') {
    await writeProjects(trx, ctx, p.plan, effects);
    return effects;
  }
  if (p.kind === 'costs') {
    inserted(COSTS.table, await costLinesRepo.insertMany(trx, p.plan.inserts), effects);
    await applyUpdates(trx, COSTS, p.plan.updates, effects);
    return effects;
  }
  if (p.kind === 'reforecasts') {
    // C9: append-only, so an import only adds (and its undo deletes what it added).
    inserted('benefit_reforecasts', await reforecastsRepo.insertMany(trx, p.plan.inserts), effects);
    return effects;
  }
  if (p.kind === 'realisations') {
    inserted(REALISATIONS.table, await realisationsRepo.insertMany(trx, p.plan.inserts), effects);
    await applyUpdates(trx, REALISATIONS, p.plan.updates, effects);
    return effects;
  }
  const created = await benefitsRepo.insertMany(
    trx,
    p.plan.newBenefits.map((b) => b.benefit),
  );
  inserted(
    BENEFITS.table,
    created.map((b) => b.id),
    effects,
  );
  const newIds = new Map(created.map((b) => [`${b.projectId}|${b.ref}`, b.id]));
  await applyUpdates(trx, BENEFITS, p.plan.benefitUpdates, effects);
  const entries = p.plan.profileInserts.map((i) => ({
    benefitId: i.benefitId ?? newIds.get(i.benefitKey)!,
    ...i.entry,
  }));
  inserted(PROFILES.table, await profilesRepo.insertMany(trx, entries), effects);
  await applyUpdates(trx, PROFILES, p.plan.profileUpdates, effects);
  return effects;
}
