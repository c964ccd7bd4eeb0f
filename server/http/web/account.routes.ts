import { Router, type Request, type Response } from 'express';
import { createApiToken, listApiTokens, revokeApiToken, setPassword, signOutEverywhere } from '../../domain/users';
import { NotFoundError, ValidationError } from '../../errors';
import { parseOrThrow } from '../../validation/fields';
import { changePasswordSchema, newTokenSchema } from '../../validation/users.schema';
import { asyncHandler } from '../middleware/async-handler';
import { presentTokens, ROLE_LABELS } from '../presenters/users';
import { idParam, param } from '../params';

export function accountRoutes(): Router {
  const router = Router();
  router.get('/account', asyncHandler(show));
  router.post('/account/password', asyncHandler(changePassword));
  router.post('/account/tokens', asyncHandler(createToken));
  router.post('/account/tokens/:id/revoke', asyncHandler(revokeToken));
  router.post('/account/sign-out-everywhere', asyncHandler(signOutAll));
  return router;
}

async function page(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
  const user = req.user!;
  const tokens = await listApiTokens(req.ctx(), user.id);
  res.status(status).render('account/index', {
    title: 'Your account',
    me: { name: user.name, email: user.email, role: ROLE_LABELS[user.role] },
    tokens: presentTokens(tokens),
    newToken: null,
    values: { expiresInDays: '90' },
    ...extra,
  });
}

/** @route GET /account */
async function show(req: Request, res: Response) {
  await page(req, res, {
    notice:
      req.query.notice === 'password-changed'
        ? 'Password changed. Other sessions have been signed out.'
        : req.query.notice === 'signed-out-elsewhere'
          ? 'Signed out everywhere else.'
          : res.locals.notice,
  });
}

/** @route POST /account/password */
async function changePassword(req: Request, res: Response) {
  try {
    const input = parseOrThrow(changePasswordSchema, req.body);
    await setPassword(req.ctx(), req.user!.id, input.password, input.currentPassword);
    // setPassword signed out every session, this one too: start a fresh one.
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    req.session.userId = req.user!.id;
    req.session.signedInAt = Date.now();
    res.redirect(303, '/account?notice=password-changed');
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    await page(req, res, { errors: err.fields }, 422);
  }
}

/** @route POST /account/tokens */
async function createToken(req: Request, res: Response) {
  try {
    const input = parseOrThrow(newTokenSchema, req.body);
    const days = input.expiresInDays === 'never' ? null : Number.parseInt(input.expiresInDays, 10);
    const { token } = await createApiToken(req.ctx(), req.user!.id, input.name, days);
    // Shown once, never stored in clear.
    await page(req, res, { newToken: token }, 201);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    await page(req, res, { errors: err.fields, values: req.body }, 422);
  }
}

/** @route POST /account/tokens/:id/revoke */
async function revokeToken(req: Request, res: Response) {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError('There is no such token');
  await revokeApiToken(req.ctx(), req.user!.id, id);
  res.redirect(303, '/account?notice=token-revoked#tokens');
}

/** @route POST /account/sign-out-everywhere */
async function signOutAll(req: Request, res: Response) {
  await signOutEverywhere(req.ctx().db, req.user!.id);
  res.clearCookie('realise.sid');
  res.redirect(303, '/sign-in');
}
