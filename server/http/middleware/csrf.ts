/**
 * CSRF protection with the synchroniser-token pattern (csrf-sync): a random token kept in the
 * session and echoed by every form (`_csrf`) or by API clients using a session (`x-csrf-token`).
 * Requests authenticated by an API token carry no ambient credential, so they need none; nor do
 * anonymous API calls, which carry no credential at all and are answered 401 by requireSignIn.
 *
 * The token is issued lazily: only a page that prints it (a form) puts it in the session, so an
 * anonymous request that renders no form leaves the session empty and express-session, with
 * saveUninitialized off, stores nothing (issue 13, defect 4).
 */
import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { isApiRequest } from './error-handler';

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

/**
 * `res.locals.csrfToken`: the session's token, created (and so the session stored) only when a
 * view or route turns it into text. Views print it with `<%= csrfToken %>`; code uses String().
 */
export class LazyCsrfToken {
  constructor(private readonly req: Request) {}

  toString(): string {
    return generateToken(this.req);
  }

  toJSON(): string {
    return this.toString();
  }
}

export function csrfProtection(): RequestHandler {
  return (req, res, next) => {
    if (req.authMethod === 'token' || (!req.user && isApiRequest(req))) return next();
    res.locals.csrfToken = new LazyCsrfToken(req);
    csrfSynchronisedProtection(req, res, next);
  };
}
