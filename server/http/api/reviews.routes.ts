import { Router, type Request, type Response } from 'express';
import * as reviews from '../../domain/reviews';
import { digestLine, getDue } from '../../domain/due';
import { NotFoundError, ValidationError } from '../../errors';
import { todayUkIso } from '../../financial-year';
import { reviewSchema, scheduleReviewSchema } from '../../validation/reviews.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { jsonBody, mergePatch, sendWrite, writeVersion } from '../presenters/resources-api';
import { reviewResource } from '../presenters/reviews';
import { dueResource } from '../presenters/due';
import { idParam, param } from '../params';

const HOLDERS = ['admin', 'finance', 'project_manager'] as const;

export function reviewsApiRoutes(): Router {
  const router = Router();
  router.get('/reviews', asyncHandler(index));
  router.get('/reviews/:id', asyncHandler(show));
  router.post('/projects/:code/reviews', requireRole(...HOLDERS), asyncHandler(create));
  router.patch('/reviews/:id', requireRole(...HOLDERS), asyncHandler(update));
  router.get('/me/due', asyncHandler(due));
  return router;
}

const WRITABLE = ['dueOn', 'heldOn', 'reviewers', 'findings', 'lessons', 'nextSteps', 'benefits', 'completed'];

function reviewId(req: Request): number {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError(`There is no review ${param(req, 'id')}`);
  return id;
}

function booleanQuery(req: Request, name: string): boolean {
  const v = req.query[name];
  if (v === undefined) return false;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new ValidationError({ [name]: `${name} must be true or false` }, undefined, 400);
}

/** @route GET /api/v1/reviews?due=true&overdue=true&project=CS-001 */
async function index(req: Request, res: Response) {
  const known = new Set(['due', 'overdue', 'project']);
  for (const key of Object.keys(req.query))
    if (!known.has(key)) throw new ValidationError({ [key]: `Unknown parameter "${key}"` }, undefined, 400);
  const project = req.query.project;
  if (project !== undefined && typeof project !== 'string')
    throw new ValidationError({ project: 'project must be one project code' }, undefined, 400);
  const list = await reviews.listReviews(req.ctx(), {
    due: booleanQuery(req, 'due'),
    overdue: booleanQuery(req, 'overdue'),
    projectCode: project?.trim().toUpperCase() || undefined,
  });
  const today = todayUkIso();
  res.json({ reviews: list.map((r) => reviewResource(r, today)) });
}

/** @route GET /api/v1/reviews/:id */
async function show(req: Request, res: Response) {
  res.json(reviewResource(await reviews.getReview(req.ctx(), reviewId(req)), todayUkIso()));
}

/** @route POST /api/v1/projects/:code/reviews — an additional review, {dueOn}. */
async function create(req: Request, res: Response) {
  const input = parseOrThrow(scheduleReviewSchema('api'), jsonBody(req), 400);
  await sendWrite(res, {
    save: () => reviews.scheduleReview(req.ctx(), param(req, 'code').toUpperCase(), input),
    present: (r) => reviewResource(r, todayUkIso()),
    status: 201,
    location: (r) => `/api/v1/reviews/${r.id}`,
  });
}

/** @route PATCH /api/v1/reviews/:id — record the review; `completed: true` completes it (then read-only). */
async function update(req: Request, res: Response) {
  const { version, fields } = writeVersion(req, jsonBody(req));
  const id = reviewId(req);
  const current = async () => reviewResource(await reviews.getReview(req.ctx(), id), todayUkIso());
  const before = await current();
  const merged = mergePatch({ ...before, completed: false }, fields, WRITABLE);
  const benefits = (merged.benefits as { ref: string; status: string; note: string }[] | undefined)?.map((b) =>
    typeof b === 'object' && b !== null ? { ref: b.ref, status: b.status, note: b.note ?? '' } : b,
  );
  const input = parseOrThrow(reviewSchema('api'), { ...merged, benefits }, 400);
  await sendWrite(res, {
    save: () => reviews.updateReview(req.ctx(), id, version, input),
    present: (r) => reviewResource(r, todayUkIso()),
    current,
  });
}

/** @route GET /api/v1/me/due — the signed-in user's due lists, as on their home page. */
async function due(req: Request, res: Response) {
  const d = await getDue(req.ctx());
  res.json(dueResource(d, digestLine(d)));
}
