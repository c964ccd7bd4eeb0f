import { Router, type Request, type Response } from 'express';
import * as benefits from '../../domain/benefits';
import { getProject } from '../../domain/projects';
import { listBudgetReductions, mayRecordBudgetReduction } from '../../domain/budget-reductions';
import { presentBudgetReduction } from '../presenters/cashable';
import type { Project } from '../../records';
import { benefitSchema } from '../../validation/benefits.schema';
import { choice, parseOrThrow, version } from '../../validation/fields';
import { BENEFIT_STATUSES } from '../../records';
import { asyncHandler } from '../middleware/async-handler';
import { projectPermissions } from '../../domain/permissions';
import { requireRole } from '../middleware/require-role';
import { benefitReforecastView } from '../../domain/reforecasts';
import { presentBenefitReforecasts } from '../presenters/reforecasts';
import {
  benefitFormValues,
  presentBenefitConflict,
  presentBenefitDetail,
  profileRowsForYears,
} from '../presenters/benefits';
import { BENEFIT_STATUS_LABELS, BENEFIT_TYPE_LABELS, options } from '../presenters/labels';
import { plural } from '../presenters/format';
import { submitForm } from './forms';
import { isAddingYear, readProfileForm, savingProfile, withAddedYear } from './profile-form';
import { param } from '../params';

export function benefitsRoutes(): Router {
  const router = Router();
  router.get('/projects/:code/benefits/new', requireRole('admin', 'finance'), asyncHandler(newForm));
  router.post('/projects/:code/benefits', requireRole('admin', 'finance'), asyncHandler(create));
  router.get('/projects/:code/benefits/:ref', asyncHandler(show));
  router.get('/projects/:code/benefits/:ref/edit', requireRole('admin', 'finance'), asyncHandler(editForm));
  router.post('/projects/:code/benefits/:ref/edit', requireRole('admin', 'finance'), asyncHandler(update));
  router.post(
    '/projects/:code/benefits/:ref/status',
    requireRole('admin', 'finance', 'project_manager'),
    asyncHandler(updateStatus),
  );
  router.get('/projects/:code/benefits/:ref/delete', requireRole('admin', 'finance'), asyncHandler(confirmDelete));
  router.post('/projects/:code/benefits/:ref/delete', requireRole('admin', 'finance'), asyncHandler(destroy));
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
    typeOptions: options(BENEFIT_TYPE_LABELS),
    statusOptions: options(BENEFIT_STATUS_LABELS),
    nextFy: p.baseFy,
  };
}

/** @route GET /projects/:code/benefits/new — a profile row for every year of the project's appraisal period. */
async function newForm(req: Request, res: Response) {
  const p = await benefits.assertMayAddBenefit(req.ctx(), param(req, 'code'));
  const values = {
    type: 'cashable',
    status: 'identified',
    confidence: '100',
    profile: profileRowsForYears(await benefits.profileYears(req.ctx(), p)),
  };
  res.render('benefits/form', {
    ...{ ...formLocals(p, 'Add a benefit', `${projectPath(p)}/benefits`), another: true },
    values,
  });
}

/** @route POST /projects/:code/benefits — saves, or with `addYear` shows the form again with one more year. */
async function create(req: Request, res: Response) {
  const { form, rest } = readProfileForm(req.body);
  const input = { ...rest, profile: form.entered };
  if (isAddingYear(req.body)) {
    const p = await benefits.assertMayAddBenefit(req.ctx(), param(req, 'code'));
    const values = { ...rest, profile: withAddedYear(form.rows, p.baseFy) };
    return res.render('benefits/form', {
      ...{ ...formLocals(p, 'Add a benefit', `${projectPath(p)}/benefits`), another: true },
      values,
    });
  }
  const p = await getProject(req.ctx(), param(req, 'code'));
  await submitForm(req, res, {
    view: 'benefits/form',
    locals: { ...formLocals(p, 'Add a benefit', `${projectPath(p)}/benefits`), another: true },
    values: { ...rest, profile: form.rows },
    save: () =>
      savingProfile(form, p.baseFy, () =>
        benefits.addBenefit(req.ctx(), p.code, parseOrThrow(benefitSchema('form'), input)),
      ),
    // Issue 19: "Save and add another" opens a fresh form for the same project.
    redirect: (b) =>
      req.body.next === 'another'
        ? `${projectPath(p)}/benefits/new?notice=benefit-added`
        : `${projectPath(p)}/benefits/${encodeURIComponent(b.benefit.ref)}?notice=benefit-added`,
  });
}

