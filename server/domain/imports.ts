/**
 * Importing cost lines, benefit profiles and realisations from CSV or .xlsx: preview (nothing
 * written), commit (all or nothing, in one transaction, re-validated, recorded as one batch with
 * one audit row) and undo (admin; the whole batch, refused if any row it wrote has changed since).
 */
import crypto from 'node:crypto';
import { inTransaction, type Db } from '../knex';
import * as batchesRepo from '../repositories/import-batches';
import * as projectsRepo from '../repositories/projects';
import * as usersRepo from '../repositories/users';
import type { BatchRecord, BatchRowRecord } from '../repositories/import-batches';
import { AppError, ConflictError, NotFoundError } from '../errors';
import { todayIso } from '../financial-year';
import { matchHeader, type ImportProblem } from '../io/header';
import { columnNames, LAYOUTS, type ImportKind } from '../io/layouts';
import { FileReadError, readTable, detectFormat, type FileFormat } from '../io/read-table';
import { newCounts, sortProblems, type Counts, type ParsedRow, type PlanContext, type ProjectRef, type RowUpdate } from '../io/plan-common';
import { planCosts, type CostPlan } from '../io/plan-costs';
import { planProfiles, type ProfilePlan } from '../io/plan-profiles';
import { planRealisations, type RealisationPlan } from '../io/plan-realisations';
import { audit } from './audit';
import { assertRole, canEditDirectorate, hasRole } from './permissions';
import type { Ctx } from './types';

export type { BatchRecord, ImportKind, ImportProblem, Counts };

export interface ImportFile {
  fileName: string;
  content: Buffer;
}

export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  format: FileFormat;
  /** SHA-256 of the file, hex. */
  checksum: string;
  rows: Counts;
  problems: ImportProblem[];
}

/** The file cannot be committed: the preview lists every problem by line and column. */
export class ImportProblemsError extends AppError {
  constructor(readonly preview: ImportPreview) {
    super(422, 'import_problems', `The file has ${preview.problems.length} problem${preview.problems.length === 1 ? '' : 's'}: nothing was imported`);
  }
}

/** How long an upload waits between preview and commit. */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;

export function mayImport(actor: Ctx['actor'], kind: ImportKind): boolean {
  return kind === 'realisations' ? hasRole(actor, 'admin', 'project_manager') : hasRole(actor, 'admin', 'finance');
}

function assertMayImport(ctx: Ctx, kind: ImportKind): void {
  if (kind === 'realisations') assertRole(ctx, 'admin', 'project_manager');
  else assertRole(ctx, 'admin', 'finance');
}

