/**
 * Who is asking: an API token (Authorization: Bearer) or the signed-in session. Sessions end after
 * 2 hours idle (the cookie's rolling max age) and 12 hours after sign-in, whatever the activity.
 */
import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import { authenticateToken, userForSession } from '../../domain/users';
import { UnauthorizedError } from '../../errors';
import { isApiRequest } from './error-handler';

export const IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export function authenticate(db: Knex): RequestHandler {
  return async (req, _res, next) => {
    try {
      const header = req.get('authorization');
      if (header !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(header);
        const user = m ? await authenticateToken(db, m[1]) : null;
        if (!user) throw new UnauthorizedError('The API token is missing, unknown, expired or revoked');
        req.user = user;
        req.authMethod = 'token';
        return next();
      }
      const s = req.session;
      if (s?.userId) {
        const expired = !s.signedInAt || Date.now() - s.signedInAt > ABSOLUTE_TIMEOUT_MS;
        const user = expired ? null : await userForSession(db, s.userId);
        if (!user) {
          // A fresh, empty session: the old one is gone from the store, and CSRF still has a home.
          await new Promise<void>((resolve, reject) =>
            req.session.regenerate((err) => (err ? reject(err) : resolve())),
          );
        } else {
          req.user = user;
          req.authMethod = 'session';
        }
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

const PUBLIC_PATHS = [/^\/sign-in$/, /^\/setup$/, /^\/healthz$/, /^\/readyz$/];
/** Read without sign-in: the API's description holds no data, and a developer needs it before a token. */
const PUBLIC_READS = [/^\/api\/v1\/openapi\.json$/];

/** Everything except sign-in, set-up, health and the API's description needs a user: pages redirect, the API answers 401. */
export function requireSignIn(): RequestHandler {
  return (req, res, next) => {
    if (req.user || PUBLIC_PATHS.some((p) => p.test(req.path))) return next();
    if ((req.method === 'GET' || req.method === 'HEAD') && PUBLIC_READS.some((p) => p.test(req.path))) return next();
    if (isApiRequest(req)) return next(new UnauthorizedError('Send an API token: Authorization: Bearer <token>'));
    const back = req.method === 'GET' && req.originalUrl !== '/' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    res.redirect(303, `/sign-in${back}`);
  };
}
