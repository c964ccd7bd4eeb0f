/**
 * Undo of an import batch (admin): deletes the rows it added and puts back the rows it updated,
 * all at once, through each table's repository; refused if any row it wrote has changed since.
 */
import * as budgetReductionsRepo from '../../repositories/budget-reductions';
import type { Knex } from 'knex';
import { inTransaction, type Db } from '../../knex';
import * as batchesRepo from '../../repositories/import-batches';
import * as benefitsRepo from '../../repositories/benefits';
import * as costLinesRepo from '../../repositories/cost-lines';
import * as profilesRepo from '../../repositories/benefit-profiles';
import * as realisationsRepo from '../../repositories/realisations';
import * as reforecastsRepo from '../../repositories/benefit-reforecasts';
import type { BatchRecord, BatchRowRecord } from '../../repositories/import-batches';
import type { UndoableTable } from '../../repositories/bulk';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { audit } from '../audit';
import { refreshSummaries } from '../summaries';
import { assertRole } from '../permissions';
import type { Ctx } from '../types';
import * as projectsRepo from '../../repositories/projects';
import * as dependentsRepo from '../../repositories/project-dependents';
import { deleteProject, updateProject } from '../projects';
import { projectInputFromJson } from './project-snapshots';

/** Children before parents, so deleting a benefit never takes rows of this batch with it first. */
const TABLES: UndoableTable[] = [
  profilesRepo.undoable,
  realisationsRepo.undoable,
  reforecastsRepo.undoable,
  costLinesRepo.undoable,
  benefitsRepo.undoable,
];

function tableOf(name: string): UndoableTable {
  const t = TABLES.find((x) => x.table === name);
  if (!t) throw new Error(`Import batches do not write table ${name}`);
  return t;
}

/** Rows this batch wrote that are no longer as it left them (edited, deleted, or changed by a later import). */
async function changedSince(trx: Db, rows: BatchRowRecord[]): Promise<string[]> {
  const changed: string[] = [];
  for (const name of new Set(rows.map((r) => r.tableName))) {
    const table = tableOf(name);
    const mine = rows.filter((r) => r.tableName === name);
    const versions = await table.currentVersions(
      trx,
      mine.map((r) => r.rowId),
    );
    for (const r of mine) if (versions.get(r.rowId) !== r.versionAfter) changed.push(`${table.label} ${r.rowId}`);
  }
  return changed;
}

/** Benefits this batch added must not take later realisations or profile rows with them. */
async function dependentsSince(trx: Db, rows: BatchRowRecord[]): Promise<number> {
  const benefitIds = rows.filter((r) => r.tableName === 'benefits' && r.action === 'inserted').map((r) => r.rowId);
  if (benefitIds.length === 0) return 0;
  const ownProfiles = new Set(rows.filter((r) => r.tableName === 'benefit_profile').map((r) => r.rowId));
  return (
    (await realisationsRepo.countByBenefits(trx, benefitIds)) +
    (await profilesRepo.countOthers(trx, benefitIds, ownProfiles)) +
    // Issue 19: nor the budget reductions recorded against them since.
    (await budgetReductionsRepo.countByBenefits(trx, benefitIds))
  );
}

function refuse(message: string): never {
  throw new ConflictError(
    `This import cannot be undone: ${message}. Undo any later import first, or correct the records by hand.`,
    {},
    'import_changed',
  );
}

async function revert(trx: Db, rows: BatchRowRecord[]): Promise<void> {
  for (const table of TABLES) {
    await table.removeMany(
      trx,
      rows.filter((r) => r.tableName === table.table && r.action === 'inserted').map((r) => r.rowId),
    );
  }
  // Updated rows get back their earlier values and their earlier version, so an earlier batch
  // that touched them can be undone next.
  for (const table of TABLES) {
    const restores = rows
      .filter((r) => r.tableName === table.table && r.action === 'updated')
      .map((r) => ({ id: r.rowId, versionNow: r.versionAfter, snapshot: r.before! }));
    if ((await table.restoreMany(trx, restores)) !== restores.length)
      refuse('some of its records changed while it was being undone');
  }
}

// ## Projects (issue 19): through the UI's own paths, deleteProject and updateProject

const PROJECTS = 'projects';

