import { Router } from 'express';

export function apiRouter(): Router {
  const router = Router();
  return router;
}
