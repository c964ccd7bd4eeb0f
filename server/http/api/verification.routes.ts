/**
 * C10 through the API: verify and unverify a realisation, and its evidence files (list, upload,
 * download, remove). The same use cases as the pages; the version is the If-Match header or a
 * `version` field, as for every other write.
 */
import { Router, type Request, type Response } from 'express';
import { getRealisationById } from '../../domain/realisations';
import { unverifyRealisation, verifyRealisation } from '../../domain/verification';
import { attachEvidence, getEvidenceFile, listEvidence, removeEvidence } from '../../domain/realisation-attachments';
import { BadRequestError, NotFoundError } from '../../errors';
import type { RealisationAttachment } from '../../records';
import { parseOrThrow } from '../../validation/fields';
import { unverifySchema, verifySchema } from '../../validation/verification.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { csrfAfterUpload } from '../middleware/csrf';
import { uploadEvidence } from '../middleware/evidence-upload';
import { cleanFileName } from '../middleware/upload';
import { assertNoFields, jsonBody, realisationResource, sendWrite, writeVersion } from '../presenters/resources-api';
import { sendEvidenceFile } from '../evidence-download';
import { idParam, param } from '../params';

export function verificationApiRoutes(): Router {
  const router = Router();
  router.post('/realisations/:id/verify', requireRole('admin', 'finance'), asyncHandler(verify));
  router.post('/realisations/:id/unverify', requireRole('admin', 'finance'), asyncHandler(unverify));
  router.get('/realisations/:id/attachments', asyncHandler(index));
  router.post(
    '/realisations/:id/attachments',
    requireRole('admin', 'finance', 'project_manager'),
    uploadEvidence(),
    csrfAfterUpload(),
    asyncHandler(upload),
  );
  router.get('/realisations/:id/attachments/:attachmentId', asyncHandler(download));
  router.delete(
    '/realisations/:id/attachments/:attachmentId',
    requireRole('admin', 'finance', 'project_manager'),
    asyncHandler(destroy),
  );
  return router;
}

function numberParam(req: Request, name: string, what: string): number {
  const id = idParam(param(req, name));
  if (id === null) throw new NotFoundError(`There is no ${what} ${param(req, name)}`);
  return id;
}

const realisationId = (req: Request) => numberParam(req, 'id', 'realisation');

const current = (req: Request) => async () => {
  const { project, benefit, realisation } = await getRealisationById(req.ctx(), realisationId(req));
  return realisationResource(project.code, benefit.ref, realisation);
};

function attachmentToApi(r: { id: number }, a: RealisationAttachment) {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.createdAt,
    href: `/api/v1/realisations/${r.id}/attachments/${a.id}`,
  };
}

/** @route POST /api/v1/realisations/:id/verify */
async function verify(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const { grade } = parseOrThrow(verifySchema('api'), fields, 400);
  const before = await current(req)();
  await sendWrite(res, {
    save: () => verifyRealisation(req.ctx(), { id: before.id }, version, grade),
    present: (r) => realisationResource(before.projectCode, before.benefitRef, r),
    current: current(req),
  });
}

/** @route POST /api/v1/realisations/:id/unverify */
async function unverify(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const { reason } = parseOrThrow(unverifySchema('api'), fields, 400);
  const before = await current(req)();
  await sendWrite(res, {
    save: () => unverifyRealisation(req.ctx(), { id: before.id }, version, reason),
    present: (r) => realisationResource(before.projectCode, before.benefitRef, r),
    current: current(req),
  });
}

/** @route GET /api/v1/realisations/:id/attachments */
async function index(req: Request, res: Response) {
  const id = realisationId(req);
  const list = await listEvidence(req.ctx(), { id });
  res.json({ attachments: list.map((a) => attachmentToApi({ id }, a)) });
}

/** @route POST /api/v1/realisations/:id/attachments */
async function upload(req: Request, res: Response) {
  const id = realisationId(req);
  if (!req.file) throw new BadRequestError('Send the evidence file as multipart/form-data, in the field "file"');
  const a = await attachEvidence(
    req.ctx(),
    { id },
    { fileName: cleanFileName(req.file.originalname, 'evidence'), content: req.file.buffer },
  );
  res.location(`/api/v1/realisations/${id}/attachments/${a.id}`);
  res.status(201).json(attachmentToApi({ id }, a));
}

/** @route GET /api/v1/realisations/:id/attachments/:attachmentId */
async function download(req: Request, res: Response) {
  const id = realisationId(req);
  const { attachment, content } = await getEvidenceFile(req.ctx(), numberParam(req, 'attachmentId', 'evidence file'), {
    id,
  });
  sendEvidenceFile(res, attachment, content);
}

/** @route DELETE /api/v1/realisations/:id/attachments/:attachmentId */
async function destroy(req: Request, res: Response) {
  // The realisation's version: its files are removed only as the client last saw it.
  const { version, fields } = writeVersion(req, jsonBody(req, true));
  assertNoFields(fields);
  await sendWrite(res, {
    save: () =>
      removeEvidence(req.ctx(), { id: realisationId(req) }, numberParam(req, 'attachmentId', 'evidence file'), version),
    current: current(req),
  });
}
