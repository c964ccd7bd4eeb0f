/** C9 re-forecasts in the API: list a benefit's (newest first) and enter one (201). */
import { Router, type Request, type Response } from 'express';
import { listReforecasts, recordReforecast } from '../../domain/reforecasts';
import { reforecastSchema } from '../../validation/reforecasts.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { jsonBody, sendWrite } from '../presenters/resources-api';
import { reforecastResource } from '../presenters/reforecasts';
import { param } from '../params';

export function reforecastsApiRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/benefits/:ref/reforecasts', asyncHandler(index));
  router.post(
    '/projects/:code/benefits/:ref/reforecasts',
    requireRole('admin', 'finance', 'project_manager'),
    asyncHandler(create),
  );
  return router;
}

/** @route GET /api/v1/projects/:code/benefits/:ref/reforecasts */
async function index(req: Request, res: Response) {
  const { project, benefit, reforecasts } = await listReforecasts(req.ctx(), param(req, 'code'), param(req, 'ref'));
  res.json({ reforecasts: reforecasts.map((r) => reforecastResource(project.code, benefit.ref, r)) });
}

/** @route POST /api/v1/projects/:code/benefits/:ref/reforecasts */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(reforecastSchema('api'), jsonBody(req), 400);
  const [code, ref] = [param(req, 'code').toUpperCase(), param(req, 'ref').toUpperCase()];
  await sendWrite(res, {
    save: () => recordReforecast(req.ctx(), code, ref, input),
    present: (r) => reforecastResource(code, ref, r),
    status: 201,
    location: () => `/api/v1/projects/${code}/benefits/${ref}/reforecasts`,
  });
}
