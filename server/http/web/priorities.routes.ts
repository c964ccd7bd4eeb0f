/** Council priorities (issue 19): the page of figures per priority, and the managed list (administrators). */
import { Router, type Request, type Response } from 'express';
import * as priorities from '../../domain/priorities';
import { NotFoundError } from '../../errors';
import { prioritySchema } from '../../validation/priorities.schema';
import { parseOrThrow, version } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { presentPrioritiesPage, presentPriorityConflict, prioritiesTable } from '../presenters/priorities';
import { downloadRoutes, sendTables, type DownloadExt } from '../download';
import { allows } from '../../domain/permissions';
import { idParam, param } from '../params';
import { submitForm } from './forms';

export function prioritiesRoutes(): Router {
  const router = Router();
  router.get('/priorities', asyncHandler(index));
  downloadRoutes(router, '/priorities', download);
  router.get('/priorities/new', requireRole('admin'), asyncHandler(newForm));
  router.post('/priorities', requireRole('admin'), asyncHandler(create));
  router.get('/priorities/:id/edit', requireRole('admin'), asyncHandler(editForm));
  router.post('/priorities/:id/edit', requireRole('admin'), asyncHandler(update));
  router.get('/priorities/:id/delete', requireRole('admin'), asyncHandler(confirmDelete));
  router.post('/priorities/:id/delete', requireRole('admin'), asyncHandler(destroy));
  return router;
}

const breadcrumbs = [{ href: '/priorities', text: 'Council priorities' }];

function id(req: Request): number {
  const n = idParam(param(req, 'id'));
  if (n === null) throw new NotFoundError('There is no such priority');
  return n;
}

/** @route GET /priorities */
async function index(req: Request, res: Response) {
  const ctx = req.ctx();
  const [overview, list] = [await priorities.getPrioritiesOverview(ctx), await priorities.listPriorities(ctx)];
  res.render('priorities/index', {
    title: 'Council priorities',
    p: presentPrioritiesPage(overview, list),
    mayManage: allows(() => priorities.assertMayManagePriorities(ctx)),
    breadcrumbs: [{ href: '/', text: 'Portfolio' }],
  });
}

/** @route GET /priorities.csv and /priorities.xlsx — the page's table (issue 19). */
async function download(req: Request, res: Response, ext: DownloadExt) {
  const ctx = req.ctx();
  const [overview, list] = [await priorities.getPrioritiesOverview(ctx), await priorities.listPriorities(ctx)];
  await sendTables(req, res, ext, 'priorities', [prioritiesTable(overview, list)]);
}

/** @route GET /priorities/new */
async function newForm(req: Request, res: Response) {
  priorities.assertMayManagePriorities(req.ctx());
  res.render('priorities/form', { title: 'Add a council priority', action: '/priorities', breadcrumbs });
}

/** @route POST /priorities */
async function create(req: Request, res: Response) {
  await submitForm(req, res, {
    view: 'priorities/form',
    locals: { title: 'Add a council priority', action: '/priorities', breadcrumbs },
    save: () => priorities.createPriority(req.ctx(), parseOrThrow(prioritySchema('form'), req.body)),
    redirect: () => '/priorities?notice=priority-saved',
  });
}

/** @route GET /priorities/:id/edit */
async function editForm(req: Request, res: Response) {
  priorities.assertMayManagePriorities(req.ctx());
  const p = await priorities.getPriority(req.ctx(), id(req));
  res.render('priorities/form', {
    title: `Edit ${p.name}`,
    action: `/priorities/${p.id}/edit`,
    breadcrumbs,
    isEdit: true,
    values: { name: p.name, description: p.description, version: String(p.version) },
  });
}

/** @route POST /priorities/:id/edit */
async function update(req: Request, res: Response) {
  const p = await priorities.getPriority(req.ctx(), id(req));
  await submitForm(req, res, {
    view: 'priorities/form',
    locals: { title: `Edit ${p.name}`, action: `/priorities/${p.id}/edit`, breadcrumbs, isEdit: true },
    save: () =>
      priorities.updatePriority(
        req.ctx(),
        p.id,
        parseOrThrow(version('form'), req.body.version),
        parseOrThrow(prioritySchema('form'), req.body),
      ),
    redirect: () => '/priorities?notice=priority-saved',
    presentCurrent: presentPriorityConflict,
  });
}

/** @route GET /priorities/:id/delete */
async function confirmDelete(req: Request, res: Response) {
  priorities.assertMayManagePriorities(req.ctx());
  const p = await priorities.getPriority(req.ctx(), id(req));
  res.render('partials/confirm-delete', {
    title: `Remove ${p.name}`,
    action: `/priorities/${p.id}/delete`,
    breadcrumbs,
    question: `Are you sure you want to remove ${p.name} from the council priorities?`,
    detail: 'A priority still given to a project cannot be removed.',
    button: 'Remove priority',
    cancel: '/priorities',
  });
}

/** @route POST /priorities/:id/delete */
async function destroy(req: Request, res: Response) {
  await priorities.deletePriority(req.ctx(), id(req));
  res.redirect(303, '/priorities?notice=priority-removed');
}
