/**
 * CSRF protection with the synchroniser-token pattern (csrf-sync): a random token kept in the
 * session and echoed by every form (`_csrf`) or by API clients using a session (`x-csrf-token`).
 * Requests authenticated by an API token carry no ambient credential, so they need none.
 */
import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * A multipart upload's body is only parsed by its route, after this check has run, so an upload
 * form carries its token in the action's query string instead; only multipart requests may.
 */
function tokenFrom(req: Request): string | undefined {
  if (req.body && typeof req.body._csrf === 'string') return req.body._csrf;
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  if (req.is('multipart/form-data') && typeof req.query._csrf === 'string') return req.query._csrf;
  return undefined;
}

const { csrfSynchronisedProtection, generateToken } = csrfSync({ getTokenFromRequest: tokenFrom });

export function csrfProtection(): RequestHandler {
  return (req, res, next) => {
    if (req.authMethod === 'token') return next();
    res.locals.csrfToken = generateToken(req);
    csrfSynchronisedProtection(req, res, next);
  };
}
