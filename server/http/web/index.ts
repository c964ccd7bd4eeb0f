import { Router } from 'express';
import { homeRoutes } from './home.routes';
import { authRoutes } from './auth.routes';
import { accountRoutes } from './account.routes';
import { usersRoutes } from './users.routes';
import { directoratesRoutes } from './directorates.routes';
import { projectsRoutes } from './projects.routes';
import { costsRoutes } from './costs.routes';
import { benefitsRoutes } from './benefits.routes';
import { realisationsRoutes } from './realisations.routes';
import { appraisalRoutes } from './appraisal.routes';
import { auditRoutes } from './audit.routes';
import { settingsRoutes } from './settings.routes';

export function webRouter(): Router {
  const router = Router();
  router.use(authRoutes());
  router.use(homeRoutes());
  router.use(accountRoutes());
  router.use(usersRoutes());
  router.use(directoratesRoutes());
  router.use(projectsRoutes());
  router.use(costsRoutes());
  router.use(benefitsRoutes());
  router.use(realisationsRoutes());
  router.use(appraisalRoutes());
  router.use(auditRoutes());
  router.use(settingsRoutes());
  return router;
}
