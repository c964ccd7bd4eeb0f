/**
 * Importing cost lines, benefit profiles and realisations from CSV or .xlsx: preview (nothing
 * written), commit (all or nothing, in one transaction, re-validated, recorded as one batch with
 * one audit row) and undo (admin; the whole batch, refused if any row it wrote has changed since).
 * The file is read by io/; every row meets the same rule functions as the forms and the API
 * (plan-*.ts) and is written through the same per-table repositories (apply.ts).
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { inTransaction } from '../../knex';
import * as batchesRepo from '../../repositories/import-batches';
import type { BatchRecord } from '../../repositories/import-batches';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import type { ImportProblem } from '../../io/header';
import { LAYOUTS, type ImportKind } from '../../io/layouts';
import { audit } from '../audit';
import { assertRole, hasRole } from '../permissions';
import type { Ctx } from '../types';
import type { Counts } from './plan-common';
import {
  build,
  checksumOf,
  planFile,
  readImportFile,
  type ImportFile,
  type ImportPreview,
  type PreviewProblem,
  type ReadFile,
} from './plan';
import { plannedRowsFromJson } from './planned-rows';
import { apply } from './apply';
import { refreshSummaries } from '../summaries';

export type { BatchRecord, ImportKind, ImportProblem, Counts, ImportFile, ImportPreview, PreviewProblem };
export type { PlannedGroup, PlannedRow, YearTotal } from './planned-rows';
export { checksumOf };
export { assertMayUndoImports, undoImportBatch } from './undo';

/** The file cannot be committed: the preview lists every problem by line and column. */
export class ImportProblemsError extends AppError {
  constructor(readonly preview: ImportPreview) {
    super(
      422,
      'import_problems',
      `The file has ${preview.problems.length} problem${preview.problems.length === 1 ? '' : 's'}: nothing was imported`,
    );
  }
}

/** How long an upload waits between preview and commit. */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;

export function mayImport(actor: Ctx['actor'], kind: ImportKind): boolean {
  if (kind === 'reforecasts') return hasRole(actor, 'admin', 'finance', 'project_manager'); // C9; scope per line
  return kind === 'realisations' ? hasRole(actor, 'admin', 'project_manager') : hasRole(actor, 'admin', 'finance');
}

function assertMayImport(ctx: Ctx, kind: ImportKind): void {
  if (kind === 'reforecasts') assertRole(ctx, 'admin', 'finance', 'project_manager');
  else if (kind === 'realisations') assertRole(ctx, 'admin', 'project_manager');
  else assertRole(ctx, 'admin', 'finance');
}

