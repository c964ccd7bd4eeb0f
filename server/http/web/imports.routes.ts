import { Router, type Request, type Response } from 'express';
import * as imports from '../../domain/imports';
import { ImportProblemsError, keptPreviewOf, type BatchRecord } from '../../domain/imports';
import { actorFor } from '../../domain/users';
import { allows } from '../../domain/permissions';
import { NotFoundError } from '../../errors';
import { todayIso } from '../../financial-year';
import { IMPORT_KINDS, LAYOUTS, type ImportKind } from '../../io/layouts';
import { cleanFileName, MAX_UPLOAD_BYTES, uploadFile } from '../middleware/upload';
import { writeCsv, writeXlsx, type TableSpec } from '../../io/write-table';
import { importKindAllowed, importKindOf } from '../middleware/import-kind';
import { csrfAfterUpload } from '../middleware/csrf';
import { presentImportPreview } from '../presenters/imports';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { formatWhen } from '../presenters/audit';
import { idParam, param } from '../params';

export function importsRoutes(): Router {
  const router = Router();
  const importers = requireRole('admin', 'finance', 'project_manager');
  router.get('/imports', importers, asyncHandler(index));
  router.get('/imports/:kind/template.:ext', importers, importKindAllowed, asyncHandler(template));
  // The role is checked before the upload is read, so nobody else can make us buffer 20 MB.
  // The upload's CSRF token is in its multipart body, so it is checked once that is parsed.
  router.post(
    '/imports/:kind/preview',
    importers,
    importKindAllowed,
    uploadFile(),
    csrfAfterUpload(),
    asyncHandler(preview),
  );
  router.get('/imports/previews/:id', importers, asyncHandler(showPreview));
  router.post('/imports/:kind/commit', importers, importKindAllowed, asyncHandler(commit));
  router.get('/imports/batches/:id', importers, asyncHandler(showBatch));
  router.post('/imports/batches/:id/undo', requireRole('admin'), asyncHandler(undo));
  return router;
}

/** The undo button: shown exactly when undoImportBatch would accept this user. */
function mayUndo(req: Request): boolean {
  return allows(() => imports.assertMayUndoImports(req.ctx()));
}

function presentBatch(b: BatchRecord, mayUndo: boolean) {
  return {
    id: b.id,
    href: `/imports/batches/${b.id}`,
    kind: LAYOUTS[b.kind as ImportKind]?.title ?? b.kind,
    fileName: b.fileName,
    checksum: b.checksum,
    who: b.actorLabel,
    when: formatWhen(b.createdAt),
    added: b.added,
    updated: b.updated,
    unchanged: b.unchanged,
    undone: b.undoneAt ? `Undone ${formatWhen(b.undoneAt)} by ${b.undoneByLabel ?? 'an administrator'}` : null,
    canUndo: mayUndo && !b.undoneAt,
  };
}

async function indexLocals(req: Request) {
  const actor = actorFor(req.user!);
  const kinds = IMPORT_KINDS.filter((k) => imports.mayImport(actor, k)).map((k) => ({
    ...LAYOUTS[k],
    action: `/imports/${k}/preview`,
    templateCsv: `/imports/${k}/template.csv`,
    templateXlsx: `/imports/${k}/template.xlsx`,
  }));
  const batches = (await imports.listImportBatches(req.ctx())).map((b) => presentBatch(b, mayUndo(req)));
  return {
    title: 'Import data',
    kinds,
    batches,
    maxMb: MAX_UPLOAD_BYTES / 1024 / 1024,
    scripts: ['/public/js/busy-forms.js'],
  };
}

/** @route GET /imports */
async function index(req: Request, res: Response) {
  res.render('imports/index', await indexLocals(req));
}

/** @route GET /imports/:kind/template.:ext — the header row; the .xlsx adds a sheet describing each column. */
async function template(req: Request, res: Response) {
  const kind = importKindOf(req);
  const ext = param(req, 'ext');
  const layout = LAYOUTS[kind];
  const header: TableSpec = {
    name: layout.title,
    columns: layout.columns.map((c) => ({ header: c.name, kind: 'text' })),
    rows: [],
  };
  const name = `realise-${kind}-template.${ext}`;
  if (ext === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    await writeCsv(header, (chunk) => void res.write(chunk));
    return res.end();
  }
  if (ext !== 'xlsx') throw new NotFoundError('Templates come as .csv or .xlsx');
  const docs: TableSpec = {
    name: 'Columns',
    columns: ['column', 'required', 'what to enter', 'example'].map((h) => ({ header: h, kind: 'text' as const })),
    rows: [layout.columns.map((c) => [c.name, c.required ? 'yes' : 'no', c.description, c.example])],
  };
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  await writeXlsx([header, docs], res);
}

/**
 * @route POST /imports/:kind/preview — checks the upload and keeps what it would do, then sends the
 * browser to that preview (post, redirect, get): a refresh shows it again without sending the file.
 */
async function preview(req: Request, res: Response) {
  const kind = importKindOf(req);
  if (!req.file || req.file.size === 0) {
    return res.status(422).render('imports/index', {
      ...(await indexLocals(req)),
      errors: { [`file-${kind}`]: 'Choose a CSV or Excel (.xlsx) file to upload' },
    });
  }
  const file = { fileName: cleanFileName(req.file.originalname, `upload-${todayIso()}`), content: req.file.buffer };
  const kept = await imports.previewAndKeep(req.ctx(), kind, file);
  res.redirect(303, `/imports/previews/${kept.id}`);
}

/** @route GET /imports/previews/:id — the kept preview, as planned at upload (only to its uploader). */
async function showPreview(req: Request, res: Response) {
  const kept = await imports.getKeptPreview(req.ctx(), param(req, 'id'));
  res.render('imports/preview', presentImportPreview(kept, LAYOUTS[kept.kind].title));
}

/** @route POST /imports/:kind/commit — imports the kept upload, all or nothing. */
async function commit(req: Request, res: Response) {
  const kind = importKindOf(req);
  const body = (req.body ?? {}) as Record<string, unknown>;
  try {
    const batch = await imports.commitStashedUpload(
      req.ctx(),
      kind,
      String(body.upload ?? ''),
      String(body.checksum ?? ''),
    );
    res.redirect(303, `/imports/batches/${batch.id}?done=imported`);
  } catch (err) {
    // The records changed since the preview: show the problems as they are now.
    if (err instanceof ImportProblemsError)
      return res
        .status(422)
        .render('imports/preview', presentImportPreview(keptPreviewOf(err.preview), LAYOUTS[kind].title));
    throw err;
  }
}

async function loadBatch(req: Request): Promise<BatchRecord> {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError('There is no such import');
  return imports.getImportBatch(req.ctx(), id);
}

/** @route GET /imports/batches/:id */
async function showBatch(req: Request, res: Response) {
  const batch = presentBatch(await loadBatch(req), mayUndo(req));
  const done = req.query.done === 'imported' ? 'Import complete' : req.query.done === 'undone' ? 'Import undone' : null;
  res.render('imports/batch', {
    title: `Import ${batch.id}`,
    breadcrumbs: [{ href: '/imports', text: 'Import data' }],
    batch,
    done,
  });
}

/** @route POST /imports/batches/:id/undo */
async function undo(req: Request, res: Response) {
  const batch = await loadBatch(req);
  await imports.undoImportBatch(req.ctx(), batch.id);
  res.redirect(303, `/imports/batches/${batch.id}?done=undone`);
}