export function checksumOf(content: Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

type Plan = { kind: 'costs'; plan: CostPlan } | { kind: 'profiles'; plan: ProfilePlan } | { kind: 'realisations'; plan: RealisationPlan };

interface Built {
  preview: ImportPreview;
  plan: Plan | null;
}

/** Why this actor may not import into a project, in the words the single-record pages use. */
async function refusalFor(db: Db, ctx: Ctx, kind: ImportKind): Promise<(p: ProjectRef) => string | null> {
  if (kind !== 'realisations') {
    return (p) => (canEditDirectorate(ctx.actor, p.directorateId) ? null : `You cannot change project ${p.code}: ask a finance partner for its directorate`);
  }
  if (hasRole(ctx.actor, 'admin')) return () => null;
  const managed = new Set(ctx.actor.id === null ? [] : await usersRepo.managedProjectIds(db, ctx.actor.id));
  return (p) => (managed.has(p.id) ? null : `Only the project managers of ${p.code} can record its realised benefits`);
}

async function planContext(db: Db, ctx: Ctx, kind: ImportKind, columns: Map<string, number>): Promise<PlanContext> {
  const projects = await projectsRepo.list(db);
  return {
    columns,
    projects: new Map(projects.map((p) => [p.code.toUpperCase(), { id: p.id, code: p.code, baseFy: p.baseFy, directorateId: p.directorateId }])),
    refusal: await refusalFor(db, ctx, kind),
  };
}

function referencedProjectIds(rows: ParsedRow[], pc: PlanContext): number[] {
  const ids = new Set<number>();
  const at = pc.columns.get('project_code')!;
  for (const r of rows) {
    const p = pc.projects.get((r.cells[at] ?? '').toUpperCase());
    if (p) ids.add(p.id);
  }
  return [...ids];
}

async function plan(db: Db, ctx: Ctx, kind: ImportKind, rows: ParsedRow[], columns: Map<string, number>): Promise<Plan> {
  const pc = await planContext(db, ctx, kind, columns);
  const projectIds = referencedProjectIds(rows, pc);
  if (kind === 'costs') return { kind, plan: planCosts(rows, pc, await batchesRepo.costLinesOf(db, projectIds)) };
  const benefits = await batchesRepo.benefitsOf(db, projectIds);
  const benefitIds = benefits.map((b) => b.id);
  if (kind === 'profiles') {
    const profiles = await batchesRepo.profilesOf(db, benefitIds);
    const realised = new Map<number, { money: boolean; valueOnly: boolean }>();
    for (const r of await batchesRepo.realisationsOf(db, benefitIds)) {
      const id = r.benefit_id as number;
      const seen = realised.get(id) ?? { money: false, valueOnly: false };
      if (r.amount_pence === null) seen.valueOnly = true;
      else seen.money = true;
      realised.set(id, seen);
    }
    return { kind, plan: planProfiles(rows, pc, { benefits, profiles, realised }) };
  }
  const realisations = await batchesRepo.realisationsOf(db, benefitIds);
  return { kind, plan: planRealisations(rows, pc, { benefits, realisations, recordedBy: ctx.actor.label.slice(0, 120), recordedOn: todayIso() }) };
}

/** Reads, checks and plans a file against what is stored now. Writes nothing. */
async function build(db: Db, ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<Built> {
  const format = detectFormat(file.content);
  const preview: ImportPreview = { kind, fileName: file.fileName, format, checksum: checksumOf(file.content), rows: newCounts(), problems: [] };
  const fileProblem = (message: string): Built => ({ preview: { ...preview, problems: [{ line: null, column: null, message }] }, plan: null });
  let table;
  try {
    table = await readTable(file.content, format);
  } catch (err) {
    if (err instanceof FileReadError) return fileProblem(err.message);
    throw err;
  }
  if (table.headerLine === 0) return fileProblem(`The file is empty: start it with a header row naming the columns (${columnNames(kind).join(', ')})`);
  const header = matchHeader(kind, table.header, table.headerLine);
  if (header.problems.length) return { preview: { ...preview, problems: header.problems }, plan: null };
  if (table.rows.length === 0) return fileProblem('The file has a header row but no rows of data under it');
  const width = table.header.length;
  const extra: ImportProblem[] = [];
  for (const r of table.rows) {
    // A value beyond the last column is usually an unquoted separator inside a value.
    if (r.cells.length > width && r.cells.slice(width).some((c) => c !== '')) {
      extra.push({ line: r.line, column: null, message: `This line has ${r.cells.length} values but the header names ${width} columns: put quotes around values that contain the separator` });
    }
  }
  const built = await plan(db, ctx, kind, table.rows, header.index);
  const problems = sortProblems([...extra, ...built.plan.problems], columnNames(kind));
  return { preview: { ...preview, rows: built.plan.counts, problems }, plan: built };
}

export async function previewImport(ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<ImportPreview> {
  assertMayImport(ctx, kind);
  return (await build(ctx.db, ctx, kind, file)).preview;
}

// ## Commit

const STALE = 'Someone changed some of these records while the import ran. Upload the file again to see the changes.';

/** One table's updates, all at once; any row whose version moved on aborts the whole import. */
async function applyUpdates(trx: Db, updates: RowUpdate[], effects: BatchRowRecord[]): Promise<void> {
  if (updates.length === 0) return;
  const table = updates[0].table;
  const matched = await batchesRepo.updateManyIfVersion(trx, table, updates.map((u) => ({ id: u.id, version: u.version, nextVersion: u.version + 1, values: u.patch })));
  if (matched !== updates.length) throw new ConflictError(STALE, {}, 'stale_version');
  for (const u of updates) effects.push({ tableName: table, rowId: u.id, action: 'updated', versionAfter: u.version + 1, before: u.before });
}

async function applyInserts(trx: Db, table: string, rows: Record<string, unknown>[], effects: BatchRowRecord[], returning = ['id']): Promise<Record<string, unknown>[]> {
  const created = await batchesRepo.insertMany(trx, table, rows, returning);
  for (const r of created) effects.push({ tableName: table, rowId: r.id as number, action: 'inserted', versionAfter: 1, before: null });
  return created;
}

async function apply(trx: Db, p: Plan): Promise<BatchRowRecord[]> {
  const effects: BatchRowRecord[] = [];
  if (p.kind === 'costs' || p.kind === 'realisations') {
    const table = p.kind === 'costs' ? 'cost_lines' : 'realisations';
    await applyInserts(trx, table, p.plan.inserts, effects);
    await applyUpdates(trx, p.plan.updates, effects);
    return effects;
  }
  const created = await applyInserts(trx, 'benefits', p.plan.newBenefits.map((b) => b.row), effects, ['id', 'project_id', 'ref']);
  const newIds = new Map(created.map((r) => [`${r.project_id}|${r.ref}`, r.id as number]));
  await applyUpdates(trx, p.plan.benefitUpdates, effects);
  const profileRows = p.plan.profileInserts.map((i) => ({ benefit_id: i.benefitId ?? newIds.get(i.benefitKey), ...i.row }));
  await applyInserts(trx, 'benefit_profile', profileRows, effects);
  await applyUpdates(trx, p.plan.profileUpdates, effects);
  return effects;
}

async function commitIn(trx: Db, ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<BatchRecord> {
  await batchesRepo.lockImports(trx);
  const { preview, plan: built } = await build(trx, ctx, kind, file);
  if (preview.problems.length || !built) throw new ImportProblemsError(preview);
  const effects = await apply(trx, built);
  const { add, update, unchanged } = preview.rows;
  const id = await batchesRepo.insertBatch(trx, { kind, fileName: file.fileName.slice(0, 255), checksum: preview.checksum, actorId: ctx.actor.id, actorLabel: ctx.actor.label, added: add, updated: update, unchanged });
  await batchesRepo.insertBatchRows(trx, id, effects);
  await audit(trx, ctx, {
    action: 'created',
    entityType: 'import_batch',
    entityId: String(id),
    projectId: null,
    summary: `Imported ${LAYOUTS[kind].title.toLowerCase()} from ${file.fileName}: ${add} added, ${update} updated, ${unchanged} unchanged`,
    after: { kind, fileName: file.fileName, checksum: preview.checksum, rows: { add, update, unchanged } },
  });
  return (await batchesRepo.findBatch(trx, id))!;
}

/** All or nothing: re-checks the file inside the transaction, then writes it as one batch. */
export async function commitImport(ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<BatchRecord> {
  assertMayImport(ctx, kind);
  return inTransaction(ctx.db, (trx) => commitIn(trx, ctx, kind, file));
}

// ## Uploads kept between preview and commit (in the database, so any instance can commit)

export interface StashedUpload {
  id: string;
  checksum: string;
}

export async function stashUpload(ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<StashedUpload> {
  assertMayImport(ctx, kind);
  if (ctx.actor.id === null) throw new AppError(400, 'bad_request', 'Only a signed-in user can keep an upload for later');
  const id = crypto.randomBytes(24).toString('hex');
  const checksum = checksumOf(file.content);
  await batchesRepo.deleteUploadsBefore(ctx.db, new Date(Date.now() - UPLOAD_TTL_MS).toISOString());
  await batchesRepo.insertUpload(ctx.db, { id, kind, fileName: file.fileName.slice(0, 255), checksum, actorId: ctx.actor.id, content: file.content });
  return { id, checksum };
}

/** Commits an upload kept at preview, provided it is this user's, unexpired and the file previewed. */
export async function commitStashedUpload(ctx: Ctx, kind: ImportKind, uploadId: string, checksum: string): Promise<BatchRecord> {
  assertMayImport(ctx, kind);
  return inTransaction(ctx.db, async (trx) => {
    await batchesRepo.lockImports(trx);
    const upload = /^[0-9a-f]{48}$/.test(uploadId) ? await batchesRepo.findUpload(trx, uploadId) : null;
    const expired = !upload || Date.parse(upload.createdAt) < Date.now() - UPLOAD_TTL_MS;
    if (!upload || expired || upload.actorId !== ctx.actor.id || upload.kind !== kind || upload.checksum !== checksum) {
      throw new ConflictError('This upload has expired or has already been imported. Upload the file again to check and import it.', {}, 'upload_expired');
    }
    // Deleted in the same transaction: a second press of the button finds nothing to import.
    await batchesRepo.deleteUpload(trx, upload.id);
    return commitIn(trx, ctx, kind, { fileName: upload.fileName, content: upload.content });
  });
}

// ## Batches and undo

export async function listImportBatches(ctx: Ctx, limit = 20): Promise<BatchRecord[]> {
  assertRole(ctx, 'admin', 'finance', 'project_manager');
  return batchesRepo.listRecent(ctx.db, limit);
}

export async function getImportBatch(ctx: Ctx, id: number): Promise<BatchRecord> {
  assertRole(ctx, 'admin', 'finance', 'project_manager');
  const batch = await batchesRepo.findBatch(ctx.db, id);
  if (!batch) throw new NotFoundError(`There is no import batch ${id}`);
  return batch;
}

const TABLE_LABELS: Record<string, string> = { cost_lines: 'cost line', benefits: 'benefit', benefit_profile: 'profile row', realisations: 'realisation' };
/** Children before parents, so deleting a benefit never takes rows of this batch with it first. */
const DELETE_ORDER = ['benefit_profile', 'realisations', 'cost_lines', 'benefits'];

/** Rows this batch wrote that are no longer as it left them (edited, deleted, or changed by a later import). */
async function changedSince(trx: Db, rows: BatchRowRecord[]): Promise<string[]> {
  const changed: string[] = [];
  for (const table of new Set(rows.map((r) => r.tableName))) {
    const mine = rows.filter((r) => r.tableName === table);
    const versions = await batchesRepo.currentVersions(trx, table, mine.map((r) => r.rowId));
    for (const r of mine) if (versions.get(r.rowId) !== r.versionAfter) changed.push(`${TABLE_LABELS[table] ?? table} ${r.rowId}`);
  }
  return changed;
}

/** Benefits this batch added must not take later realisations or profile rows with them. */
async function dependentsSince(trx: Db, rows: BatchRowRecord[]): Promise<number> {
  const benefitIds = rows.filter((r) => r.tableName === 'benefits' && r.action === 'inserted').map((r) => r.rowId);
  if (benefitIds.length === 0) return 0;
  const ownProfiles = new Set(rows.filter((r) => r.tableName === 'benefit_profile').map((r) => r.rowId));
  return (await batchesRepo.countRealisationsOf(trx, benefitIds)) + (await batchesRepo.countOtherProfileRows(trx, benefitIds, ownProfiles));
}

function refuse(message: string): never {
  throw new ConflictError(`This import cannot be undone: ${message}. Undo any later import first, or correct the records by hand.`, {}, 'import_changed');
}

/** Admin only: deletes the rows the batch added and puts back the rows it updated, all at once. */
export async function undoImportBatch(ctx: Ctx, id: number): Promise<BatchRecord> {
  assertRole(ctx, 'admin');
  return inTransaction(ctx.db, async (trx) => {
    await batchesRepo.lockImports(trx);
    const batch = await batchesRepo.findBatch(trx, id);
    if (!batch) throw new NotFoundError(`There is no import batch ${id}`);
    if (batch.undoneAt) throw new ConflictError(`Import ${id} was already undone by ${batch.undoneByLabel ?? 'someone'}.`, {}, 'already_undone');
    const rows = await batchesRepo.batchRows(trx, id);
    const changed = await changedSince(trx, rows);
    if (changed.length) refuse(`${changed.length} of the records it wrote ${changed.length === 1 ? 'has' : 'have'} changed since (${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''})`);
    const dependents = await dependentsSince(trx, rows);
    if (dependents) refuse(`${dependents} realisation${dependents === 1 ? '' : 's'} or profile row${dependents === 1 ? ' has' : 's have'} since been recorded against benefits it added`);
    for (const table of DELETE_ORDER) {
      await batchesRepo.deleteIds(trx, table, rows.filter((r) => r.tableName === table && r.action === 'inserted').map((r) => r.rowId));
    }
    // Updated rows get back their earlier values and their earlier version, so an earlier batch
    // that touched them can be undone next.
    for (const table of new Set(rows.map((r) => r.tableName))) {
      const restores = rows
        .filter((r) => r.tableName === table && r.action === 'updated')
        .map((r) => {
          const { version, ...values } = r.before!;
          return { id: r.rowId, version: r.versionAfter, nextVersion: version as number, values };
        });
      if ((await batchesRepo.updateManyIfVersion(trx, table, restores)) !== restores.length) refuse('some of its records changed while it was being undone');
    }
    if (!(await batchesRepo.markUndone(trx, id, batch.version, ctx.actor.label))) throw new ConflictError(`Import ${id} was undone by someone else just now.`, {}, 'already_undone');
    const removed = rows.filter((r) => r.action === 'inserted').length;
    const restored = rows.length - removed;
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