export async function previewImport(ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<ImportPreview> {
  assertMayImport(ctx, kind);
  return (await build(ctx.db, ctx, kind, file)).preview;
}

// ## Commit

async function commitIn(
  trx: Knex.Transaction,
  ctx: Ctx,
  kind: ImportKind,
  file: ImportFile,
  read: ReadFile,
): Promise<BatchRecord> {
  await batchesRepo.lockImports(trx);
  const { preview, plan: built } = await planFile(trx, ctx, kind, read);
  if (preview.problems.length || !built) throw new ImportProblemsError(preview);
  const effects = await apply(trx, ctx, built);
  await refreshSummaries(trx, built.projectIds);
  const { add, update, unchanged } = preview.rows;
  const id = await batchesRepo.insertBatch(trx, {
    kind,
    fileName: file.fileName.slice(0, 255),
    checksum: preview.checksum,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.label,
    added: add,
    updated: update,
    unchanged,
  });
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

/**
 * All or nothing: reads the file first, outside the transaction (so a slow or damaged file never
 * holds the database), then re-plans it against what is stored inside the transaction and writes
 * it as one batch.
 */
export async function commitImport(ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<BatchRecord> {
  assertMayImport(ctx, kind);
  const read = await readImportFile(kind, file);
  if (!read.read) throw new ImportProblemsError(read.preview);
  return inTransaction(ctx.db, (trx) => commitIn(trx, ctx, kind, file, read));
}

// ## Previews kept between upload and commit (in the database, so any instance can show and commit them)

/** The most problems a kept preview lists; `problemCount` counts them all. */
export const MAX_PROBLEMS_KEPT = 1000;

/**
 * A preview as the page shows it, kept under an unguessable id tied to the user who uploaded
 * the file: shown again on a refresh without re-planning, and committed by its id.
 */
export interface KeptPreview extends Omit<ImportPreview, 'problems'> {
  /** Null for a preview shown straight away (a commit that found new problems). */
  id: string | null;
  problemCount: number;
  problems: PreviewProblem[];
  /** No problems and something to add or update: the page offers Commit. */
  committable: boolean;
}

export function keptPreviewOf(p: ImportPreview, id: string | null = null): KeptPreview {
  return {
    ...p,
    id,
    problemCount: p.problems.length,
    problems: p.problems.slice(0, MAX_PROBLEMS_KEPT),
    committable: p.problems.length === 0 && p.rows.add + p.rows.update > 0,
  };
}

function keptPreviewFromJson(json: string, id: string): KeptPreview {
  const parsed = JSON.parse(json) as KeptPreview;
  return { ...parsed, id, planned: plannedRowsFromJson(parsed.planned) };
}

/**
 * Plans an upload and keeps the result (and, when it can be committed, the file) for an hour.
 * Writes nothing else.
 */
export async function previewAndKeep(ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<KeptPreview> {
  assertMayImport(ctx, kind);
  if (ctx.actor.id === null)
    throw new AppError(400, 'bad_request', 'Only a signed-in user can keep an upload for later');
  const kept = keptPreviewOf(await previewImport(ctx, kind, file), crypto.randomBytes(24).toString('hex'));
  await batchesRepo.deleteUploadsBefore(ctx.db, new Date(Date.now() - UPLOAD_TTL_MS).toISOString());
  await batchesRepo.insertUpload(ctx.db, {
    id: kept.id!,
    kind,
    fileName: file.fileName.slice(0, 255),
    checksum: kept.checksum,
    actorId: ctx.actor.id,
    content: kept.committable ? file.content : Buffer.alloc(0),
    previewJson: JSON.stringify({ ...kept, id: undefined }),
  });
  return kept;
}

/** A kept preview, to its own user only, until it expires or is committed. */
export async function getKeptPreview(ctx: Ctx, id: string): Promise<KeptPreview> {
  assertRole(ctx, 'admin', 'finance', 'project_manager');
  const upload = /^[0-9a-f]{48}$/.test(id) ? await batchesRepo.findUpload(ctx.db, id) : null;
  const expired = !upload || Date.parse(upload.createdAt) < Date.now() - UPLOAD_TTL_MS;
  if (!upload || expired || upload.actorId !== ctx.actor.id || !upload.previewJson)
    throw new NotFoundError(
      'This check of a file has expired, or its file has been imported. Upload the file again to check it.',
    );
  assertMayImport(ctx, upload.kind as ImportKind);
  return keptPreviewFromJson(upload.previewJson, upload.id);
}

/** Commits an upload kept at preview, provided it is this user's, unexpired and the file previewed. */
export async function commitStashedUpload(
  ctx: Ctx,
  kind: ImportKind,
  uploadId: string,
  checksum: string,
): Promise<BatchRecord> {
  assertMayImport(ctx, kind);
  // Read outside the transaction, like commitImport; the upload is checked again inside it.
  const stashed = /^[0-9a-f]{48}$/.test(uploadId) ? await batchesRepo.findUpload(ctx.db, uploadId) : null;
  const read = stashed ? await readImportFile(kind, { fileName: stashed.fileName, content: stashed.content }) : null;
  return inTransaction(ctx.db, async (trx) => {
    await batchesRepo.lockImports(trx);
    const upload = stashed ? await batchesRepo.findUpload(trx, stashed.id) : null;
    const expired = !upload || Date.parse(upload.createdAt) < Date.now() - UPLOAD_TTL_MS;
    if (
      !upload ||
      expired ||
      upload.actorId !== ctx.actor.id ||
      upload.kind !== kind ||
      upload.checksum !== checksum ||
      upload.content.length === 0
    ) {
      throw new ConflictError(
        'This upload has expired or has already been imported. Upload the file again to check and import it.',
        {},
        'upload_expired',
      );
    }
    // Deleted in the same transaction: a second press of the button finds nothing to import.
    await batchesRepo.deleteUpload(trx, upload.id);
    if (!read!.read) throw new ImportProblemsError(read!.preview);
    return commitIn(trx, ctx, kind, { fileName: upload.fileName, content: upload.content }, read!);
  });
}

// ## Batches

/** The import pages and batches: anyone who may import some kind (mayImport). */
export function assertMayUseImports(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin', 'finance', 'project_manager');
}

export async function listImportBatches(ctx: Ctx, limit = 20): Promise<BatchRecord[]> {
  assertMayUseImports(ctx);
  return batchesRepo.listRecent(ctx.db, limit);
}

export async function getImportBatch(ctx: Ctx, id: number): Promise<BatchRecord> {
  assertMayUseImports(ctx);
  const batch = await batchesRepo.findBatch(ctx.db, id);
  if (!batch) throw new NotFoundError(`There is no import batch ${id}`);
  return batch;
}
