import { Router, type Request, type Response } from 'express';
import { getPortfolioOverview } from '../../domain/portfolio';
import { getDashboard } from '../../domain/dashboard';
import { listDirectorates } from '../../domain/directorates';
import { readDashboardQuery } from '../../validation/dashboard-query.schema';
import { asyncHandler } from '../middleware/async-handler';
import { presentPortfolio } from '../presenters/portfolio';
import { presentDashboard, presentFilters } from '../presenters/dashboard';
import { CHART_SCRIPTS } from '../presenters/charts';

export function homeRoutes(): Router {
  const router = Router();
  router.get('/', asyncHandler(home));
  router.get('/glossary', glossary);
  return router;
}

/** @route GET / — the portfolio dashboard; filters live in the query string. */
async function home(req: Request, res: Response) {
  const ctx = req.ctx();
  const vm = presentPortfolio(await getPortfolioOverview(ctx));
  if (vm.isEmpty) return res.render('home/index', { title: 'Portfolio overview', vm, dash: null });
  const directorates = await listDirectorates(ctx);
  const input = readDashboardQuery(req.query, { directorateCodes: directorates.map((d) => d.code) });
  const filters = presentFilters(input, '/', directorates);
  const dash = presentDashboard(await getDashboard(ctx, input.filter), 'portfolio');
  res.render('home/index', {
    title: 'Portfolio overview',
    vm,
    dash,
    filters,
    errors: input.errors,
    scripts: CHART_SCRIPTS,
  });
}

/** @route GET /glossary */
function glossary(_req: Request, res: Response) {
  res.render('home/glossary', { title: 'Glossary of indicators' });
}
