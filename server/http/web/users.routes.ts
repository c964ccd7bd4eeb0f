import { Router, type Request, type Response } from 'express';
import {
  createUser,
  getUser,
  listApiTokens,
  listUsers,
  revokeApiToken,
  setPassword,
  updateUser,
} from '../../domain/users';
import { directorateIdsForCodes, listDirectorates } from '../../domain/directorates';
import { assertMayManageUsers } from '../../domain/permissions';
import { NotFoundError } from '../../errors';
import { parseOrThrow, version } from '../../validation/fields';
import { editUserSchema, newUserSchema } from '../../validation/users.schema';
import { z } from 'zod';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  presentTokens,
  presentUserConflict,
  presentUserRow,
  ROLE_HINTS,
  ROLE_LABELS,
  userFormValues,
  usersTable,
} from '../presenters/users';
import { submitForm } from './forms';
import { idParam, param } from '../params';
import { downloadRoutes, sendTables, type DownloadExt } from '../download';
import { downloadLinks } from '../presenters/view-downloads';

export function usersRoutes(): Router {
  const router = Router();
  router.use('/users', requireRole('admin'));
  router.get('/users', asyncHandler(index));
  // router.use('/users') does not cover /users.csv: the role is asked for here too.
  downloadRoutes(router, '/users', requireRole('admin'), download);
  router.get('/users/new', asyncHandler(newForm));
  router.post('/users', asyncHandler(create));
  router.get('/users/:id/edit', asyncHandler(editForm));
  router.post('/users/:id/edit', asyncHandler(update));
  router.post('/users/:id/password', asyncHandler(resetPassword));
  router.post('/users/:id/tokens/:tokenId/revoke', asyncHandler(revokeToken));
  return router;
}

const crumbs = [{ href: '/users', text: 'Users' }];

async function formLocals(req: Request, title: string, action: string) {
  const directorates = await listDirectorates(req.ctx());
  return {
    title,
    action,
    breadcrumbs: crumbs,
    roleOptions: Object.entries(ROLE_LABELS).map(([value, text]) => ({ value, text, hint: ROLE_HINTS[value] })),
    directorateOptions: directorates.map((d) => ({ value: d.code, text: `${d.name} (${d.code})` })),
  };
}

function userId(req: Request): number {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError('There is no such user');
  return id;
}

/** @route GET /users */
async function index(req: Request, res: Response) {
  const [users, directorates] = await Promise.all([listUsers(req.ctx()), listDirectorates(req.ctx())]);
  res.render('users/index', {
    title: 'Users',
    users: users.map((u) => presentUserRow(u, directorates)),
    download: downloadLinks('/users', '', 'the users'),
  });
}

/** @route GET /users.csv and /users.xlsx — the list's rows (issue 19); administrators only, as the page. */
async function download(req: Request, res: Response, ext: DownloadExt) {
  const [users, directorates] = await Promise.all([listUsers(req.ctx()), listDirectorates(req.ctx())]);
  await sendTables(req, res, ext, 'users', [usersTable(users.map((u) => presentUserRow(u, directorates)))]);
}

/** @route GET /users/new */
async function newForm(req: Request, res: Response) {
  assertMayManageUsers(req.ctx());
  res.render('users/form', {
    ...(await formLocals(req, 'Add a user', '/users')),
    isNew: true,
    values: { role: 'scrutiny', directorates: [] },
  });
}

/** @route POST /users */
async function create(req: Request, res: Response) {
  await submitForm(req, res, {
    view: 'users/form',
    locals: { ...(await formLocals(req, 'Add a user', '/users')), isNew: true },
    values: { ...req.body, password: '' },
    save: async () => {
      const input = parseOrThrow(newUserSchema('form'), req.body);
      return createUser(req.ctx(), {
        ...input,
        directorateIds: input.role === 'finance' ? await directorateIdsForCodes(req.ctx(), input.directorates) : [],
      });
    },
    redirect: () => '/users?notice=user-created',
  });
}

/** @route GET /users/:id/edit */
async function editForm(req: Request, res: Response) {
  assertMayManageUsers(req.ctx());
  const user = await getUser(req.ctx(), userId(req));
  const directorates = await listDirectorates(req.ctx());
  const tokens = presentTokens(await listApiTokens(req.ctx(), user.id));
  res.render('users/form', {
    ...(await formLocals(req, `Edit ${user.name}`, `/users/${user.id}/edit`)),
    isNew: false,
    user: { id: user.id, email: user.email },
    tokens,
    values: userFormValues(user, directorates),
  });
}

/** @route POST /users/:id/edit */
async function update(req: Request, res: Response) {
  const user = await getUser(req.ctx(), userId(req));
  await submitForm(req, res, {
    view: 'users/form',
    locals: {
      ...(await formLocals(req, `Edit ${user.name}`, `/users/${user.id}/edit`)),
      isNew: false,
      user: { id: user.id, email: user.email },
      tokens: presentTokens(await listApiTokens(req.ctx(), user.id)),
    },
    save: async () => {
      const input = parseOrThrow(editUserSchema('form'), req.body);
      const directorateIds = await directorateIdsForCodes(req.ctx(), input.directorates);
      return updateUser(req.ctx(), user.id, parseOrThrow(version('form'), req.body.version), {
        ...input,
        directorateIds,
      });
    },
    redirect: () => '/users?notice=user-updated',
    presentCurrent: presentUserConflict,
  });
}

/** @route POST /users/:id/password */
async function resetPassword(req: Request, res: Response) {
  const user = await getUser(req.ctx(), userId(req));
  await submitForm(req, res, {
    view: 'users/form',
    locals: {
      ...(await formLocals(req, `Edit ${user.name}`, `/users/${user.id}/edit`)),
      isNew: false,
      user: { id: user.id, email: user.email },
      tokens: presentTokens(await listApiTokens(req.ctx(), user.id)),
    },
    values: { ...userFormValues(user, await listDirectorates(req.ctx())) },
    save: () =>
      setPassword(req.ctx(), user.id, parseOrThrow(z.object({ password: z.string().max(200) }), req.body).password),
    redirect: () => '/users?notice=password-reset',
  });
}

/** @route POST /users/:id/tokens/:tokenId/revoke */
async function revokeToken(req: Request, res: Response) {
  const tokenId = idParam(param(req, 'tokenId'));
  if (tokenId === null) throw new NotFoundError('There is no such token');
  await revokeApiToken(req.ctx(), userId(req), tokenId);
  res.redirect(303, `/users/${userId(req)}/edit?notice=token-revoked`);
}
