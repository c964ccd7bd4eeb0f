import { Router, type Request, type Response } from 'express';
import { getPortfolioOverview } from '../../domain/portfolio';
import { getDashboard } from '../../domain/dashboard';
import { listDirectorates } from '../../domain/directorates';
import { readDashboardQuery } from '../../validation/dashboard-query.schema';
import { asyncHandler } from '../middleware/async-handler';
import { presentPortfolio } from '../presenters/portfolio';
import { presentDashboard, presentFilters } from '../presenters/dashboard';
import { CHART_SCRIPTS } from '../presenters/charts';
import { getOverdueActions } from '../../domain/assessment-views';
import { presentOverdueFlag } from '../presenters/assessments';
import { digestLine, getDue } from '../../domain/due';
import { presentDue } from '../presenters/due';
import { groupFunding } from '../../domain/funding';
import { presentFunding } from '../presenters/funding';
import { downloadRoutes, sendTables, tableParam, type DownloadExt } from '../download';
import { directorateForecastTable, directorateTotalsTable, highlightsTable } from '../presenters/dashboard-tables';
import { downloadLinks } from '../presenters/view-downloads';

export function homeRoutes(): Router {
  const router = Router();
  router.get('/', asyncHandler(home));
  router.get('/portfolio', asyncHandler(portfolio));
  downloadRoutes(router, '/portfolio', download);
  router.get('/glossary', glossary);
  return router;
}

/**
 * @route GET / — each role's home (issue 17): a project manager's projects and a finance partner's
 * directorates with what is due on them; scrutiny and administrators the portfolio dashboard with
 * the exception counts above it. Everyone sees the day's digest.
 */
async function home(req: Request, res: Response) {
  const ctx = req.ctx();
  const due = await getDue(ctx);
  const dueVm = presentDue(due, digestLine(due));
  if (due.role === 'project_manager' || due.role === 'finance')
    return res.render('home/due', {
      title: due.role === 'finance' ? 'My directorates' : 'My projects',
      due: dueVm,
    });
  await portfolioPage(req, res, '/', dueVm);
}

/** @route GET /portfolio — the portfolio dashboard for every role (the home of scrutiny and admin). */
async function portfolio(req: Request, res: Response) {
  await portfolioPage(req, res, '/portfolio', null);
}

/** The portfolio dashboard; filters live in the query string. */
async function portfolioPage(req: Request, res: Response, path: string, due: ReturnType<typeof presentDue> | null) {
  const ctx = req.ctx();
  const vm = presentPortfolio(await getPortfolioOverview(ctx));
  if (vm.isEmpty) return res.render('home/index', { title: 'Portfolio overview', vm, dash: null, due });
  const directorates = await listDirectorates(ctx);
  const input = readDashboardQuery(req.query, { directorateCodes: directorates.map((d) => d.code) });
  const filters = presentFilters(input, path, directorates);
  const dash = presentDashboard(await getDashboard(ctx, input.filter), 'portfolio');
  res.render('home/index', {
    title: 'Portfolio overview',
    vm,
    dash,
    filters,
    errors: input.errors,
    scripts: CHART_SCRIPTS,
    due,
    overdueActions: presentOverdueFlag(await getOverdueActions(ctx)),
    downloads: portfolioDownloads(filters.query),
    // Issue 19: capital and revenue by year for the filtered directorate and status, from the group sums.
    funding: presentFunding(
      await groupFunding(ctx, { directorateCode: input.filter.directorateCode, status: input.filter.status }),
      'Costs by funding and financial year',
    ),
  });
}

const PORTFOLIO_TABLES = ['directorates', 'highlights', 'totals'] as const;

/** Issue 19: "Download this view" beside each of the dashboard's tables, with its filters. */
function portfolioDownloads(query: string) {
  const link = (table: (typeof PORTFOLIO_TABLES)[number], label: string, q = query, note: string | null = null) =>
    downloadLinks('/portfolio', q, label, { table }, note);
  return {
    charts: { 'chart-npv': link('directorates', 'the forecast by directorate') },
    highlights: link(
      'highlights',
      'the top and bottom projects',
      query,
      'the tables below in one file, each row naming its table',
    ),
    // The whole-portfolio table ignores the filters, so its download does too.
    totals: link('totals', 'the directorates of the whole portfolio', ''),
  };
}

/** @route GET /portfolio.csv and /portfolio.xlsx?table= — one of the dashboard's tables, with its filters. */
async function download(req: Request, res: Response, ext: DownloadExt) {
  const ctx = req.ctx();
  const table = tableParam(req, PORTFOLIO_TABLES);
  if (table === 'totals') {
    const o = await getPortfolioOverview(ctx);
    return sendTables(req, res, ext, 'portfolio-directorate-totals', [directorateTotalsTable(o.directorates, o)]);
  }
  const directorates = await listDirectorates(ctx);
  // As the page: a bad filter is left out (the page says so beside it) and the rest apply.
  const input = readDashboardQuery(req.query, { directorateCodes: directorates.map((d) => d.code) });
  const d = await getDashboard(ctx, input.filter);
  if (table === 'directorates')
    return sendTables(req, res, ext, 'portfolio-by-directorate', [directorateForecastTable(d)]);
  await sendTables(req, res, ext, 'portfolio-top-and-bottom-projects', [highlightsTable(d)]);
}

/** @route GET /glossary */
function glossary(_req: Request, res: Response) {
  res.render('home/glossary', { title: 'Glossary of indicators' });
}
