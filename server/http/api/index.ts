import { Router } from 'express';
import { appraisalApiRoutes } from './appraisal.routes';
import { metricsApiRoutes } from './metrics.routes';
import { auditApiRoutes } from './audit.routes';

export function apiRouter(): Router {
  const router = Router();
  router.use(appraisalApiRoutes());
  router.use(metricsApiRoutes());
  router.use(auditApiRoutes());
  return router;
}
