/**
 * Savings taken from budgets (issue 19): the budget-reduction form on a cashable benefit, its
 * delete, and the cashable savings report (per directorate or the portfolio).
 */
import { Router, type Request, type Response } from 'express';
import * as reductions from '../../domain/budget-reductions';
import { getCashableSavings } from '../../domain/cashable-savings';
import { listDirectorates } from '../../domain/directorates';
import { NotFoundError } from '../../errors';
import { currentFy, fyLabel } from '../../financial-year';
import type { Benefit, Project } from '../../records';
import { budgetReductionSchema } from '../../validation/budget-reductions.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  cashableDirectoratesTable,
  cashableYearsTable,
  presentBudgetReduction,
  presentCashableSavings,
} from '../presenters/cashable';
import { downloadRoutes, sendTables, tableParam, type DownloadExt } from '../download';
import { downloadLinks } from '../presenters/view-downloads';
import type { CashableQuery } from '../../validation/cashable-query.schema';
import { readCashableQuery } from '../../validation/cashable-query.schema';
import { idParam, param } from '../params';
import { submitForm } from './forms';

export function cashableRoutes(): Router {
  const router = Router();
  const base = '/projects/:code/benefits/:ref/budget-reductions';
  router.get(`${base}/new`, requireRole('admin', 'finance'), asyncHandler(newForm));
  router.post(base, requireRole('admin', 'finance'), asyncHandler(create));
  router.get(`${base}/:id/delete`, requireRole('admin', 'finance'), asyncHandler(confirmDelete));
  router.post(`${base}/:id/delete`, requireRole('admin', 'finance'), asyncHandler(destroy));
  router.get('/reports/cashable-savings', asyncHandler(report));
  downloadRoutes(router, '/reports/cashable-savings', download);
  return router;
}

function benefitPath(p: Project, b: Benefit): string {
  return `/projects/${encodeURIComponent(p.code)}/benefits/${encodeURIComponent(b.ref)}`;
}

function formLocals(p: Project, b: Benefit) {
  return {
    title: 'Record a budget reduction',
    action: `${benefitPath(p, b)}/budget-reductions`,
    project: { code: p.code, name: p.name },
    benefit: { ref: b.ref, title: b.title },
    cancel: `${benefitPath(p, b)}#budget-reductions`,
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: `/projects/${encodeURIComponent(p.code)}`, text: p.name },
      { href: benefitPath(p, b), text: `${b.ref}: ${b.title}` },
    ],
  };
}

/** @route GET /projects/:code/benefits/:ref/budget-reductions/new */
async function newForm(req: Request, res: Response) {
  const { project, benefit } = await reductions.assertMayRecordBudgetReduction(
    req.ctx(),
    param(req, 'code'),
    param(req, 'ref'),
  );
  res.render('budget-reductions/form', {
    ...formLocals(project, benefit),
    values: { year: fyLabel(Math.max(currentFy(), project.baseFy)) },
  });
}

/** @route POST /projects/:code/benefits/:ref/budget-reductions */
async function create(req: Request, res: Response) {
  const { project, benefit } = await reductions.listBudgetReductions(req.ctx(), param(req, 'code'), param(req, 'ref'));
  await submitForm(req, res, {
    view: 'budget-reductions/form',
    locals: formLocals(project, benefit),
    save: () =>
      reductions.recordBudgetReduction(
        req.ctx(),
        project.code,
        benefit.ref,
        parseOrThrow(budgetReductionSchema('form'), req.body),
      ),
    redirect: () => `${benefitPath(project, benefit)}?notice=budget-reduction-recorded#budget-reductions`,
  });
}

async function load(req: Request) {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError('There is no such budget reduction');
  const found = await reductions.findReduction(req.ctx(), param(req, 'code'), param(req, 'ref'), id);
  await reductions.assertMayRecordBudgetReduction(req.ctx(), found.project.code, found.benefit.ref);
  return found;
}

/** @route GET /projects/:code/benefits/:ref/budget-reductions/:id/delete */
async function confirmDelete(req: Request, res: Response) {
  const { project, benefit, reduction } = await load(req);
  const r = presentBudgetReduction(reduction);
  res.render('partials/confirm-delete', {
    ...formLocals(project, benefit),
    title: 'Delete budget reduction',
    action: `${benefitPath(project, benefit)}/budget-reductions/${reduction.id}/delete`,
    question: 'Are you sure you want to delete this budget reduction?',
    detail: `${r.year}: ${r.amount.text} from ${r.budget}${r.reference ? ` (${r.reference})` : ''}`,
    button: 'Delete budget reduction',
    cancel: `${benefitPath(project, benefit)}#budget-reductions`,
  });
}

/** @route POST /projects/:code/benefits/:ref/budget-reductions/:id/delete */
async function destroy(req: Request, res: Response) {
  const { project, benefit, reduction } = await load(req);
  await reductions.deleteBudgetReduction(req.ctx(), project.code, benefit.ref, reduction.id);
  res.redirect(303, `${benefitPath(project, benefit)}?notice=budget-reduction-deleted#budget-reductions`);
}

/** @route GET /reports/cashable-savings — per directorate (?directorate=) or the portfolio. */
async function report(req: Request, res: Response) {
  const directorates = await listDirectorates(req.ctx());
  const { query, errors } = readCashableQuery(
    req.query,
    directorates.map((d) => d.code),
  );
  const savings = await getCashableSavings(req.ctx(), query);
  res.render('reports/cashable-savings', {
    title: 'Cashable savings taken from budgets',
    c: presentCashableSavings(savings),
    directorateOptions: [
      { value: '', text: 'All directorates' },
      ...directorates.map((d) => ({ value: d.code, text: d.name })),
    ],
    selected: query.directorateCode ?? '',
    downloads: cashableDownloads(query),
    errors,
    breadcrumbs: [{ href: '/', text: 'Portfolio' }],
  });
}

/** Issue 19: "Download this view" above each of the report's tables, with its valid filters. */
function cashableDownloads(q: CashableQuery) {
  const query = new URLSearchParams();
  if (q.directorateCode) query.set('directorate', q.directorateCode);
  if (q.status) query.set('status', q.status);
  if (q.asAt) query.set('asAt', q.asAt);
  const path = '/reports/cashable-savings';
  return {
    years: downloadLinks(path, query, 'the cashable savings by year', { table: 'years' }),
    directorates: downloadLinks(path, query, 'the cashable savings by directorate', { table: 'directorates' }),
  };
}

/** @route GET /reports/cashable-savings.csv and .xlsx?table= — one of the report's tables, with its filters. */
async function download(req: Request, res: Response, ext: DownloadExt) {
  const table = tableParam(req, ['years', 'directorates'] as const);
  const directorates = await listDirectorates(req.ctx());
  // As the page: a bad filter is left out and the rest apply.
  const { query } = readCashableQuery(
    req.query,
    directorates.map((d) => d.code),
  );
  const savings = await getCashableSavings(req.ctx(), query);
  const stem = `cashable-savings-${query.directorateCode?.toLowerCase() ?? 'portfolio'}`;
  if (table === 'years') return sendTables(req, res, ext, stem, [cashableYearsTable(savings)]);
  await sendTables(req, res, ext, `${stem}-by-directorate`, [cashableDirectoratesTable(savings)]);
}
