import { Router } from 'express';
import { appraisalApiRoutes } from './appraisal.routes';
import { metricsApiRoutes } from './metrics.routes';
import { auditApiRoutes } from './audit.routes';
import { importsApiRoutes } from './imports.routes';
import { directoratesApiRoutes } from './directorates.routes';
import { projectsApiRoutes } from './projects.routes';
import { costsApiRoutes } from './costs.routes';
import { benefitsApiRoutes } from './benefits.routes';
import { gridsApiRoutes } from './grids.routes';
import { realisationsApiRoutes } from './realisations.routes';
import { reforecastsApiRoutes } from './reforecasts.routes';
import { verificationApiRoutes } from './verification.routes';
import { openapiApiRoutes } from './openapi.routes';
import { decisionsApiRoutes } from './decisions.routes';
import { reviewsApiRoutes } from './reviews.routes';
import { assessmentsApiRoutes } from './assessments.routes';
import { reportEditionsApiRoutes } from './report-editions.routes';
import { cashableApiRoutes } from './cashable.routes';
import { benefitRegisterApiRoutes } from './benefit-register.routes';
import { prioritiesApiRoutes } from './priorities.routes';

export function apiRouter(opts: { chromiumPath: string } = { chromiumPath: '' }): Router {
  const router = Router();
  router.use(appraisalApiRoutes());
  router.use(metricsApiRoutes());
  router.use(auditApiRoutes());
  router.use(importsApiRoutes());
  router.use(directoratesApiRoutes());
  router.use(projectsApiRoutes());
  router.use(costsApiRoutes());
  // Before the benefits router, whose /projects/:code/benefits/:ref would take …/benefits/grid.
  router.use(gridsApiRoutes());
  router.use(benefitsApiRoutes());
  router.use(realisationsApiRoutes());
  router.use(reforecastsApiRoutes());
  router.use(verificationApiRoutes());
  router.use(cashableApiRoutes());
  router.use(benefitRegisterApiRoutes());
  router.use(prioritiesApiRoutes());
  router.use(reportEditionsApiRoutes(opts.chromiumPath));
  router.use(assessmentsApiRoutes());
  router.use(reviewsApiRoutes());
  router.use(decisionsApiRoutes());
  router.use(openapiApiRoutes());
  return router;
}
