import { Router, type Request, type Response } from 'express';
import { getPortfolioOverview } from '../../domain/portfolio';
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
  const vm = presentPortfolio(await getPortfolioOverview(req.ctx()));
  res.render('home/index', { title: 'Portfolio overview', vm });
}

/** @route GET /glossary */
function glossary(_req: Request, res: Response) {
  res.render('home/glossary', { title: 'Glossary of indicators' });
}
