/** C9: the decision form (record an approval or a re-baseline), linked from the project page and from a refused status. */
import { Router, type Request, type Response } from 'express';
import { assertMayRecordDecision, recordDecision } from '../../domain/decisions';
import { decisionSchema } from '../../validation/decisions.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { options } from '../presenters/labels';
import { DECISION_KIND_LABELS, REASON_CODE_LABELS } from '../presenters/decisions';
import { param } from '../params';
import type { Project } from '../../records';
import { todayUkIso } from '../../financial-year';
import { submitForm } from './forms';

export function decisionsRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/decisions/new', requireRole('admin', 'finance'), asyncHandler(newForm));
  router.post('/projects/:code/decisions', requireRole('admin', 'finance'), asyncHandler(create));
  return router;
}

function locals(project: Project, hasBaseline: boolean) {
  const base = `/projects/${encodeURIComponent(project.code)}`;
  return {
    title: hasBaseline ? 'Record a re-baseline' : 'Record the approval',
    project,
    hasBaseline,
    action: `${base}/decisions`,
    cancelHref: `${base}#decisions`,
    kindOptions: options(DECISION_KIND_LABELS).filter((o) =>
      hasBaseline ? o.value !== 'approval' : o.value === 'approval',
    ),
    reasonOptions: options(REASON_CODE_LABELS),
    breadcrumbs: [
      { text: 'Projects', href: '/projects' },
      { text: project.name, href: base },
    ],
  };
}

/** @route GET /projects/:code/decisions/new */
async function newForm(req: Request, res: Response) {
  const { project, hasBaseline } = await assertMayRecordDecision(req.ctx(), param(req, 'code'));
  res.render('decisions/new', {
    ...locals(project, hasBaseline),
    values: { kind: hasBaseline ? 'rebaseline' : 'approval', decidedOn: todayUkIso() },
    errors: {},
  });
}

/** @route POST /projects/:code/decisions */
async function create(req: Request, res: Response) {
  const { project, hasBaseline } = await assertMayRecordDecision(req.ctx(), param(req, 'code'));
  await submitForm(req, res, {
    view: 'decisions/new',
    locals: locals(project, hasBaseline),
    save: () => recordDecision(req.ctx(), project.code, parseOrThrow(decisionSchema('form'), req.body)),
    redirect: (d) =>
      `/projects/${encodeURIComponent(project.code)}?notice=${d.kind === 'approval' ? 'decision-approval' : 'decision-rebaseline'}#decisions`,
  });
}
