/** Savings taken from budgets (issue 19): budget reductions on a cashable benefit, and the cashable savings report. */
import { Router, type Request, type Response } from 'express';
import { listBudgetReductions, recordBudgetReduction } from '../../domain/budget-reductions';
import { getCashableSavings } from '../../domain/cashable-savings';
import { budgetReductionSchema } from '../../validation/budget-reductions.schema';
import { parseCashableQuery } from '../../validation/cashable-query.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { budgetReductionResource, cashableSavingsResource } from '../presenters/cashable';
import { jsonBody, sendWrite } from '../presenters/resources-api';
import { param } from '../params';

export function cashableApiRoutes(): Router {
  const router = Router();
  const path = '/projects/:code/benefits/:ref/budget-reductions';
  router.get(path, asyncHandler(index));
  router.post(path, requireRole('admin', 'finance'), asyncHandler(create));
  router.get('/portfolio/cashable-savings', asyncHandler(savings));
  return router;
}

/** @route GET /api/v1/projects/:code/benefits/:ref/budget-reductions */
async function index(req: Request, res: Response) {
  const { project, benefit, reductions } = await listBudgetReductions(req.ctx(), param(req, 'code'), param(req, 'ref'));
  res.json({ budgetReductions: reductions.map((r) => budgetReductionResource(project.code, benefit.ref, r)) });
}

/** @route POST /api/v1/projects/:code/benefits/:ref/budget-reductions — `{year, amount, budget, reference}` */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(budgetReductionSchema('api'), jsonBody(req), 400);
  const [code, ref] = [param(req, 'code').toUpperCase(), param(req, 'ref').toUpperCase()];
  await sendWrite(res, {
    save: () => recordBudgetReduction(req.ctx(), code, ref, input),
    present: (r) => budgetReductionResource(code, ref, r),
    status: 201,
  });
}

/** @route GET /api/v1/portfolio/cashable-savings?directorate=&status=&asAt= — money strings (C7). */
async function savings(req: Request, res: Response) {
  res.json(cashableSavingsResource(await getCashableSavings(req.ctx(), parseCashableQuery(req.query))));
}
