import { Router, type Request, type Response } from 'express';
import { getBenefit } from '../../domain/benefits';
import { deleteRealisation, getRealisationById, recordRealisation, updateRealisation } from '../../domain/realisations';
import { NotFoundError } from '../../errors';
import { realisationSchema } from '../../validation/realisations.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  assertNoFields,
  jsonBody,
  mergePatch,
  realisationResource,
  sendWrite,
  writeVersion,
} from '../presenters/resources-api';
import { idParam, param } from '../params';

export function realisationsApiRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/benefits/:ref/realisations', asyncHandler(index));
  router.post(
    '/projects/:code/benefits/:ref/realisations',
    requireRole('admin', 'project_manager'),
    asyncHandler(create),
  );
  router.get('/realisations/:id', asyncHandler(show));
  router.patch('/realisations/:id', requireRole('admin', 'project_manager'), asyncHandler(update));
  router.delete('/realisations/:id', requireRole('admin', 'project_manager'), asyncHandler(destroy));
  return router;
}

const WRITABLE = Object.keys(realisationSchema('api').shape);

function realisationId(req: Request): number {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError(`There is no realisation ${param(req, 'id')}`);
  return id;
}

const current = (req: Request) => async () => {
  const { project, benefit, realisation } = await getRealisationById(req.ctx(), realisationId(req));
  return realisationResource(project.code, benefit.ref, realisation);
};

/** @route GET /api/v1/projects/:code/benefits/:ref/realisations */
async function index(req: Request, res: Response) {
  const { project, benefit, realisations } = await getBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  res.json({ realisations: realisations.map((r) => realisationResource(project.code, benefit.ref, r)) });
}

/** @route POST /api/v1/projects/:code/benefits/:ref/realisations */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(realisationSchema('api'), jsonBody(req), 400);
  // Codes and refs are stored upper-case and found whatever the case in the URL.
  const [code, ref] = [param(req, 'code').toUpperCase(), param(req, 'ref').toUpperCase()];
  const save = () => recordRealisation(req.ctx(), code, ref, input);
  await sendWrite(res, {
    save,
    present: (r) => realisationResource(code, ref, r),
    status: 201,
    location: (r) => `/api/v1/realisations/${r.id}`,
  });
}

/** @route GET /api/v1/realisations/:id */
async function show(req: Request, res: Response) {
  res.json(await current(req)());
}

/** @route PATCH /api/v1/realisations/:id */
async function update(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const before = await current(req)();
  const input = parseOrThrow(realisationSchema('api'), mergePatch(before, fields, WRITABLE), 400);
  const present = (r: Parameters<typeof realisationResource>[2]) =>
    realisationResource(before.projectCode, before.benefitRef, r);
  await sendWrite(res, {
    save: () => updateRealisation(req.ctx(), null, null, before.id, version, input),
    present,
    current: current(req),
  });
}

/** @route DELETE /api/v1/realisations/:id */
async function destroy(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req, true));
  assertNoFields(fields);
  await sendWrite(res, {
    save: () => deleteRealisation(req.ctx(), null, null, realisationId(req), version),
    current: current(req),
  });
}
