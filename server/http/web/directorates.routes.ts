import { Router, type Request, type Response } from 'express';
import * as directorates from '../../domain/directorates';
import { mayAddProjectTo } from '../../domain/projects';
import { ConflictError } from '../../errors';
import { directorateSchema } from '../../validation/directorates.schema';
import { parseOrThrow, version } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  directorateFormValues,
  presentDirectorate,
  presentDirectorateConflict,
  presentDirectorateRow,
} from '../presenters/directorates';
import { getDashboard } from '../../domain/dashboard';
import { readDashboardQuery, readRankingSort } from '../../validation/dashboard-query.schema';
import { presentDashboard, presentFilters, presentRanking } from '../presenters/dashboard';
import { CHART_SCRIPTS } from '../presenters/charts';
import { submitForm } from './forms';
import { getDirectorateAssessments } from '../../domain/assessment-views';
import { allowsEditIn } from '../../domain/improvement-actions';
import { presentDirectorateAssessments } from '../presenters/assessments';
import { param } from '../params';
import { groupFunding } from '../../domain/funding';
import { presentFunding } from '../presenters/funding';
import { getRankingRows } from '../../domain/dashboard';
import { downloadRoutes, sendTables, tableParam, type DownloadExt } from '../download';
import {
  directorateTotalsTable,
  highlightsTable,
  projectTotalsTable,
  rankingTable,
} from '../presenters/dashboard-tables';
import { downloadLinks } from '../presenters/view-downloads';

export function directoratesRoutes(): Router {
  const router = Router();
  router.get('/directorates', asyncHandler(index));
  downloadRoutes(router, '/directorates', downloadIndex);
  router.get('/directorates/new', requireRole('admin'), asyncHandler(newForm));
  router.post('/directorates', requireRole('admin'), asyncHandler(create));
  // Before /directorates/:code, which would take "CS.csv" for a code.
  downloadRoutes(router, '/directorates/:code', download);
  router.get('/directorates/:code', asyncHandler(show));
  router.get('/directorates/:code/edit', requireRole('admin'), asyncHandler(editForm));
  router.post('/directorates/:code/edit', requireRole('admin'), asyncHandler(update));
  router.get('/directorates/:code/delete', requireRole('admin'), asyncHandler(confirmDelete));
  router.post('/directorates/:code/delete', requireRole('admin'), asyncHandler(destroy));
  return router;
}

const crumbs = [{ href: '/directorates', text: 'Directorates' }];

/** @route GET /directorates */
async function index(req: Request, res: Response) {
  const rows = await directorates.listDirectorateSummaries(req.ctx());
  res.render('directorates/index', {
    title: 'Directorates',
    directorates: rows.map(presentDirectorateRow),
    download: downloadLinks('/directorates', '', 'the directorates'),
  });
}

/** @route GET /directorates.csv and /directorates.xlsx — the list's table (issue 19). */
async function downloadIndex(req: Request, res: Response, ext: DownloadExt) {
  const rows = await directorates.listDirectorateSummaries(req.ctx());
  await sendTables(req, res, ext, 'directorates', [directorateTotalsTable(rows)]);
}

/** @route GET /directorates/new */
async function newForm(req: Request, res: Response) {
  directorates.assertMayCreateDirectorate(req.ctx());
  res.render('directorates/form', {
    title: 'Add a directorate',
    action: '/directorates',
    values: {},
    breadcrumbs: crumbs,
  });
}

/** @route POST /directorates */
async function create(req: Request, res: Response) {
  await submitForm(req, res, {
    view: 'directorates/form',
    locals: { title: 'Add a directorate', action: '/directorates', breadcrumbs: crumbs },
    save: () => directorates.createDirectorate(req.ctx(), parseOrThrow(directorateSchema('form'), req.body)),
    redirect: (d) => `/directorates/${encodeURIComponent(d.code)}?notice=directorate-created`,
  });
}

/** @route GET /directorates/:code — the directorate's dashboard and its ranked projects. */
async function show(req: Request, res: Response) {
  const ctx = req.ctx();
  const overview = await directorates.getDirectorateOverview(ctx, param(req, 'code'));
  const vm = presentDirectorate(overview);
  const path = `/directorates/${encodeURIComponent(vm.code)}`;
  const input = readDashboardQuery(req.query, { directorate: vm.code });
  const sort = readRankingSort(req.query);
  const d = await getDashboard(ctx, input.filter, sort);
  const filters = presentFilters(input, path, null, { sort: sort.key, dir: sort.dir });
  const ranking = presentRanking(d, path, filters.query);
  res.render('directorates/show', {
    title: vm.name,
    d: vm,
    canAddProject: mayAddProjectTo(ctx, overview.directorate.id),
    breadcrumbs: crumbs,
    dash: presentDashboard(d, 'directorate'),
    filters,
    ranking,
    errors: input.errors,
    scripts: CHART_SCRIPTS,
    downloads: directorateDownloads(path, filters.query, sort, ranking.total),
    // Issue 18: the directorate's ICT effectiveness assessment section.
    assessments: presentDirectorateAssessments(await getDirectorateAssessments(ctx, overview.directorate)),
    mayStartAssessment: allowsEditIn(ctx, overview.directorate),
    // Issue 19: capital and revenue by year, from the group sums.
    funding: presentFunding(
      await groupFunding(ctx, { directorateCode: vm.code }),
      'Costs by funding and financial year, every project of the directorate',
    ),
  });
}

