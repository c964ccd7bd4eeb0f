import { Router, type Request, type Response } from 'express';
import { openApiDocument } from './openapi';

export function openapiApiRoutes(): Router {
  const router = Router();
  // Open without sign-in (authenticate.ts PUBLIC_READS): it holds no data, and a developer reads it
  // before they have a token. Read-only: GET alone is routed.
  router.get('/openapi.json', show);
  return router;
}

const document = openApiDocument();

/** @route GET /api/v1/openapi.json */
function show(_req: Request, res: Response) {
  res.json(document);
}
