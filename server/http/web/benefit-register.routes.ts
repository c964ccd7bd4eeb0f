/** The benefits register page (issue 19) and "Download this view" as CSV or Excel, with the page's filters and sort. */
import { Router, type Request, type Response } from 'express';
import { benefitRegisterRows, getBenefitRegister } from '../../domain/benefit-register';
import { listDirectorates } from '../../domain/directorates';
import { fyOfDate } from '../../financial-year';
import { readRegisterQuery } from '../../validation/register-query.schema';
import { downloadRoutes, sendTables, type DownloadExt } from '../download';
import { asyncHandler } from '../middleware/async-handler';
import { presentRegister, registerTable } from '../presenters/benefit-register';
import { BENEFIT_STATUS_LABELS, BENEFIT_TYPE_LABELS, options, PROJECT_STATUS_LABELS } from '../presenters/labels';
import { listPriorityNames } from '../../domain/priorities';

export function benefitRegisterRoutes(): Router {
  const router = Router();
  router.get('/benefits', asyncHandler(index));
  downloadRoutes(router, '/benefits', download);
  return router;
}

/** @route GET /benefits */
async function index(req: Request, res: Response) {
  const q = readRegisterQuery(req.query);
  const ctx = req.ctx();
  const register = await getBenefitRegister(ctx, { filter: q.filter, sort: q.sort, page: q.page, asAt: q.asAt });
  const directorates = await listDirectorates(ctx);
  const priorities = await listPriorityNames(ctx);
  res.render('benefits/register', {
    title: 'Benefits register',
    r: presentRegister(register, q),
    values: q.values,
    errors: q.errors,
    sort: q.sort,
    filtered: Object.values(q.values).some((v) => v !== ''),
    typeOptions: options(BENEFIT_TYPE_LABELS),
    statusOptions: options(BENEFIT_STATUS_LABELS),
    projectStatusOptions: options(PROJECT_STATUS_LABELS),
    directorateOptions: directorates.map((d) => ({ value: d.code, text: d.name })),
    priorityOptions: priorities.map((p) => ({ value: p, text: p })),
  });
}

/** @route GET /benefits.csv and /benefits.xlsx — every row of the current view, in its order. */
async function download(req: Request, res: Response, ext: DownloadExt) {
  const q = readRegisterQuery(req.query);
  const table = registerTable(
    benefitRegisterRows(req.ctx(), { filter: q.filter, sort: q.sort, asAt: q.asAt }),
    fyOfDate(q.asAt),
  );
  await sendTables(req, res, ext, 'realise-benefits-register', [table]);
}
