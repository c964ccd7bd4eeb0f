import { Router, type Request, type Response } from 'express';
import {
  addBenefit,
  deleteBenefit,
  getBenefit,
  listBenefits,
  replaceBenefitProfile,
  updateBenefit,
} from '../../domain/benefits';
import { benefitSchema, profileOnlySchema } from '../../validation/benefits.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  assertNoFields,
  benefitResource,
  jsonBody,
  mergePatch,
  sendWrite,
  writeVersion,
} from '../presenters/resources-api';
import { param } from '../params';

export function benefitsApiRoutes(): Router {
  const router = Router();
  const one = '/projects/:code/benefits/:ref';
  router.get('/projects/:code/benefits', asyncHandler(index));
  router.post('/projects/:code/benefits', requireRole('admin', 'finance'), asyncHandler(create));
  router.get(one, asyncHandler(show));
  router.patch(one, requireRole('admin', 'finance'), asyncHandler(update));
  router.delete(one, requireRole('admin', 'finance'), asyncHandler(destroy));
  router.put(`${one}/profile`, requireRole('admin', 'finance'), asyncHandler(replaceProfile));
  return router;
}

const WRITABLE = Object.keys(benefitSchema('api').shape);
const current = (req: Request) => async () =>
  benefitResource(await getBenefit(req.ctx(), param(req, 'code'), param(req, 'ref')));
const location = (b: { project: { code: string }; benefit: { ref: string } }) =>
  `/api/v1/projects/${b.project.code}/benefits/${b.benefit.ref}`;

/** @route GET /api/v1/projects/:code/benefits */
async function index(req: Request, res: Response) {
  res.json({ benefits: (await listBenefits(req.ctx(), param(req, 'code'))).map(benefitResource) });
}

/** @route POST /api/v1/projects/:code/benefits */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(benefitSchema('api'), jsonBody(req), 400);
  await sendWrite(res, {
    save: () => addBenefit(req.ctx(), param(req, 'code'), input),
    present: benefitResource,
    status: 201,
    location,
  });
}

/** @route GET /api/v1/projects/:code/benefits/:ref */
async function show(req: Request, res: Response) {
  res.json(await current(req)());
}

/** @route PATCH /api/v1/projects/:code/benefits/:ref */
async function update(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const input = parseOrThrow(benefitSchema('api'), mergePatch(await current(req)(), fields, WRITABLE), 400);
  await sendWrite(res, {
    save: () => updateBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'), version, input),
    present: benefitResource,
    current: current(req),
  });
}

/** @route DELETE /api/v1/projects/:code/benefits/:ref */
async function destroy(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req, true));
  assertNoFields(fields);
  await sendWrite(res, {
    save: () => deleteBenefit(req.ctx(), param(req, 'code'), param(req, 'ref'), version),
    current: current(req),
  });
}

/** @route PUT /api/v1/projects/:code/benefits/:ref/profile */
async function replaceProfile(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const { profile } = parseOrThrow(profileOnlySchema('api'), fields, 400);
  // The whole benefit is checked too, for the rules that span fields (C5: qualitative → no money).
  parseOrThrow(benefitSchema('api'), mergePatch(await current(req)(), { profile: fields.profile }, WRITABLE), 400);
  await sendWrite(res, {
    save: () => replaceBenefitProfile(req.ctx(), param(req, 'code'), param(req, 'ref'), version, { profile }),
    present: benefitResource,
    current: current(req),
  });
}
