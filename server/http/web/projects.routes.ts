import { Router, type Request, type Response } from 'express';
import { listPriorityNames } from '../../domain/priorities';
import { overdueReviewCodes } from '../../domain/reviews';
import * as projects from '../../domain/projects';
import { listDirectorates } from '../../domain/directorates';
import type { Directorate } from '../../records';
import { getProjectPage } from '../../domain/project-detail';
import { getProjectList, getProjectListRows } from '../../domain/project-list';
import { presentProjectList, projectListTable } from '../presenters/project-list';
import { downloadRoutes, sendTables, type DownloadExt } from '../download';
import { PROJECT_STATUSES, type ProjectStatus } from '../../records';
import { projectSchema } from '../../validation/projects.schema';
import { parseOrThrow, version } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { presentProjectBenefitYears } from '../presenters/reforecasts';
import { requireRole } from '../middleware/require-role';
import {
  directorateOptions,
  presentProjectConflict,
  presentProjectDetail,
  projectFormValues,
} from '../presenters/projects';
import { PROJECT_STATUS_LABELS, options } from '../presenters/labels';
import { presentIndicators } from '../presenters/indicators';
import { readPageMetricsQuery, readProjectListOrder } from '../../validation/metrics-query.schema';
import { CHART_SCRIPTS, presentProjectCharts } from '../presenters/charts';
import { asArray, submitForm } from './forms';
import { idParam, param } from '../params';
import { decisionFormPath } from '../../domain/rules';
import { mayDecide } from '../../domain/decisions';
import { presentDecisionSection } from '../presenters/decisions';
import { presentFunding } from '../presenters/funding';

export function projectsRoutes(): Router {
  const router = Router();
  router.get('/projects', asyncHandler(index));
  downloadRoutes(router, '/projects', download);
  router.get('/projects/new', requireRole('admin', 'finance'), asyncHandler(newForm));
  router.post('/projects', requireRole('admin', 'finance'), asyncHandler(create));
  router.get('/projects/:code', asyncHandler(show));
  router.get('/projects/:code/edit', requireRole('admin', 'finance'), asyncHandler(editForm));
  router.post('/projects/:code/edit', requireRole('admin', 'finance'), asyncHandler(update));
  router.post('/projects/:code/managers', requireRole('admin', 'finance'), asyncHandler(updateManagers));
  router.get('/projects/:code/delete', requireRole('admin', 'finance'), asyncHandler(confirmDelete));
  router.post('/projects/:code/delete', requireRole('admin', 'finance'), asyncHandler(destroy));
  return router;
}

const crumbs = [{ href: '/projects', text: 'Projects' }];

/** `directorates`: the ones this user may put a project in (projects.projectDirectorates). */
function formLocals(directorates: Directorate[], title: string, action: string, priorities: string[]) {
  return {
    title,
    action,
    breadcrumbs: crumbs,
    directorateOptions: directorateOptions(directorates),
    statusOptions: options(PROJECT_STATUS_LABELS),
    // Issue 19: council priorities are a managed list.
    priorityOptions: priorities.map((p) => ({ value: p, text: p })),
  };
}

function queryText(v: unknown, max = 100): string {
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
}

/** The list's filters, search and sort from the query string, for the page and its download. */
function readListQuery(req: Request) {
  const filters = {
    directorate: queryText(req.query.directorate, 10).toUpperCase(),
    status: queryText(req.query.status, 20),
    q: queryText(req.query.q),
  };
  const status = (PROJECT_STATUSES as readonly string[]).includes(filters.status)
    ? (filters.status as ProjectStatus)
    : undefined;
  const { sort, page } = readProjectListOrder(req.query);
  const query = { directorateCode: filters.directorate || undefined, status, search: filters.q || undefined, sort };
  return { filters, status, sort, page, query };
}

/** @route GET /projects */
async function index(req: Request, res: Response) {
  const ctx = req.ctx();
  const { filters, status, sort, page, query } = readListQuery(req);
  const list = await getProjectList(ctx, { ...query, page });
  // Issue 17: projects on this page with a post-implementation review overdue are flagged.
  const overdueReviews = await overdueReviewCodes(
    ctx,
    list.rows.map((r) => r.project),
  );
  res.render('projects/index', {
    title: 'Projects',
    list: presentProjectList(list, sort, filters),
    overdueReviews,
    sort,
    total: list.total,
    filters,
    filtered: Boolean(filters.directorate || status || filters.q),
    directorateOptions: directorateOptions(await listDirectorates(ctx)),
    statusOptions: options(PROJECT_STATUS_LABELS),
  });
}

/** @route GET /projects.csv and /projects.xlsx — every project of the list's view, in its order. */
async function download(req: Request, res: Response, ext: DownloadExt) {
  const { metrics, rows } = await getProjectListRows(req.ctx(), readListQuery(req).query);
  await sendTables(req, res, ext, 'projects', [projectListTable(rows, metrics)]);
}

