import { Router, type Request, type Response } from 'express';
import { getPortfolioOverview } from '../../domain/portfolio';
import { getPortfolioMetrics } from '../../domain/metrics';
import { presentIndicators } from '../presenters/indicators';
import { pageMetricsQuery } from './metrics-query';
import { asyncHandler } from '../middleware/async-handler';
import { presentPortfolio } from '../presenters/portfolio';

export function homeRoutes(): Router {
  const router = Router();
  router.get('/', asyncHandler(home));
  router.get('/glossary', glossary);
  return router;
}

/** @route GET / */
async function home(req: Request, res: Response) {
  const q = pageMetricsQuery(req);
  const vm = presentPortfolio(await getPortfolioOverview(req.ctx()));
  const m = vm.isEmpty ? null : await getPortfolioMetrics(req.ctx(), {}, q.opts);
  const metrics = m ? { v: presentIndicators(m, m.settings, 'aggregate'), query: q.values, errors: q.errors } : null;
  res.render('home/index', { title: 'Portfolio overview', vm, metrics });
}

/** @route GET /glossary */
function glossary(_req: Request, res: Response) {
  res.render('home/glossary', { title: 'Glossary of indicators' });
}
