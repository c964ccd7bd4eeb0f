import { Router, type Request, type Response } from 'express';
import {
  createDirectorate,
  deleteDirectorate,
  getDirectorate,
  listDirectorates,
  updateDirectorate,
} from '../../domain/directorates';
import { directorateSchema } from '../../validation/directorates.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  assertNoFields,
  directorateResource,
  jsonBody,
  mergePatch,
  sendWrite,
  writeVersion,
} from '../presenters/resources-api';
import { param } from '../params';

export function directoratesApiRoutes(): Router {
  const router = Router();
  router.get('/directorates', asyncHandler(index));
  router.post('/directorates', requireRole('admin'), asyncHandler(create));
  router.get('/directorates/:code', asyncHandler(show));
  router.patch('/directorates/:code', requireRole('admin'), asyncHandler(update));
  router.delete('/directorates/:code', requireRole('admin'), asyncHandler(destroy));
  return router;
}

const WRITABLE = Object.keys(directorateSchema('api').shape);
const current = (req: Request) => async () => directorateResource(await getDirectorate(req.ctx(), param(req, 'code')));

/** @route GET /api/v1/directorates */
async function index(req: Request, res: Response) {
  res.json({ directorates: (await listDirectorates(req.ctx())).map(directorateResource) });
}

/** @route POST /api/v1/directorates */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(directorateSchema('api'), jsonBody(req), 400);
  await sendWrite(res, {
    save: () => createDirectorate(req.ctx(), input),
    present: directorateResource,
    status: 201,
    location: (d) => `/api/v1/directorates/${d.code}`,
  });
}

/** @route GET /api/v1/directorates/:code */
async function show(req: Request, res: Response) {
  res.json(await current(req)());
}

/** @route PATCH /api/v1/directorates/:code */
async function update(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const input = parseOrThrow(directorateSchema('api'), mergePatch(await current(req)(), fields, WRITABLE), 400);
  await sendWrite(res, {
    save: () => updateDirectorate(req.ctx(), param(req, 'code'), version, input),
    present: directorateResource,
    current: current(req),
  });
}

/** @route DELETE /api/v1/directorates/:code */
async function destroy(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req, true));
  assertNoFields(fields);
  await sendWrite(res, {
    save: () => deleteDirectorate(req.ctx(), param(req, 'code'), version),
    current: current(req),
  });
}