/** @route GET /projects/new */
async function newForm(req: Request, res: Response) {
  const directorates = await projects.assertMayCreateProject(req.ctx());
  const values = { directorateCode: queryText(req.query.directorate, 10).toUpperCase(), status: 'proposed' };
  const priorities = await listPriorityNames(req.ctx());
  res.render('projects/form', { ...formLocals(directorates, 'Add a project', '/projects', priorities), values });
}

/** @route POST /projects */
async function create(req: Request, res: Response) {
  await submitForm(req, res, {
    view: 'projects/form',
    locals: formLocals(
      await projects.projectDirectorates(req.ctx()),
      'Add a project',
      '/projects',
      await listPriorityNames(req.ctx()),
    ),
    save: () => projects.createProject(req.ctx(), parseOrThrow(projectSchema('form'), req.body)),
    redirect: (p) => `/projects/${encodeURIComponent(p.code)}?notice=project-created`,
  });
}

/** @route GET /projects/:code */
async function show(req: Request, res: Response) {
  const q = readPageMetricsQuery(req.query);
  const page = await getProjectPage(req.ctx(), param(req, 'code'), q.opts);
  const vm = presentProjectDetail(page);
  const { managers, metrics } = page;
  res.render('projects/show', {
    can: page.can,
    charts: presentProjectCharts(page),
    scripts: CHART_SCRIPTS,
    managers: {
      current: managers,
      options: page.managerCandidates.map((u) => ({
        id: u.id,
        text: `${u.name} (${u.email})`,
        checked: managers.some((m) => m.id === u.id),
      })),
    },
    title: vm.name,
    p: vm,
    // Issue 19: capital and revenue by year, from the project's summaries.
    funding: presentFunding(page.funding, 'Costs by funding and financial year'),
    breadcrumbs: crumbs,
    metrics: { v: presentIndicators(metrics, metrics.settings, 'project'), query: q.values, errors: q.errors },
    // C9: each benefit's profile, latest re-forecast and realised amount per year.
    benefitYears: presentProjectBenefitYears(page.benefitYears),
    // C9: baseline, plan and forecast side by side, and the decisions.
    decisions: presentDecisionSection(page.decisionHistory, metrics, mayDecide(req.ctx(), page.project)),
  });
}

/** @route GET /projects/:code/edit */
async function editForm(req: Request, res: Response) {
  const p = await projects.assertMayEditProject(req.ctx(), param(req, 'code'));
  const path = `/projects/${encodeURIComponent(p.code)}`;
  res.render('projects/form', {
    ...formLocals(
      await projects.projectDirectorates(req.ctx()),
      `Edit ${p.name}`,
      `${path}/edit`,
      await listPriorityNames(req.ctx()),
    ),
    values: projectFormValues(p),
  });
}

/** @route POST /projects/:code/edit */
async function update(req: Request, res: Response) {
  const p = await projects.getProject(req.ctx(), param(req, 'code'));
  await submitForm(req, res, {
    view: 'projects/form',
    locals: {
      ...formLocals(
        await projects.projectDirectorates(req.ctx()),
        `Edit ${p.name}`,
        `/projects/${encodeURIComponent(p.code)}/edit`,
        await listPriorityNames(req.ctx()),
      ),
      // C9: a status refused for want of an approval links to the decision form.
      decisionHref: decisionFormPath(p.code),
    },
    save: () =>
      projects.updateProject(
        req.ctx(),
        p.code,
        parseOrThrow(version('form'), req.body.version),
        parseOrThrow(projectSchema('form'), req.body),
      ),
    redirect: (saved) => `/projects/${encodeURIComponent(saved.code)}?notice=project-updated`,
    presentCurrent: presentProjectConflict,
  });
}

/** @route GET /projects/:code/delete */
async function confirmDelete(req: Request, res: Response) {
  const p = await projects.assertMayEditProject(req.ctx(), param(req, 'code'));
  res.render('projects/delete', { title: `Delete ${p.name}`, p, breadcrumbs: crumbs });
}

/** @route POST /projects/:code/delete */
async function destroy(req: Request, res: Response) {
  await projects.deleteProject(req.ctx(), param(req, 'code'));
  res.redirect(303, '/projects?notice=project-deleted');
}

/** @route POST /projects/:code/managers */
async function updateManagers(req: Request, res: Response) {
  const ids = asArray(req.body.managers)
    .map((v) => idParam(v))
    .filter((v): v is number => v !== null);
  await projects.setProjectManagers(req.ctx(), param(req, 'code'), ids);
  res.redirect(
    303,
    `/projects/${encodeURIComponent(param(req, 'code').toUpperCase())}?notice=managers-updated#managers`,
  );
}
