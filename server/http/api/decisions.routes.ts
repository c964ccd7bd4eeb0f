/** C9: a project's decisions (approval, re-baselines) and the baselines they froze. */
import { Router, type Request, type Response } from 'express';
import { getBaseline, getDecisionHistory, recordDecision } from '../../domain/decisions';
import { NotFoundError } from '../../errors';
import { decisionSchema } from '../../validation/decisions.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { jsonBody, sendWrite } from '../presenters/resources-api';
import { baselineSummaryToApi, baselineToApi, decisionToApi } from '../presenters/decisions-api';
import { idParam, param } from '../params';

export function decisionsApiRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/decisions', asyncHandler(index));
  // Admin, or finance within the project's directorate (the domain checks the scope).
  router.post('/projects/:code/decisions', requireRole('admin', 'finance'), asyncHandler(create));
  router.get('/projects/:code/baselines', asyncHandler(baselines));
  router.get('/projects/:code/baselines/:n', asyncHandler(baseline));
  return router;
}

/** @route GET /api/v1/projects/:code/decisions */
async function index(req: Request, res: Response) {
  const h = await getDecisionHistory(req.ctx(), param(req, 'code').toUpperCase());
  res.json({ decisions: h.decisions.map((d) => decisionToApi(h.project.code, d)) });
}

/** @route POST /api/v1/projects/:code/decisions */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(decisionSchema('api'), jsonBody(req), 400);
  const code = param(req, 'code').toUpperCase();
  await sendWrite(res, {
    save: () => recordDecision(req.ctx(), code, input),
    present: (d) => decisionToApi(code, d),
    status: 201,
    location: (d) => `/api/v1/projects/${encodeURIComponent(code)}/baselines/${d.baselineNumber}`,
  });
}

/** @route GET /api/v1/projects/:code/baselines */
async function baselines(req: Request, res: Response) {
  const h = await getDecisionHistory(req.ctx(), param(req, 'code').toUpperCase());
  res.json({ baselines: [...h.baselines.values()].map((b) => baselineSummaryToApi(h.project.code, b)) });
}

/** @route GET /api/v1/projects/:code/baselines/:n */
async function baseline(req: Request, res: Response) {
  const code = param(req, 'code').toUpperCase();
  const n = idParam(param(req, 'n'));
  if (n === null) throw new NotFoundError(`${code} has no baseline ${param(req, 'n')}`);
  res.json(baselineToApi(await getBaseline(req.ctx(), code, n)));
}