/** @route GET /projects/:code/benefits/:ref */
async function show(req: Request, res: Response) {
  const d = await benefits.getBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  const vm = presentBenefitDetail(d);
  const ctx = req.ctx();
  const can = await projectPermissions(ctx, ctx.db, d.project);
  const isCashable = d.benefit.type === 'cashable' && !d.benefit.isDisbenefit;
  res.render('benefits/show', {
    title: `${vm.ref}: ${vm.title}`,
    b: vm,
    can,
    // Issue 19: savings taken from budgets, on cashable benefits only.
    reductions: isCashable
      ? (await listBudgetReductions(ctx, d.project.code, d.benefit.ref)).reductions.map(presentBudgetReduction)
      : null,
    mayReduce: mayRecordBudgetReduction(can.canEdit, d.benefit),
    // C9: profile, latest re-forecast and realised per year, and every re-forecast made.
    reforecasts: presentBenefitReforecasts(await benefitReforecastView(ctx, d.project.code, d.benefit.ref)),
    status: { version: String(d.benefit.version), value: d.benefit.status, options: options(BENEFIT_STATUS_LABELS) },
    project: { code: d.project.code, name: d.project.name },
    breadcrumbs: formLocals(d.project, '', '').breadcrumbs,
  });
}

/** @route GET /projects/:code/benefits/:ref/edit */
async function editForm(req: Request, res: Response) {
  const d = await benefits.assertMayEditBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  const values = {
    ...benefitFormValues(d.benefit, d.profile),
    profile: profileRowsForYears(await benefits.profileYears(req.ctx(), d.project), d.profile),
  };
  res.render('benefits/form', { ...editLocals(d.project, d.benefit.ref), values });
}

function editLocals(p: Project, ref: string) {
  return formLocals(p, `Edit benefit ${ref}`, `${projectPath(p)}/benefits/${encodeURIComponent(ref)}/edit`);
}

/** @route POST /projects/:code/benefits/:ref/edit — saves, or with `addYear` shows the form again with one more year. */
async function update(req: Request, res: Response) {
  const { form, rest } = readProfileForm(req.body);
  const input = { ...rest, profile: form.entered };
  if (isAddingYear(req.body)) {
    const d = await benefits.assertMayEditBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
    const values = { ...rest, profile: withAddedYear(form.rows, d.project.baseFy) };
    return res.render('benefits/form', { ...editLocals(d.project, d.benefit.ref), values });
  }
  const d = await benefits.getBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  await submitForm(req, res, {
    view: 'benefits/form',
    locals: editLocals(d.project, d.benefit.ref),
    values: { ...rest, profile: form.rows },
    save: () =>
      savingProfile(form, d.project.baseFy, () =>
        benefits.updateBenefit(
          req.ctx(),
          d.project.code,
          d.benefit.ref,
          parseOrThrow(version('form'), req.body.version),
          parseOrThrow(benefitSchema('form'), input),
        ),
      ),
    redirect: (b) => `${projectPath(d.project)}/benefits/${encodeURIComponent(b.benefit.ref)}?notice=benefit-updated`,
    presentCurrent: presentBenefitConflict,
  });
}

/** @route GET /projects/:code/benefits/:ref/delete */
async function confirmDelete(req: Request, res: Response) {
  const d = await benefits.assertMayEditBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  const path = `${projectPath(d.project)}/benefits/${encodeURIComponent(d.benefit.ref)}`;
  res.render('partials/confirm-delete', {
    ...formLocals(d.project, `Delete benefit ${d.benefit.ref}`, `${path}/delete`),
    question: `Are you sure you want to delete benefit ${d.benefit.ref}?`,
    detail: d.benefit.title,
    warning: d.realisations.length
      ? `Its expected profile and ${plural(d.realisations.length, 'recorded realisation')} will be deleted too.`
      : 'Its expected profile will be deleted too.',
    button: 'Delete benefit',
    cancel: path,
  });
}

/** @route POST /projects/:code/benefits/:ref/delete */
async function destroy(req: Request, res: Response) {
  const d = await benefits.getBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  await benefits.deleteBenefit(req.ctx(), d.project.code, d.benefit.ref);
  res.redirect(303, `${projectPath(d.project)}?notice=benefit-deleted#benefits`);
}

/** @route POST /projects/:code/benefits/:ref/status */
async function updateStatus(req: Request, res: Response) {
  const d = await benefits.getBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'));
  const status = parseOrThrow(choice(BENEFIT_STATUSES, 'a status'), req.body.status);
  await benefits.setBenefitStatus(
    req.ctx(),
    d.project.code,
    d.benefit.ref,
    parseOrThrow(version('form'), req.body.version),
    status,
  );
  res.redirect(
    303,
    `${projectPath(d.project)}/benefits/${encodeURIComponent(d.benefit.ref)}?notice=benefit-status-updated`,
  );
}
