import { Router, type Request, type Response } from 'express';
import * as costs from '../../domain/costs';
import { getProject } from '../../domain/projects';
import type { Project } from '../../records';
import { NotFoundError } from '../../errors';
import { costSchema } from '../../validation/costs.schema';
import { parseOrThrow, version } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { costFormValues, describeCostLine, presentCostConflict } from '../presenters/costs';
import {
  COST_CATEGORY_LABELS,
  COST_FUNDING_LABELS,
  COST_KIND_LABELS,
  COST_RECURRENCE_LABELS,
  options,
} from '../presenters/labels';
import { submitForm } from './forms';
import { idParam, param } from '../params';
import { fyLabel } from '../presenters/format';

export function costsRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/costs/new', requireRole('admin', 'finance'), asyncHandler(newForm));
  router.post('/projects/:code/costs', requireRole('admin', 'finance'), asyncHandler(create));
  router.get('/projects/:code/costs/:id/edit', requireRole('admin', 'finance'), asyncHandler(editForm));
  router.post('/projects/:code/costs/:id/edit', requireRole('admin', 'finance'), asyncHandler(update));
  router.get('/projects/:code/costs/:id/delete', requireRole('admin', 'finance'), asyncHandler(confirmDelete));
  router.post('/projects/:code/costs/:id/delete', requireRole('admin', 'finance'), asyncHandler(destroy));
  return router;
}

function projectPath(p: Project): string {
  return `/projects/${encodeURIComponent(p.code)}`;
}

function formLocals(p: Project, title: string, action: string) {
  return {
    title,
    action,
    project: { code: p.code, name: p.name },
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: projectPath(p), text: p.name },
    ],
    kindOptions: options(COST_KIND_LABELS),
    categoryOptions: options(COST_CATEGORY_LABELS),
    fundingOptions: options(COST_FUNDING_LABELS),
    recurrenceOptions: options(COST_RECURRENCE_LABELS),
  };
}

async function load(req: Request) {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError('There is no such cost line');
  return costs.assertMayEditCostLine(req.ctx(), param(req, 'code'), id);
}

/** @route GET /projects/:code/costs/new */
async function newForm(req: Request, res: Response) {
  const p = await costs.assertMayAddCostLine(req.ctx(), param(req, 'code'));
  const kind = req.query.kind === 'actual' ? 'actual' : 'planned';
  // After "Save and add another", the next line starts from the last one's year and classification.
  const keep = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : undefined);
  const values = { kind, year: keep('year'), category: keep('category'), funding: keep('funding') };
  res.render('costs/form', {
    ...formLocals(p, 'Add a cost line', `${projectPath(p)}/costs`),
    values,
    another: true,
  });
}

/** @route POST /projects/:code/costs */
async function create(req: Request, res: Response) {
  const p = await getProject(req.ctx(), param(req, 'code'));
  await submitForm(req, res, {
    view: 'costs/form',
    locals: { ...formLocals(p, 'Add a cost line', `${projectPath(p)}/costs`), another: true },
    save: () => costs.addCostLine(req.ctx(), p.code, parseOrThrow(costSchema('form'), req.body)),
    redirect: (line) =>
      req.body.next === 'another'
        ? `${projectPath(p)}/costs/new?${new URLSearchParams({
            notice: 'cost-added',
            kind: line.kind,
            year: fyLabel(line.fy),
            category: line.category,
            funding: line.funding,
          }).toString()}`
        : `${projectPath(p)}?notice=cost-added#costs`,
  });
}

/** @route GET /projects/:code/costs/:id/edit */
async function editForm(req: Request, res: Response) {
  const { project, line } = await load(req);
  res.render('costs/form', {
    ...formLocals(project, 'Edit cost line', `${projectPath(project)}/costs/${line.id}/edit`),
    values: costFormValues(line),
  });
}

/** @route POST /projects/:code/costs/:id/edit */
async function update(req: Request, res: Response) {
  const { project, line } = await load(req);
  await submitForm(req, res, {
    view: 'costs/form',
    locals: formLocals(project, 'Edit cost line', `${projectPath(project)}/costs/${line.id}/edit`),
    save: () =>
      costs.updateCostLine(
        req.ctx(),
        project.code,
        line.id,
        parseOrThrow(version('form'), req.body.version),
        parseOrThrow(costSchema('form'), req.body),
      ),
    redirect: () => `${projectPath(project)}?notice=cost-updated#costs`,
    presentCurrent: presentCostConflict,
  });
}

/** @route GET /projects/:code/costs/:id/delete */
async function confirmDelete(req: Request, res: Response) {
  const { project, line } = await load(req);
  res.render('partials/confirm-delete', {
    ...formLocals(project, 'Delete cost line', `${projectPath(project)}/costs/${line.id}/delete`),
    question: 'Are you sure you want to delete this cost line?',
    detail: describeCostLine(line),
    button: 'Delete cost line',
    cancel: `${projectPath(project)}#costs`,
  });
}

/** @route POST /projects/:code/costs/:id/delete */
async function destroy(req: Request, res: Response) {
  const { project, line } = await load(req);
  await costs.deleteCostLine(req.ctx(), project.code, line.id);
  res.redirect(303, `${projectPath(project)}?notice=cost-deleted#costs`);
}
