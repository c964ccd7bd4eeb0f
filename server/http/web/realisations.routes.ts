import { Router, type Request, type Response } from 'express';
import * as realisations from '../../domain/realisations';
import { getBenefit } from '../../domain/benefits';
import type { Benefit, Project } from '../../records';
import { NotFoundError } from '../../errors';
import { fyLabel, fyOfDate, todayUkIso } from '../../financial-year';
import { realisationSchema } from '../../validation/realisations.schema';
import { parseOrThrow, version } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { presentRealisation, presentRealisationConflict, realisationFormValues } from '../presenters/benefits';
import { submitForm } from './forms';
import { idParam, param } from '../params';

export function realisationsRoutes(): Router {
  const router = Router();
  const base = '/projects/:code/benefits/:ref/realisations';
  router.get(`${base}/new`, requireRole('admin', 'project_manager'), asyncHandler(newForm));
  router.post(base, requireRole('admin', 'project_manager'), asyncHandler(create));
  router.get(`${base}/:id/edit`, requireRole('admin', 'project_manager'), asyncHandler(editForm));
  router.post(`${base}/:id/edit`, requireRole('admin', 'project_manager'), asyncHandler(update));
  router.get(`${base}/:id/delete`, requireRole('admin', 'project_manager'), asyncHandler(confirmDelete));
  router.post(`${base}/:id/delete`, requireRole('admin', 'project_manager'), asyncHandler(destroy));
  return router;
}

function benefitPath(p: Project, b: Benefit): string {
  return `/projects/${encodeURIComponent(p.code)}/benefits/${encodeURIComponent(b.ref)}`;
}

function formLocals(p: Project, b: Benefit, title: string, action: string) {
  return {
    title,
    action,
    project: { code: p.code, name: p.name },
    benefit: { ref: b.ref, title: b.title, isMoney: b.type !== 'qualitative', unit: b.unit, measure: b.measure },
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: `/projects/${encodeURIComponent(p.code)}`, text: p.name },
      { href: benefitPath(p, b), text: `${b.ref}: ${b.title}` },
    ],
  };
}

async function load(req: Request) {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError('There is no such realisation');
  return realisations.assertMayEditRealisation(req.ctx(), param(req, 'code'), param(req, 'ref'), id);
}

/** @route GET /projects/:code/benefits/:ref/realisations/new */
async function newForm(req: Request, res: Response) {
  const { project, benefit } = await realisations.assertMayRecordRealisation(
    req.ctx(),
    param(req, 'code'),
    param(req, 'ref'),
  );
  const today = todayUkIso();
  const values = { year: fyLabel(Math.max(fyOfDate(today), project.baseFy)), recordedOn: today };
  res.render('realisations/form', {
    ...formLocals(project, benefit, 'Record a realised benefit', `${benefitPath(project, benefit)}/realisations`),
    values,
    another: true,
  });
}

/** @route POST /projects/:code/benefits/:ref/realisations */
async function create(req: Request, res: Response) {
  const { project, benefit } = await getBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  await submitForm(req, res, {
    view: 'realisations/form',
    locals: {
      ...formLocals(project, benefit, 'Record a realised benefit', `${benefitPath(project, benefit)}/realisations`),
      another: true,
    },
    save: () =>
      realisations.recordRealisation(
        req.ctx(),
        project.code,
        benefit.ref,
        parseOrThrow(realisationSchema('form'), req.body),
      ),
    // Issue 19: "Save and add another" opens a fresh form for the same benefit.
    redirect: () =>
      req.body.next === 'another'
        ? `${benefitPath(project, benefit)}/realisations/new?notice=realisation-recorded`
        : `${benefitPath(project, benefit)}?notice=realisation-recorded#realisations`,
  });
}

/** @route GET /projects/:code/benefits/:ref/realisations/:id/edit */
async function editForm(req: Request, res: Response) {
  const { project, benefit, realisation } = await load(req);
  res.render('realisations/form', {
    ...formLocals(
      project,
      benefit,
      'Edit realisation',
      `${benefitPath(project, benefit)}/realisations/${realisation.id}/edit`,
    ),
    // C10: a verified realisation asks for the reason for a change.
    verified: realisation.verification.status === 'verified',
    values: realisationFormValues(realisation),
  });
}

/** @route POST /projects/:code/benefits/:ref/realisations/:id/edit */
async function update(req: Request, res: Response) {
  const { project, benefit, realisation } = await load(req);
  await submitForm(req, res, {
    view: 'realisations/form',
    locals: {
      ...formLocals(
        project,
        benefit,
        'Edit realisation',
        `${benefitPath(project, benefit)}/realisations/${realisation.id}/edit`,
      ),
      verified: realisation.verification.status === 'verified',
    },
    save: () =>
      realisations.updateRealisation(
        req.ctx(),
        project.code,
        benefit.ref,
        realisation.id,
        parseOrThrow(version('form'), req.body.version),
        parseOrThrow(realisationSchema('form'), req.body),
      ),
    redirect: () => `${benefitPath(project, benefit)}?notice=realisation-updated#realisations`,
    presentCurrent: presentRealisationConflict,
  });
}

/** @route GET /projects/:code/benefits/:ref/realisations/:id/delete */
async function confirmDelete(req: Request, res: Response) {
  const { project, benefit, realisation } = await load(req);
  const r = presentRealisation(realisation);
  res.render('partials/confirm-delete', {
    ...formLocals(
      project,
      benefit,
      'Delete realisation',
      `${benefitPath(project, benefit)}/realisations/${realisation.id}/delete`,
    ),
    question: 'Are you sure you want to delete this realisation?',
    detail: `${r.year}: ${r.amount ? r.amount.text : r.value}, recorded by ${r.recordedBy} on ${r.recordedOn}`,
    button: 'Delete realisation',
    cancel: `${benefitPath(project, benefit)}#realisations`,
  });
}

/** @route POST /projects/:code/benefits/:ref/realisations/:id/delete */
async function destroy(req: Request, res: Response) {
  const { project, benefit, realisation } = await load(req);
  await realisations.deleteRealisation(req.ctx(), project.code, benefit.ref, realisation.id);
  res.redirect(303, `${benefitPath(project, benefit)}?notice=realisation-deleted#realisations`);
}
