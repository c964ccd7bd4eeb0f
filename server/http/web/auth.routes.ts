import { Router, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import { createFirstAdmin, needsSetup, signIn, SIGN_IN_FAILED } from '../../domain/users';
import { ForbiddenError, ValidationError } from '../../errors';
import { parseOrThrow } from '../../validation/fields';
import { setupSchema, signInSchema } from '../../validation/users.schema';
import { asyncHandler } from '../middleware/async-handler';
import type { User } from '../../records';

export function authRoutes(): Router {
  const router = Router();
  // Per address, on top of the per-account lockout (which holds across instances).
  const limiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: 30,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) =>
      res.status(429).render('auth/sign-in', {
        title: 'Sign in',
        values: {},
        errors: { _form: 'Too many sign-in attempts from your network. Wait 15 minutes and try again.' },
        next: '',
      }),
  });
  router.get('/sign-in', signInForm);
  router.post('/sign-in', limiter, asyncHandler(signInSubmit));
  router.post('/sign-out', asyncHandler(signOut));
  router.get('/setup', asyncHandler(setupForm));
  router.post('/setup', asyncHandler(setupSubmit));
  return router;
}

/** Only same-site paths, so the sign-in page cannot be used to send people elsewhere. */
function safeNext(v: unknown): string {
  return typeof v === 'string' && /^\/(?![/\\])/.test(v) ? v : '/';
}

/** A fresh session id at sign-in (no session fixation), then the user's id in it. */
async function startSession(req: Request, user: User): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  req.session.userId = user.id;
  req.session.signedInAt = Date.now();
  await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

/** @route GET /sign-in */
function signInForm(req: Request, res: Response) {
  if (req.user) return res.redirect(303, safeNext(req.query.next));
  res.render('auth/sign-in', { title: 'Sign in', values: {}, next: safeNext(req.query.next) });
}

/** @route POST /sign-in */
async function signInSubmit(req: Request, res: Response) {
  const next = safeNext(req.body.next);
  try {
    const input = parseOrThrow(signInSchema, req.body);
    const user = await signIn(req.ctx().db, input.email, input.password);
    await startSession(req, user);
    res.redirect(303, next);
  } catch (err) {
    if (!(err instanceof ValidationError || err instanceof ForbiddenError)) throw err;
    const errors = err instanceof ValidationError ? err.fields : { email: SIGN_IN_FAILED };
    // The password is never sent back to the page.
    res
      .status(err instanceof ValidationError ? 422 : 401)
      .render('auth/sign-in', { title: 'Sign in', values: { email: req.body.email }, errors, next });
  }
}

/** @route POST /sign-out */
async function signOut(req: Request, res: Response) {
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
  res.clearCookie('realise.sid');
  res.redirect(303, '/sign-in');
}

/** @route GET /setup */
async function setupForm(req: Request, res: Response) {
  if (!(await needsSetup(req.ctx().db))) return res.redirect(303, '/sign-in');
  res.render('auth/setup', { title: 'Set up Realise', values: {} });
}

/** @route POST /setup */
async function setupSubmit(req: Request, res: Response) {
  if (!(await needsSetup(req.ctx().db))) return res.redirect(303, '/sign-in');
  try {
    const user = await createFirstAdmin(req.ctx(), parseOrThrow(setupSchema(), req.body));
    await startSession(req, user);
    res.redirect(303, '/?notice=setup-complete');
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    res.status(422).render('auth/setup', {
      title: 'Set up Realise',
      values: { email: req.body.email, name: req.body.name },
      errors: err.fields,
    });
  }
}
