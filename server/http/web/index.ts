import { Router } from 'express';
import { homeRoutes } from './home.routes';
import { directoratesRoutes } from './directorates.routes';
import { projectsRoutes } from './projects.routes';
import { costsRoutes } from './costs.routes';
import { benefitsRoutes } from './benefits.routes';
import { realisationsRoutes } from './realisations.routes';
import { appraisalRoutes } from './appraisal.routes';

export function webRouter(): Router {
  const router = Router();
  router.use(homeRoutes());
  router.use(directoratesRoutes());
  router.use(projectsRoutes());
  router.use(costsRoutes());
  router.use(benefitsRoutes());
  router.use(realisationsRoutes());
  router.use(appraisalRoutes());
  return router;
}
