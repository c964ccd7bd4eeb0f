import { Router, type Request, type Response } from 'express';
import * as frameworks from '../../domain/assessment-frameworks';
import { DEFAULT_FRAMEWORK } from '../../domain/default-framework';
import { allows } from '../../domain/permissions';
import { NotFoundError, ValidationError } from '../../errors';
import { writeCsv, writeXlsx } from '../../io/write-table';
import { frameworkSchema } from '../../validation/assessments.schema';
import { parseOrThrow, version } from '../../validation/fields';
import { chunkWriter, streamDownload } from '../download';
import { asyncHandler } from '../middleware/async-handler';
import { csrfAfterUpload } from '../middleware/csrf';
import { requireRole } from '../middleware/require-role';
import { uploadFile } from '../middleware/upload';
import { frameworkResource } from '../presenters/assessments-api';
import { idParam, param } from '../params';
import { frameworkFormShape, frameworkFormValues, readFrameworkForm } from './assessment-forms';
import { submitForm } from './forms';

export function assessmentFrameworksRoutes(): Router {
  const router = Router();
  const admin = requireRole('admin');
  router.get('/assessment-frameworks', asyncHandler(index));
  router.post('/assessment-frameworks/default', admin, asyncHandler(installDefault));
  router.get('/assessment-frameworks/import', admin, asyncHandler(importForm));
  // The role is checked before the upload is read; its CSRF token is in the multipart body.
  router.post('/assessment-frameworks/import', admin, uploadFile(), csrfAfterUpload(), asyncHandler(importFile));
  router.get('/assessment-frameworks/:id', asyncHandler(show));
  router.get('/assessment-frameworks/:id/export.:ext', asyncHandler(download));
  router.get('/assessment-frameworks/:id/edit', admin, asyncHandler(editForm));
  router.post('/assessment-frameworks/:id/edit', admin, asyncHandler(update));
  return router;
}

const crumbs = [
  { href: '/assessments', text: 'ICT effectiveness assessments' },
  { href: '/assessment-frameworks', text: 'Frameworks' },
];
const NOTICES: Record<string, string> = {
  updated: 'Framework saved',
  versioned: 'Framework saved as a new version: assessments on the earlier version keep its wording',
  imported: 'Framework imported',
};

function frameworkId(req: Request): number {
  const n = idParam(param(req, 'id'));
  if (n === null) throw new NotFoundError(`There is no assessment framework ${param(req, 'id')}`);
  return n;
}

/** @route GET /assessment-frameworks */
async function index(req: Request, res: Response) {
  const ctx = req.ctx();
  const list = await frameworks.listFrameworks(ctx);
  const rows = [];
  for (const f of list)
    rows.push({
      ...frameworkResource(f),
      href: `/assessment-frameworks/${f.id}`,
      statementCount: f.dimensions.reduce((n, d) => n + d.statements.length, 0),
      inUse: await frameworks.frameworkInUse(ctx, f.id),
    });
  res.render('assessments/frameworks', {
    title: 'Assessment frameworks',
    breadcrumbs: crumbs.slice(0, 1),
    rows,
    mayEdit: allows(() => frameworks.assertMayEditFrameworks(ctx)),
  });
}

/** @route POST /assessment-frameworks/default — adds the shipped default framework */
async function installDefault(req: Request, res: Response) {
  const saved = await frameworks.saveFramework(req.ctx(), DEFAULT_FRAMEWORK);
  res.redirect(303, `/assessment-frameworks/${saved.framework.id}?notice=imported`);
}

/** @route GET /assessment-frameworks/:id */
async function show(req: Request, res: Response) {
  const ctx = req.ctx();
  const f = await frameworks.getFramework(ctx, frameworkId(req));
  const latest = (await frameworks.listFrameworks(ctx)).find((x) => x.code === f.code)!;
  res.render('assessments/framework', {
    title: `${f.name} (version ${f.versionNo})`,
    breadcrumbs: crumbs,
    f,
    inUse: await frameworks.frameworkInUse(ctx, f.id),
    isLatest: latest.id === f.id,
    latestHref: `/assessment-frameworks/${latest.id}`,
    mayEdit: allows(() => frameworks.assertMayEditFrameworks(ctx)),
    notice: NOTICES[String(req.query.notice ?? '')] ?? res.locals.notice,
  });
}