/** Why the projects this batch added or changed cannot be put back now, or null when they can. */
async function projectsRefusal(trx: Db, rows: BatchRowRecord[]): Promise<string | null> {
  if (rows.length === 0) return null;
  const ids = rows.map((r) => r.rowId);
  const versions = await dependentsRepo.projectVersions(trx, ids);
  const codes = new Map((await projectsRepo.listByIds(trx, ids)).map((p) => [p.id, p.code]));
  const name = (id: number) => codes.get(id) ?? `project ${id} (deleted)`;
  const changed = rows.filter((r) => versions.get(r.rowId) !== r.versionAfter).map((r) => name(r.rowId));
  if (changed.length)
    return `${changed.length} of the projects it added or changed ${changed.length === 1 ? 'has' : 'have'} been edited or deleted since (${listed(changed)})`;
  // A project it added goes with everything recorded against it: so only while there is nothing.
  const added = rows.filter((r) => r.action === 'inserted').map((r) => r.rowId);
  const recorded = await dependentsRepo.countRecordedAgainst(trx, added);
  if (recorded.size)
    return `costs, benefits, decisions, reviews, managers or actions have since been recorded against ${recorded.size} of the projects it added (${listed([...recorded.keys()].map(name))})`;
  return null;
}

function listed(items: string[]): string {
  return `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;
}

async function revertProjects(trx: Knex.Transaction, ctx: Ctx, rows: BatchRowRecord[]): Promise<void> {
  const inTrx: Ctx = { ...ctx, db: trx };
  const byId = new Map(
    (
      await projectsRepo.listByIds(
        trx,
        rows.map((r) => r.rowId),
      )
    ).map((p) => [p.id, p]),
  );
  for (const r of rows) {
    const p = byId.get(r.rowId)!;
    if (r.action === 'inserted') await deleteProject(inTrx, p.code, p.version);
    else
      try {
        await updateProject(inTrx, p.code, p.version, projectInputFromJson(r.before!));
      } catch (err) {
        // Its earlier values no longer meet the rules (a priority taken off the list, figures before the base year).
        if (!(err instanceof ValidationError)) throw err;
        refuse(`project ${p.code} cannot be put back: ${Object.values(err.fields)[0] ?? err.message}`);
      }
  }
}

/** Undoing an import: administrators only. */
export function assertMayUndoImports(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin');
}

export async function undoImportBatch(ctx: Ctx, id: number): Promise<BatchRecord> {
  assertMayUndoImports(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await batchesRepo.lockImports(trx);
    const batch = await batchesRepo.findBatch(trx, id);
    if (!batch) throw new NotFoundError(`There is no import batch ${id}`);
    if (batch.undoneAt)
      throw new ConflictError(
        `Import ${id} was already undone by ${batch.undoneByLabel ?? 'someone'}.`,
        {},
        'already_undone',
      );
    const all = await batchesRepo.batchRows(trx, id);
    const projectRows = all.filter((r) => r.tableName === PROJECTS);
    const rows = all.filter((r) => r.tableName !== PROJECTS);
    const projectsProblem = await projectsRefusal(trx, projectRows);
    if (projectsProblem) refuse(projectsProblem);
    const changed = await changedSince(trx, rows);
    if (changed.length)
      refuse(
        `${changed.length} of the records it wrote ${changed.length === 1 ? 'has' : 'have'} changed since (${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''})`,
      );
    const dependents = await dependentsSince(trx, rows);
    if (dependents)
      refuse(
        `${dependents} realisation${dependents === 1 ? '' : 's'}, profile row${dependents === 1 ? '' : 's'} or budget reduction${dependents === 1 ? ' has' : 's have'} since been recorded against benefits it added`,
      );
    // Before the rows go: the projects whose summaries the undo changes (C8).
    const projectIds = new Set<number>();
    for (const table of TABLES) {
      const ids = rows.filter((r) => r.tableName === table.table).map((r) => r.rowId);
      for (const p of await table.projectIdsOf(trx, ids)) projectIds.add(p);
    }
    await revert(trx, rows);
    await refreshSummaries(trx, [...projectIds]);
    await revertProjects(trx, ctx, projectRows);
    if (!(await batchesRepo.markUndone(trx, id, batch.version, ctx.actor.label)))
      throw new ConflictError(`Import ${id} was undone by someone else just now.`, {}, 'already_undone');
    const removed = all.filter((r) => r.action === 'inserted').length;
    const restored = all.length - removed;
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'import_batch',
      entityId: String(id),
      projectId: null,
      summary: `Import ${id} (${batch.fileName}) undone: ${removed} record${removed === 1 ? '' : 's'} removed, ${restored} restored`,
      before: { undone: false },
      after: { undone: true, removed, restored },
    });
    return (await batchesRepo.findBatch(trx, id))!;
  });
}
