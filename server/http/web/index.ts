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
import { importsRoutes } from './imports.routes';
import { exportsRoutes } from './exports.routes';
import { reportsRoutes } from './reports.routes';
import { cashableRoutes } from './cashable.routes';

export function webRouter(opts: { chromiumPath: string }): Router {
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
  router.use(importsRoutes());
  router.use(exportsRoutes());
  router.use(reportsRoutes(opts.chromiumPath));
  router.use(cashableRoutes());
  return router;
}
