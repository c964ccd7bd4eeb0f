import { Router, type Request, type Response } from 'express';
import { applyGridShortcut, GRID_MAX_YEARS } from '../../domain/cost-grid';
import { getProfileGrid, saveProfileGrid, type ProfileGrid } from '../../domain/profile-grid';
import { ValidationError, type FieldErrors } from '../../errors';
import { parseProfileGrid, profileCellName, profileSpreadName } from '../../validation/profile-grid.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { presentProfileGrid } from '../presenters/profile-grid';
import { param } from '../params';

export function profileGridRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/benefits/grid', requireRole('admin', 'finance'), asyncHandler(show));
  router.post('/projects/:code/benefits/grid', requireRole('admin', 'finance'), asyncHandler(submit));
  return router;
}

function extraYears(v: unknown): number {
  return typeof v === 'string' && /^\d{1,2}$/.test(v) ? Math.min(Number.parseInt(v, 10), GRID_MAX_YEARS) : 0;
}

function render(
  res: Response,
  grid: ProfileGrid,
  extra: number,
  values: Record<string, unknown>,
  errors: FieldErrors = {},
  status = 200,
) {
  const base = `/projects/${encodeURIComponent(grid.project.code)}`;
  res.status(status).render('benefits/grid', {
    title: 'Benefit profiles grid',
    project: { code: grid.project.code, name: grid.project.name },
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: base, text: grid.project.name },
    ],
    action: `${base}/benefits/grid`,
    back: `${base}#benefits`,
    extraYears: String(extra),
    grid: presentProfileGrid(grid, values, errors),
    values,
    errors,
    scripts: ['/public/js/grid-paste.js'],
  });
}

/** @route GET /projects/:code/benefits/grid */
async function show(req: Request, res: Response) {
  const extra = extraYears(req.query.extraYears);
  render(res, await getProfileGrid(req.ctx(), param(req, 'code'), extra), extra, {});
}

/** @route POST /projects/:code/benefits/grid */
async function submit(req: Request, res: Response) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const action = typeof body.action === 'string' ? body.action : 'save';
  let extra = extraYears(body.extraYears);
  if (action === 'add-year') extra += 1;
  const grid = await getProfileGrid(req.ctx(), param(req, 'code'), extra);
  if (action === 'add-year') return render(res, grid, extra, body);
  if (action === 'copy-forward' || action === 'spread') {
    const rows = grid.rows.map((r) => ({
      label: `${r.benefit.ref} ${r.benefit.title}`,
      cells: grid.years.map((fy) => profileCellName(r.benefit.ref, fy)),
      spread: profileSpreadName(r.benefit.ref),
    }));
    const { values, errors } = applyGridShortcut(action, rows, body);
    return render(res, grid, extra, { ...body, ...values }, errors, Object.keys(errors).length ? 422 : 200);
  }
  const titles = new Map(grid.rows.map((r) => [r.benefit.ref, r.benefit.title]));
  try {
    await saveProfileGrid(
      req.ctx(),
      grid.project.code,
      parseProfileGrid(body, (ref) => titles.get(ref)),
    );
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return render(res, await getProfileGrid(req.ctx(), grid.project.code, extra), extra, body, err.fields, 422);
  }
  res.redirect(303, `/projects/${encodeURIComponent(grid.project.code)}/benefits/grid?notice=profile-grid-saved`);
}
