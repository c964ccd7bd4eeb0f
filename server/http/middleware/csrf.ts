/**
 * CSRF protection with the synchroniser-token pattern (csrf-sync): a random token kept in the
 * session and echoed by every form (`_csrf`) or by API clients using a session (`x-csrf-token`).
 * Requests authenticated by an API token carry no ambient credential, so they need none.
 */
import type { RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => (req.body && typeof req.body._csrf === 'string' ? req.body._csrf : (req.headers['x-csrf-token'] as string | undefined)),
});

export function csrfProtection(): RequestHandler {
  return (req, res, next) => {
    if (req.authMethod === 'token') return next();
    res.locals.csrfToken = generateToken(req);
    csrfSynchronisedProtection(req, res, next);
  };
}
