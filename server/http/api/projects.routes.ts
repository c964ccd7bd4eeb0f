import { Router, type Request, type Response } from 'express';
import { createProject, deleteProject, getProject, pageProjects, updateProject } from '../../domain/projects';
import { BadRequestError } from '../../errors';
import { projectSchema } from '../../validation/projects.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  assertNoFields,
  jsonBody,
  mergePatch,
  projectResource,
  sendWrite,
  writeVersion,
} from '../presenters/resources-api';
import { param } from '../params';
import { parseProjectListQuery } from '../../validation/metrics-query.schema';

export function projectsApiRoutes(): Router {
  const router = Router();
  router.get('/projects', asyncHandler(index));
  router.post('/projects', requireRole('admin', 'finance'), asyncHandler(create));
  router.get('/projects/:code', asyncHandler(show));
  router.patch('/projects/:code', requireRole('admin', 'finance'), asyncHandler(update));
  router.delete('/projects/:code', requireRole('admin', 'finance'), asyncHandler(destroy));
  return router;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;
const WRITABLE = Object.keys(projectSchema('api').shape);
const current = (req: Request) => async () => projectResource(await getProject(req.ctx(), param(req, 'code')));

function limitParam(req: Request): number {
  const v = req.query.limit;
  if (v === undefined || v === '') return DEFAULT_LIMIT;
  const n = typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number.parseInt(v, 10) : 0;
  if (n < 1 || n > MAX_LIMIT) throw new BadRequestError(`limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
  return n;
}

/** The cursor is opaque to clients: base64url of the last code on the previous page. */
export const encodeCursor = (code: string) => Buffer.from(code, 'utf8').toString('base64url');

function cursorParam(req: Request): string | undefined {
  const v = req.query.cursor;
  if (v === undefined || v === '') return undefined;
  const code =
    typeof v === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(v) ? Buffer.from(v, 'base64url').toString('utf8') : '';
  // Buffer decoding is lenient, so a cursor is only good if it round-trips to a project code.
  if (!/^[A-Z0-9][A-Z0-9-]*$/.test(code) || encodeCursor(code) !== v)
    throw new BadRequestError('cursor must be the nextCursor of an earlier page', 'cursor');
  return code;
}

/** @route GET /api/v1/projects?directorate=&status=&limit=&cursor= */
async function index(req: Request, res: Response) {
  const page = await pageProjects(req.ctx(), {
    ...parseProjectListQuery(req.query),
    limit: limitParam(req),
    after: cursorParam(req),
  });
  res.json({
    projects: page.projects.map(projectResource),
    nextCursor: page.lastCode === null ? null : encodeCursor(page.lastCode),
  });
}

/** @route POST /api/v1/projects */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(projectSchema('api'), jsonBody(req), 400);
  await sendWrite(res, {
    save: () => createProject(req.ctx(), input),
    present: projectResource,
    status: 201,
    location: (p) => `/api/v1/projects/${p.code}`,
  });
}

/** @route GET /api/v1/projects/:code */
async function show(req: Request, res: Response) {
  res.json(await current(req)());
}

/** @route PATCH /api/v1/projects/:code */
async function update(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const input = parseOrThrow(projectSchema('api'), mergePatch(await current(req)(), fields, WRITABLE), 400);
  await sendWrite(res, {
    save: () => updateProject(req.ctx(), param(req, 'code'), version, input),
    present: projectResource,
    current: current(req),
  });
}

/** @route DELETE /api/v1/projects/:code */
async function destroy(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req, true));
  assertNoFields(fields);
  await sendWrite(res, { save: () => deleteProject(req.ctx(), param(req, 'code'), version), current: current(req) });
}
