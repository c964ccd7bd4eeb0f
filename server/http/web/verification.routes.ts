/**
 * C10 on the pages: a realisation's own page, with its verification (verify with a grade, unverify
 * with a reason) and its evidence files (attach, download, remove), each offered only to those the
 * use case would allow.
 */
import { Router, type Request, type Response } from 'express';
import { getRealisation, type RealisationContext } from '../../domain/realisations';
import { unverifyRealisation, verificationPermissions, verifyRealisation } from '../../domain/verification';
import {
  attachEvidence,
  getEvidenceFile,
  listEvidence,
  mayAttachEvidence,
  removeEvidence,
} from '../../domain/realisation-attachments';
import { NotFoundError, StaleVersionError, ValidationError, type FieldErrors } from '../../errors';
import { EVIDENCE_EXTENSIONS, EVIDENCE_HINT } from '../../io/evidence-files';
import { parseOrThrow, version } from '../../validation/fields';
import { unverifySchema, verifySchema } from '../../validation/verification.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { csrfAfterUpload } from '../middleware/csrf';
import { uploadEvidence } from '../middleware/evidence-upload';
import { cleanFileName } from '../middleware/upload';
import { presentRealisation } from '../presenters/benefits';
import { gradeOptions, presentAttachment } from '../presenters/verification';
import { sendEvidenceFile } from '../evidence-download';
import { idParam, param } from '../params';

const BASE = '/projects/:code/benefits/:ref/realisations/:id';

export function verificationRoutes(): Router {
  const router = Router();
  router.get(BASE, asyncHandler(show));
  router.post(`${BASE}/verify`, requireRole('admin', 'finance'), asyncHandler(verify));
  router.post(`${BASE}/unverify`, requireRole('admin', 'finance'), asyncHandler(unverify));
  router.post(
    `${BASE}/attachments`,
    requireRole('admin', 'finance', 'project_manager'),
    uploadEvidence(),
    csrfAfterUpload(),
    asyncHandler(upload),
  );
  router.get(`${BASE}/attachments/:attachmentId`, asyncHandler(download));
  router.post(
    `${BASE}/attachments/:attachmentId/remove`,
    requireRole('admin', 'finance', 'project_manager'),
    asyncHandler(destroy),
  );
  return router;
}

function address(req: Request) {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError('There is no such realisation');
  return { projectCode: param(req, 'code'), ref: param(req, 'ref'), id };
}

function pathOf(found: RealisationContext): string {
  const { project, benefit, realisation } = found;
  return `/projects/${encodeURIComponent(project.code)}/benefits/${encodeURIComponent(benefit.ref)}/realisations/${realisation.id}`;
}

/** The realisation's page, with whatever forms this user may use; `errors` and `values` after a refused post. */
async function render(
  req: Request,
  res: Response,
  o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {},
) {
  const ctx = req.ctx();
  const found = await getRealisation(ctx, param(req, 'code'), param(req, 'ref'), address(req).id);
  const { project, benefit, realisation } = found;
  const path = pathOf(found);
  const files = await listEvidence(ctx, address(req));
  res.status(o.status ?? 200).render('realisations/show', {
    title: `Realisation for ${benefit.ref} in ${presentRealisation(realisation).year}`,
    project: { code: project.code, name: project.name },
    benefit: { ref: benefit.ref, title: benefit.title, isMoney: benefit.type !== 'qualitative' },
    r: presentRealisation(realisation),
    path,
    files: files.map((a) => presentAttachment(a, `${path}/attachments/${a.id}`)),
    may: { ...res.locals.may, ...verificationPermissions(ctx, found), attach: await mayAttachEvidence(ctx, found) },
    grades: gradeOptions(),
    accept: EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(','),
    evidenceHint: EVIDENCE_HINT,
    values: { version: String(realisation.version), ...o.values },
    errors: o.errors ?? {},
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: `/projects/${encodeURIComponent(project.code)}`, text: project.name },
      {
        href: `/projects/${encodeURIComponent(project.code)}/benefits/${encodeURIComponent(benefit.ref)}`,
        text: `${benefit.ref}: ${benefit.title}`,
      },
    ],
  });
}

/** @route GET /projects/:code/benefits/:ref/realisations/:id */
async function show(req: Request, res: Response) {
  await render(req, res);
}

/** A refused form shows the page again with the message (422), or the current record's version (409). */
async function submit(req: Request, res: Response, save: () => Promise<unknown>, notice: string) {
  try {
    await save();
    const at = address(req);
    res.redirect(
      303,
      `/projects/${encodeURIComponent(at.projectCode.toUpperCase())}/benefits/${encodeURIComponent(at.ref.toUpperCase())}/realisations/${at.id}?notice=${notice}`,
    );
  } catch (err) {
    const values = req.body as Record<string, unknown>;
    if (err instanceof ValidationError) return render(req, res, { status: 422, errors: err.fields, values });
    if (err instanceof StaleVersionError)
      return render(req, res, {
        status: 409,
        errors: { _form: 'Someone changed this realisation since you opened the page: check it and try again' },
        values: { ...values, version: undefined },
      });
    throw err;
  }
}

/** @route POST /projects/:code/benefits/:ref/realisations/:id/verify */
async function verify(req: Request, res: Response) {
  await submit(
    req,
    res,
    async () => {
      const v = parseOrThrow(version('form'), req.body.version);
      const { grade } = parseOrThrow(verifySchema('form'), req.body);
      return verifyRealisation(req.ctx(), address(req), v, grade);
    },
    'realisation-verified',
  );
}

/** @route POST /projects/:code/benefits/:ref/realisations/:id/unverify */
async function unverify(req: Request, res: Response) {
  await submit(
    req,
    res,
    async () => {
      const v = parseOrThrow(version('form'), req.body.version);
      const { reason } = parseOrThrow(unverifySchema('form'), req.body);
      return unverifyRealisation(req.ctx(), address(req), v, reason);
    },
    'realisation-unverified',
  );
}

/** @route POST /projects/:code/benefits/:ref/realisations/:id/attachments */
async function upload(req: Request, res: Response) {
  await submit(
    req,
    res,
    async () => {
      if (!req.file) throw new ValidationError({ file: 'Select a file to attach' });
      return attachEvidence(req.ctx(), address(req), {
        fileName: cleanFileName(req.file.originalname, 'evidence'),
        content: req.file.buffer,
      });
    },
    'evidence-attached',
  );
}

function attachmentId(req: Request): number {
  const id = idParam(param(req, 'attachmentId'));
  if (id === null) throw new NotFoundError('There is no such evidence file');
  return id;
}

/** @route GET /projects/:code/benefits/:ref/realisations/:id/attachments/:attachmentId */
async function download(req: Request, res: Response) {
  const { attachment, content } = await getEvidenceFile(req.ctx(), attachmentId(req), address(req));
  sendEvidenceFile(res, attachment, content);
}

/** @route POST /projects/:code/benefits/:ref/realisations/:id/attachments/:attachmentId/remove */
async function destroy(req: Request, res: Response) {
  await submit(
    req,
    res,
    async () =>
      removeEvidence(req.ctx(), address(req), attachmentId(req), parseOrThrow(version('form'), req.body.version)),
    'evidence-removed',
  );
}
