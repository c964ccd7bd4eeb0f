import { Router, type Request, type Response } from 'express';
import { openApiDocument } from './openapi';

export function openapiApiRoutes(): Router {
  const router = Router();
  // Behind sign-in like the rest of /api/v1: the document describes a council's internal service.
  router.get('/openapi.json', show);
  return router;
}

const document = openApiDocument();

/** @route GET /api/v1/openapi.json */
function show(_req: Request, res: Response) {
  res.json(document);
}
