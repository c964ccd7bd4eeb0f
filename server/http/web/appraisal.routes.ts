import { Router, type Request, type Response } from 'express';
import { appraiseProposal, saveProposalAsProject } from '../../domain/appraisal';
import { projectDirectorates } from '../../domain/projects';
import { ValidationError } from '../../errors';
import { fyLabel, fyOfDate, todayIso } from '../../financial-year';
import { calculatorSchema, toAppraisalRequest } from '../../validation/calculator.schema';
import { saveProposalSchema } from '../../validation/save-proposal.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { presentAppraisal } from '../presenters/indicators';
import { directorateOptions } from '../presenters/projects';
import { COST_CATEGORY_LABELS, COST_FUNDING_LABELS, options } from '../presenters/labels';
import { asArray, submitForm } from './forms';

export function appraisalRoutes(): Router {
  const router = Router();
  router.get('/appraisal', asyncHandler(newForm));
  router.post('/appraisal', asyncHandler(calculate));
  router.post('/appraisal/save', requireRole('admin', 'finance'), asyncHandler(save));
  return router;
}

interface RowValues {
  year: string;
  cost: string;
  cashable: string;
  nonCashable: string;
}

/** Parallel row fields → rows; wholly empty rows are dropped so error positions match the table. */
function formInput(body: Record<string, unknown>) {
  const cols = {
    year: asArray(body.rowYear),
    cost: asArray(body.rowCost),
    cashable: asArray(body.rowCashable),
    nonCashable: asArray(body.rowNonCashable),
  };
  const n = Math.max(cols.year.length, cols.cost.length, cols.cashable.length, cols.nonCashable.length);
  const rows: RowValues[] = [];
  for (let i = 0; i < n; i++) {
    const r = {
      year: (cols.year[i] ?? '').trim(),
      cost: (cols.cost[i] ?? '').trim(),
      cashable: (cols.cashable[i] ?? '').trim(),
      nonCashable: (cols.nonCashable[i] ?? '').trim(),
    };
    if (r.cost || r.cashable || r.nonCashable) rows.push(r);
  }
  const { rowYear: _y, rowCost: _c, rowCashable: _a, rowNonCashable: _n, ...rest } = body;
  return { ...rest, rows };
}

function withSpareRows(rows: RowValues[], count = 3): RowValues[] {
  const start = fyOfDate(todayIso());
  const spare = Array.from({ length: count }, (_, i) => ({
    year: rows.length ? '' : fyLabel(start + i),
    cost: '',
    cashable: '',
    nonCashable: '',
  }));
  return [...rows, ...spare];
}

/** The save offers only the directorates saveProposalAsProject would accept (createProject's check). */
async function locals(req: Request) {
  const ctx = req.ctx();
  return {
    title: 'Appraisal calculator',
    directorateOptions: directorateOptions(await projectDirectorates(ctx)),
    categoryOptions: options(COST_CATEGORY_LABELS),
    fundingOptions: options(COST_FUNDING_LABELS),
  };
}

/** @route GET /appraisal */
async function newForm(req: Request, res: Response) {
  res.render('appraisal/index', {
    ...(await locals(req)),
    values: {
      optimismBias: '0',
      confidence: '100',
      rows: withSpareRows([], 6),
      costCategory: 'other',
      costFunding: 'capital',
    },
    result: null,
  });
}

async function evaluate(req: Request, input: Record<string, unknown>) {
  const calc = parseOrThrow(calculatorSchema, input);
  const { appraisal, rule } = await appraiseProposal(req.ctx(), toAppraisalRequest(calc));
  return { calc, result: presentAppraisal(appraisal, rule) };
}

/** @route POST /appraisal */
async function calculate(req: Request, res: Response) {
  const input = formInput(req.body);
  const values = { ...input, rows: withSpareRows(input.rows) };
  try {
    const { result } = await evaluate(req, input);
    res.render('appraisal/index', {
      ...(await locals(req)),
      values: { costCategory: 'other', costFunding: 'capital', ...values },
      result,
    });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    res.status(422).render('appraisal/index', { ...(await locals(req)), values, errors: err.fields, result: null });
  }
}

/** @route POST /appraisal/save */
async function save(req: Request, res: Response) {
  const input = formInput(req.body);
  const values = { ...input, rows: withSpareRows(input.rows) };
  let result;
  try {
    ({ result } = await evaluate(req, input));
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    res.status(422).render('appraisal/index', { ...(await locals(req)), values, errors: err.fields, result: null });
    return;
  }
  await submitForm(req, res, {
    view: 'appraisal/index',
    locals: { ...(await locals(req)), result },
    values,
    save: () =>
      saveProposalAsProject(
        req.ctx(),
        parseOrThrow(calculatorSchema, input),
        parseOrThrow(saveProposalSchema, req.body),
      ),
    redirect: (p) => `/projects/${encodeURIComponent(p.code)}?notice=project-created`,
  });
}