/** @route GET /assessment-frameworks/:id/export.:ext — the framework as CSV or xlsx, in the import layout */
async function download(req: Request, res: Response) {
  const ext = param(req, 'ext');
  if (ext !== 'csv' && ext !== 'xlsx') throw new NotFoundError('There is no such export');
  const f = await frameworks.getFramework(req.ctx(), frameworkId(req));
  const table = frameworks.frameworkTable(f);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="framework-${f.code.toLowerCase()}-v${f.versionNo}.${ext}"`,
  );
  await streamDownload(req, res, `export framework.${ext}`, async () => {
    if (ext === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      await writeCsv(table, chunkWriter(res, 'The client closed the connection during an export'));
      res.end();
    } else {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeXlsx([table], res);
    }
  });
}

async function editLocals(req: Request) {
  const ctx = req.ctx();
  frameworks.assertMayEditFrameworks(ctx);
  const f = await frameworks.getFramework(ctx, frameworkId(req));
  return {
    f,
    locals: {
      title: `Edit ${f.name}`,
      breadcrumbs: [...crumbs, { href: `/assessment-frameworks/${f.id}`, text: `${f.name} (version ${f.versionNo})` }],
      action: `/assessment-frameworks/${f.id}/edit`,
      inUse: await frameworks.frameworkInUse(ctx, f.id),
    },
  };
}

/** @route GET /assessment-frameworks/:id/edit */
async function editForm(req: Request, res: Response) {
  const { f, locals } = await editLocals(req);
  const values = { ...frameworkFormValues(frameworks.frameworkAsInput(f)), version: String(f.version) };
  res.render('assessments/framework-form', { ...locals, values, shape: frameworkFormShape(values) });
}

/** @route POST /assessment-frameworks/:id/edit — in place while unused, else a new version */
async function update(req: Request, res: Response) {
  const { f, locals } = await editLocals(req);
  const { input, remapErrors } = readFrameworkForm(req.body);
  await submitForm(req, res, {
    view: 'assessments/framework-form',
    locals: { ...locals, shape: frameworkFormShape(req.body) },
    save: async () => {
      try {
        const parsed = parseOrThrow(frameworkSchema('form'), { ...(input as object), code: f.code });
        return await frameworks.saveFramework(req.ctx(), parsed, {
          id: f.id,
          version: parseOrThrow(version('form'), req.body.version),
        });
      } catch (err) {
        throw err instanceof ValidationError ? remapErrors(err) : err;
      }
    },
    redirect: (s) => `/assessment-frameworks/${s.framework.id}?notice=${s.created ? 'versioned' : 'updated'}`,
  });
}

/** @route GET /assessment-frameworks/import */
async function importForm(req: Request, res: Response) {
  frameworks.assertMayEditFrameworks(req.ctx());
  res.render('assessments/framework-import', { title: 'Import a framework', breadcrumbs: crumbs, values: {} });
}

/** @route POST /assessment-frameworks/import — a CSV or xlsx file in the export layout */
async function importFile(req: Request, res: Response) {
  const render = (errors: Record<string, string>) =>
    res
      .status(422)
      .render('assessments/framework-import', { title: 'Import a framework', breadcrumbs: crumbs, values: {}, errors });
  if (!req.file) return render({ file: 'Choose a CSV or Excel (.xlsx) file to upload' });
  try {
    const input = await frameworks.frameworkFromFile(req.file.buffer);
    const saved = await frameworks.saveFramework(req.ctx(), input);
    res.redirect(
      303,
      `/assessment-frameworks/${saved.framework.id}?notice=${saved.created ? 'versioned' : 'imported'}`,
    );
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    render({ file: Object.values(err.fields).join('; ') });
  }
}
