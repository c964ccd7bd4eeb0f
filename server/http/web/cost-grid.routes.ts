import { Router, type Request, type Response } from 'express';
import {
  applyCostGridShortcut,
  costCellLabel,
  getCostGrid,
  GRID_MAX_YEARS,
  saveCostGrid,
  type CostGrid,
} from '../../domain/cost-grid';
import { ValidationError, type FieldErrors } from '../../errors';
import { parseCostGrid } from '../../validation/cost-grid.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { presentCostGrid } from '../presenters/cost-grid';
import { param } from '../params';

export function costGridRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/costs/grid', requireRole('admin', 'finance'), asyncHandler(show));
  router.post('/projects/:code/costs/grid', requireRole('admin', 'finance'), asyncHandler(submit));
  return router;
}

const SCRIPTS = ['/public/js/grid-paste.js'];

/** How many years the person added with "Add a year" (kept in the form until Save). */
function extraYears(v: unknown): number {
  return typeof v === 'string' && /^\d{1,2}$/.test(v) ? Math.min(Number.parseInt(v, 10), GRID_MAX_YEARS) : 0;
}

function render(
  res: Response,
  grid: CostGrid,
  extra: number,
  values: Record<string, unknown>,
  errors: FieldErrors = {},
  status = 200,
) {
  const base = `/projects/${encodeURIComponent(grid.project.code)}`;
  res.status(status).render('costs/grid', {
    title: 'Costs grid',
    project: { code: grid.project.code, name: grid.project.name },
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: base, text: grid.project.name },
    ],
    action: `${base}/costs/grid`,
    back: `${base}#costs`,
    extraYears: String(extra),
    grid: presentCostGrid(grid, values, errors),
    values,
    errors,
    scripts: SCRIPTS,
  });
}

/** @route GET /projects/:code/costs/grid */
async function show(req: Request, res: Response) {
  const extra = extraYears(req.query.extraYears);
  render(res, await getCostGrid(req.ctx(), param(req, 'code'), extra), extra, {});
}

/** @route POST /projects/:code/costs/grid */
async function submit(req: Request, res: Response) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const action = typeof body.action === 'string' ? body.action : 'save';
  let extra = extraYears(body.extraYears);
  if (action === 'add-year') extra += 1;
  const grid = await getCostGrid(req.ctx(), param(req, 'code'), extra);
  if (action === 'add-year') return render(res, grid, extra, body);
  if (action === 'copy-forward' || action === 'spread') {
    const { values, errors } = applyCostGridShortcut(action, grid.rows, grid.years, body);
    return render(res, grid, extra, { ...body, ...values }, errors, Object.keys(errors).length ? 422 : 200);
  }
  try {
    await saveCostGrid(req.ctx(), grid.project.code, parseCostGrid(body, costCellLabel));
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    // Reread: a cell someone else changed shows its new total (the person's text is kept).
    return render(res, await getCostGrid(req.ctx(), grid.project.code, extra), extra, body, err.fields, 422);
  }
  res.redirect(303, `/projects/${encodeURIComponent(grid.project.code)}/costs/grid?notice=cost-grid-saved`);
}
