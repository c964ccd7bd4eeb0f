import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import { needsSetup } from '../../domain/users';
import { isApiRequest } from './error-handler';

/**
 * With no users yet, every page leads to the one-time set-up page. Once a user exists the answer
 * never changes back, so it is remembered and the check costs nothing afterwards.
 */
export function firstRunSetup(db: Knex): RequestHandler {
  let setUp = false;
  return async (req, res, next) => {
    try {
      if (setUp || req.user) return next();
      setUp = !(await needsSetup(db));
      if (setUp || req.path === '/setup' || req.path === '/healthz' || req.path === '/readyz') return next();
      if (isApiRequest(req)) {
        res.status(503).json({
          error: { code: 'setup_required', message: 'Realise has no users yet: create the first admin at /setup' },
        });
        return;
      }
      res.redirect(303, '/setup');
    } catch (err) {
      next(err);
    }
  };
}
