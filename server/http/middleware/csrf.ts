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

/** The token of a form (`_csrf`, also in a multipart body once parsed) or of a script (`x-csrf-token`); never the URL. */
function tokenFrom(req: Request): string | undefined {
  if (req.body && typeof req.body._csrf === 'string') return req.body._csrf;
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
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

/**
 * The upload forms' routes. A multipart body is only parsed by its route (after the role check, so
 * nobody else can make us read 20 MB), so the token in it can only be checked there: on these
 * paths, and only for a multipart request, the check waits for csrfAfterUpload(), which each of
 * these routes runs right after parsing the upload. The token never travels in the URL, where
 * history and logs would keep it.
 */
const UPLOAD_PATHS = [
  /^\/imports\/[a-z]+\/preview$/,
  // Issue 18: importing an assessment framework.
  /^\/assessment-frameworks\/import$/,
  // C10 evidence files: on a realisation's page and through the API with a session.
  /^\/projects\/[^/]+\/benefits\/[^/]+\/realisations\/\d+\/attachments$/,
  /^\/api\/v1\/realisations\/\d+\/attachments$/,
];

function isUploadForm(req: Request): boolean {
  return req.method === 'POST' && Boolean(req.is('multipart/form-data')) && UPLOAD_PATHS.some((p) => p.test(req.path));
}

export function csrfProtection(): RequestHandler {
  return (req, res, next) => {
    if (req.authMethod === 'token' || (!req.user && isApiRequest(req))) return next();
    res.locals.csrfToken = new LazyCsrfToken(req);
    if (isUploadForm(req) && typeof req.headers['x-csrf-token'] !== 'string') return next();
    csrfSynchronisedProtection(req, res, next);
  };
}

/** The check csrfProtection() left to an upload form's route: run it right after the upload is parsed. */
export function csrfAfterUpload(): RequestHandler {
  return (req, res, next) => {
    if (req.authMethod === 'token') return next();
    csrfSynchronisedProtection(req, res, next);
  };
}