const DIRECTORATE_TABLES = ['ranking', 'highlights', 'projects'] as const;
const HIGHLIGHTS_NOTE = 'the tables below in one file, each row naming its table';

/** Issue 19: "Download this view" beside each of the page's tables, with its filters (and the ranking's order). */
function directorateDownloads(path: string, query: string, sort: { key: string; dir: string }, total: number) {
  const ranked = new URLSearchParams(query);
  ranked.set('sort', sort.key);
  ranked.set('dir', sort.dir);
  return {
    ranking: downloadLinks(path, ranked, 'the ranking', { table: 'ranking' }, `all ${total} projects, in this order`),
    highlights: downloadLinks(path, query, 'the top and bottom projects', { table: 'highlights' }, HIGHLIGHTS_NOTE),
    // The projects table ignores the filters, so its download does too.
    projects: downloadLinks(path, '', "the directorate's projects", { table: 'projects' }),
  };
}

/** @route GET /directorates/:code.csv and .xlsx?table= — one of the directorate page's tables, with its filters. */
async function download(req: Request, res: Response, ext: DownloadExt) {
  const ctx = req.ctx();
  const table = tableParam(req, DIRECTORATE_TABLES);
  const overview = await directorates.getDirectorateOverview(ctx, param(req, 'code'));
  const code = overview.directorate.code;
  const stem = `directorate-${code.toLowerCase()}`;
  if (table === 'projects') return sendTables(req, res, ext, `${stem}-projects`, [projectTotalsTable(overview)]);
  const input = readDashboardQuery(req.query, { directorate: code });
  if (table === 'highlights') {
    const d = await getDashboard(ctx, input.filter);
    return sendTables(req, res, ext, `${stem}-top-and-bottom-projects`, [highlightsTable(d)]);
  }
  const { dashboard, rows } = await getRankingRows(ctx, input.filter, readRankingSort(req.query));
  await sendTables(req, res, ext, `${stem}-ranking`, [rankingTable(rows, dashboard)]);
}

/** @route GET /directorates/:code/edit */
async function editForm(req: Request, res: Response) {
  const d = await directorates.assertMayEditDirectorate(req.ctx(), param(req, 'code'));
  res.render('directorates/form', {
    title: `Edit ${d.name}`,
    action: `/directorates/${encodeURIComponent(d.code)}/edit`,
    values: directorateFormValues(d),
    breadcrumbs: crumbs,
  });
}

/** @route POST /directorates/:code/edit */
async function update(req: Request, res: Response) {
  const d = await directorates.getDirectorate(req.ctx(), param(req, 'code'));
  await submitForm(req, res, {
    view: 'directorates/form',
    locals: {
      title: `Edit ${d.name}`,
      action: `/directorates/${encodeURIComponent(d.code)}/edit`,
      breadcrumbs: crumbs,
    },
    save: () =>
      directorates.updateDirectorate(
        req.ctx(),
        d.code,
        parseOrThrow(version('form'), req.body.version),
        parseOrThrow(directorateSchema('form'), req.body),
      ),
    redirect: (saved) => `/directorates/${encodeURIComponent(saved.code)}?notice=directorate-updated`,
    presentCurrent: presentDirectorateConflict,
  });
}

/** @route GET /directorates/:code/delete */
async function confirmDelete(req: Request, res: Response) {
  const d = await directorates.assertMayEditDirectorate(req.ctx(), param(req, 'code'));
  res.render('directorates/delete', { title: `Delete ${d.name}`, d, breadcrumbs: crumbs });
}

/** @route POST /directorates/:code/delete */
async function destroy(req: Request, res: Response) {
  const d = await directorates.getDirectorate(req.ctx(), param(req, 'code'));
  try {
    await directorates.deleteDirectorate(req.ctx(), d.code);
    res.redirect(303, '/directorates?notice=directorate-deleted');
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    res.status(409).render('directorates/delete', {
      title: `Delete ${d.name}`,
      d,
      breadcrumbs: crumbs,
      errors: { _form: err.message },
    });
  }
}
