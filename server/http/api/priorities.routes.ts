/** GET /api/v1/priorities (issue 19): per council priority, £ invested, NPV and realisation (C7 strings). */
import { Router, type Request, type Response } from 'express';
import { getPrioritiesOverview } from '../../domain/priorities';
import { parseQuery, queryAsAt } from '../../validation/query.schema';
import { z } from 'zod';
import { asyncHandler } from '../middleware/async-handler';
import { prioritiesResource } from '../presenters/priorities';

export function prioritiesApiRoutes(): Router {
  const router = Router();
  router.get('/priorities', asyncHandler(index));
  return router;
}

/** @route GET /api/v1/priorities?asAt= */
async function index(req: Request, res: Response) {
  const { asAt } = parseQuery(z.object({ asAt: queryAsAt('api') }), req.query);
  res.json(prioritiesResource(await getPrioritiesOverview(req.ctx(), asAt)));
}
