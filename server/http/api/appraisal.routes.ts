import { Router, type Request, type Response } from 'express';
import { appraiseProposal } from '../../domain/appraisal';
import { BadRequestError } from '../../errors';
import { appraisalSchema } from '../../validation/appraisal.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { appraisalToApi, discountRuleToApi } from '../presenters/metrics-api';
import { fyLabel } from '../../financial-year';

export function appraisalApiRoutes(): Router {
  const router = Router();
  router.post('/appraise', asyncHandler(appraiseRequest));
  return router;
}

/** @route POST /api/v1/appraise */
async function appraiseRequest(req: Request, res: Response) {
  if (!req.is('application/json') || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new BadRequestError('Send a JSON object with Content-Type: application/json');
  }
  const input = parseOrThrow(appraisalSchema('api'), req.body, 400);
  const { appraisal, rule, baseFy } = await appraiseProposal(req.ctx(), input);
  res.json({
    ...appraisalToApi(appraisal),
    settings: {
      baseYear: fyLabel(baseFy),
      discountRule: discountRuleToApi(rule),
      optimismBias: input.optimismBias.toString(),
      riskAdjusted: input.riskAdjusted,
    },
  });
}
