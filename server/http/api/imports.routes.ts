import { Router, type Request, type Response } from 'express';
import * as imports from '../../domain/imports';
import { ImportProblemsError, type BatchRecord, type ImportPreview } from '../../domain/imports';
import { BadRequestError } from '../../errors';
import { todayIso } from '../../financial-year';
import { detectFormat } from '../../io/read-table';
import { cleanFileName, rawImportBody, uploadFile } from '../middleware/upload';
import { importKindAllowed, importKindOf } from '../middleware/import-kind';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { param } from '../params';

export function importsApiRoutes(): Router {
  const router = Router();
  // Roles first, so nobody else can make us read a 20 MB body; then a multipart `file` or a raw CSV/.xlsx body.
  router.post(
    '/imports/:kind',
    requireRole('admin', 'finance', 'project_manager'),
    importKindAllowed,
    uploadFile(),
    rawImportBody(),
    asyncHandler(create),
  );
  return router;
}

/** The most problems one response lists; `problemCount` gives them all. */
const MAX_PROBLEMS = 1000;

export function previewToApi(p: Omit<ImportPreview, 'format' | 'planned'>) {
  return {
    kind: p.kind,
    fileName: p.fileName,
    checksum: p.checksum,
    rows: p.rows,
    problemCount: p.problems.length,
    // The documented shape: line, column and message (the pages also show the value typed).
    problems: p.problems.slice(0, MAX_PROBLEMS).map(({ line, column, message }) => ({ line, column, message })),
  };
}

/**
 * A file with problems (a row naming a project outside the user's scope is one of them): the
 * documented error shape, naming the first problem, with the preview and every problem beside it.
 */
export function problemsToApi(err: ImportProblemsError) {
  const first = err.preview.problems[0];
  const where = first
    ? [first.line === null ? null : `Line ${first.line}`, first.column].filter(Boolean).join(', ')
    : '';
  const error: { code: string; message: string; field?: string; line?: number } = {
    code: err.code,
    message: first ? `${err.message}. ${where ? `${where}: ` : ''}${first.message}` : err.message,
  };
  if (first?.column) error.field = first.column;
  if (first && first.line !== null) error.line = first.line;
  return { error, ...previewToApi(err.preview) };
}

export function batchToApi(b: BatchRecord) {
  return {
    id: b.id,
    kind: b.kind,
    fileName: b.fileName,
    checksum: b.checksum,
    rows: { add: b.added, update: b.updated, unchanged: b.unchanged },
    importedBy: b.actorLabel,
    importedAt: b.createdAt,
    undoneAt: b.undoneAt,
  };
}

function fileOf(req: Request): imports.ImportFile {
  if (req.file)
    return {
      fileName: cleanFileName(req.file.originalname, `${param(req, 'kind')}-${todayIso()}`),
      content: req.file.buffer,
    };
  if (Buffer.isBuffer(req.body) && req.body.length > 0) {
    const named = typeof req.query.fileName === 'string' ? req.query.fileName : undefined;
    return {
      fileName: cleanFileName(named, `${param(req, 'kind')}-${todayIso()}.${detectFormat(req.body)}`),
      content: req.body,
    };
  }
  throw new BadRequestError('Send the file as a text/csv (or .xlsx) body, or as a multipart form field "file"', 'file');
}

function dryRun(req: Request): boolean {
  const v = req.query.dryRun;
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw new BadRequestError('dryRun must be true or false', 'dryRun');
}

/** @route POST /api/v1/imports/:kind?dryRun=true — the preview (422 import_problems with problems), or commit (201 with the batch). */
async function create(req: Request, res: Response) {
  const kind = importKindOf(req);
  const preview = dryRun(req);
  const file = fileOf(req);
  if (preview) {
    const result = await imports.previewImport(req.ctx(), kind, file);
    if (result.problems.length) return res.status(422).json(problemsToApi(new ImportProblemsError(result)));
    return res.status(200).json(previewToApi(result));
  }
  try {
    const batch = await imports.commitImport(req.ctx(), kind, file);
    res.status(201).json({
      ...previewToApi({
        kind,
        fileName: batch.fileName,
        checksum: batch.checksum,
        rows: { add: batch.added, update: batch.updated, unchanged: batch.unchanged },
        problems: [],
      }),
      batch: batchToApi(batch),
    });
  } catch (err) {
    if (err instanceof ImportProblemsError) return res.status(err.status).json(problemsToApi(err));
    throw err;
  }
}
