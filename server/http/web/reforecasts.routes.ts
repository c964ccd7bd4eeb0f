/** C9: the re-forecast form of a benefit (a year, an amount, a note); the history is on the benefit's page. */
import { Router, type Request, type Response } from 'express';
import { assertMayReforecast, recordReforecast } from '../../domain/reforecasts';
import { getBenefit } from '../../domain/benefits';
import type { Benefit, Project } from '../../records';
import { currentFy, fyLabel } from '../../financial-year';
import { reforecastSchema } from '../../validation/reforecasts.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { submitForm } from './forms';
import { param } from '../params';

const ROLES = ['admin', 'finance', 'project_manager'] as const;

export function reforecastsRoutes(): Router {
  const router = Router();
  const base = '/projects/:code/benefits/:ref/reforecasts';
  router.get(`${base}/new`, requireRole(...ROLES), asyncHandler(newForm));
  router.post(base, requireRole(...ROLES), asyncHandler(create));
  return router;
}

function benefitPath(p: Project, b: Benefit): string {
  return `/projects/${encodeURIComponent(p.code)}/benefits/${encodeURIComponent(b.ref)}`;
}

function formLocals(p: Project, b: Benefit) {
  return {
    title: 'Re-forecast a benefit',
    action: `${benefitPath(p, b)}/reforecasts`,
    project: { code: p.code, name: p.name },
    benefit: { ref: b.ref, title: b.title, isDisbenefit: b.isDisbenefit },
    cancel: `${benefitPath(p, b)}#reforecasts`,
    firstYear: fyLabel(Math.max(currentFy(), p.baseFy)),
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: `/projects/${encodeURIComponent(p.code)}`, text: p.name },
      { href: benefitPath(p, b), text: `${b.ref}: ${b.title}` },
    ],
  };
}

/** @route GET /projects/:code/benefits/:ref/reforecasts/new */
async function newForm(req: Request, res: Response) {
  const { project, benefit } = await assertMayReforecast(req.ctx(), param(req, 'code'), param(req, 'ref'));
  const locals = formLocals(project, benefit);
  res.render('reforecasts/form', { ...locals, values: { year: locals.firstYear } });
}

/** @route POST /projects/:code/benefits/:ref/reforecasts */
async function create(req: Request, res: Response) {
  const { project, benefit } = await getBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  await submitForm(req, res, {
    view: 'reforecasts/form',
    locals: formLocals(project, benefit),
    save: () =>
      recordReforecast(req.ctx(), project.code, benefit.ref, parseOrThrow(reforecastSchema('form'), req.body)),
    redirect: () => `${benefitPath(project, benefit)}?notice=reforecast-recorded#reforecasts`,
  });
}
