import { Router, type Request, type Response } from 'express';
import { createProject, deleteProject, getProject, pageProjects, updateProject } from '../../domain/projects';
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
import { cursorParam, encodeCursor, limitParam, param } from '../params';
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

const WRITABLE = Object.keys(projectSchema('api').shape);
const current = (req: Request) => async () => projectResource(await getProject(req.ctx(), param(req, 'code')));

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
