import { Router, type Request, type Response } from 'express';
import * as reviews from '../../domain/reviews';
import { NotFoundError, StaleVersionError, ValidationError } from '../../errors';
import {
  assertMayChangeSettings,
  getReviewIntervals,
  reviewIntervalsFingerprint,
  updateReviewIntervals,
  type ReviewIntervals,
} from '../../domain/settings';
import { BENEFIT_STATUSES } from '../../records';
import { todayUkIso } from '../../financial-year';
import { reviewIntervalsSchema, reviewSchema, scheduleReviewSchema } from '../../validation/reviews.schema';
import { parseOrThrow, version } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import {
  BENEFIT_STATUS_LABELS,
  presentReviewRow,
  REVIEW_KIND_LABELS,
  reviewFormValues,
  reviewsTable,
} from '../presenters/reviews';
import { downloadRoutes, sendTables, type DownloadExt } from '../download';
import { downloadLinks } from '../presenters/view-downloads';
import { formatDate } from '../presenters/format';
import { options } from '../presenters/labels';
import { asArray, submitForm } from './forms';
import { idParam, param } from '../params';

const HOLDERS = ['admin', 'finance', 'project_manager'] as const;

export function reviewsRoutes(): Router {
  const router = Router();
  router.get('/reviews', asyncHandler(index));
  downloadRoutes(router, '/reviews', download);
  router.get('/projects/:code/reviews', asyncHandler(projectReviews));
  router.post('/projects/:code/reviews', requireRole(...HOLDERS), asyncHandler(schedule));
  router.get('/reviews/:id', asyncHandler(show));
  router.get('/reviews/:id/edit', requireRole(...HOLDERS), asyncHandler(editForm));
  router.post('/reviews/:id/edit', requireRole(...HOLDERS), asyncHandler(update));
  router.get('/settings/reviews', requireRole('admin'), asyncHandler(intervalsForm));
  router.post('/settings/reviews', requireRole('admin'), asyncHandler(updateIntervals));
  return router;
}

function reviewId(req: Request): number {
  const id = idParam(param(req, 'id'));
  if (id === null) throw new NotFoundError('There is no such review');
  return id;
}

const projectPath = (code: string) => `/projects/${encodeURIComponent(code)}`;

/** @route GET /reviews — every review, or the overdue ones (?overdue=true), soonest first. */
async function index(req: Request, res: Response) {
  const overdue = req.query.overdue === 'true';
  const today = todayUkIso();
  const rows = (await reviews.listReviews(req.ctx(), { overdue })).map((r) => presentReviewRow(r, today));
  res.render('reviews/index', {
    title: overdue ? 'Overdue reviews' : 'Post-implementation reviews',
    rows,
    overdue,
    download: downloadLinks('/reviews', overdue ? 'overdue=true' : '', overdue ? 'the overdue reviews' : 'the reviews'),
  });
}

/** @route GET /reviews.csv and /reviews.xlsx — the list's rows, overdue only when the page is (issue 19). */
async function download(req: Request, res: Response, ext: DownloadExt) {
  const overdue = req.query.overdue === 'true';
  const today = todayUkIso();
  const rows = (await reviews.listReviews(req.ctx(), { overdue })).map((r) => presentReviewRow(r, today));
  await sendTables(req, res, ext, overdue ? 'reviews-overdue' : 'reviews', [reviewsTable(rows)]);
}

async function projectPage(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
  const { project, reviews: list, mayReview, today } = await reviews.listProjectReviews(req.ctx(), param(req, 'code'));
  res.status(status).render('reviews/project', {
    title: `Reviews of ${project.name}`,
    project: { code: project.code, name: project.name, href: projectPath(project.code) },
    rows: list.map((r) => presentReviewRow(r, today)),
    mayReview,
    action: `${projectPath(project.code)}/reviews`,
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: projectPath(project.code), text: project.name },
    ],
    ...extra,
  });
}

/** @route GET /projects/:code/reviews */
async function projectReviews(req: Request, res: Response) {
  await projectPage(req, res);
}

/** @route POST /projects/:code/reviews — an additional review. */
async function schedule(req: Request, res: Response) {
  const code = param(req, 'code');
  try {
    const r = await reviews.scheduleReview(req.ctx(), code, parseOrThrow(scheduleReviewSchema('form'), req.body));
    res.redirect(303, `/reviews/${r.id}?notice=review-scheduled`);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    await projectPage(req, res, 422, { values: req.body, errors: err.fields });
  }
}

function pageLocals(page: reviews.ReviewPage) {
  const { review, project } = page;
  return {
    title: `${REVIEW_KIND_LABELS[review.kind]}, due ${formatDate(review.dueOn)}`,
    review: {
      ...presentReviewRow(review, todayUkIso()),
      reviewers: review.reviewers,
      findings: review.findings,
      lessons: review.lessons,
      nextSteps: review.nextSteps,
      completedBy: review.completedBy,
      completedOn: review.completedAt ? formatDate(review.completedAt) : '',
    },
    benefits: page.benefits.map((b) => ({ ...b, statusLabel: BENEFIT_STATUS_LABELS[b.status] ?? b.status })),
    statusOptions: options(Object.fromEntries(BENEFIT_STATUSES.map((s) => [s, BENEFIT_STATUS_LABELS[s]]))),
    mayEdit: page.mayEdit,
    project: { code: project.code, name: project.name, href: projectPath(project.code) },
    action: `/reviews/${review.id}/edit`,
    breadcrumbs: [
      { href: '/projects', text: 'Projects' },
      { href: projectPath(project.code), text: project.name },
      { href: `${projectPath(project.code)}/reviews`, text: 'Reviews' },
    ],
  };
}

/** @route GET /reviews/:id */
async function show(req: Request, res: Response) {
  const page = await reviews.getReviewPage(req.ctx(), reviewId(req));
  res.render('reviews/show', pageLocals(page));
}

/** @route GET /reviews/:id/edit */
async function editForm(req: Request, res: Response) {
  const page = await reviews.assertMayEditReview(req.ctx(), reviewId(req));
  res.render('reviews/form', { ...pageLocals(page), values: reviewFormValues(page.review, page.benefits) });
}

/** The form's parallel benefit fields as the schema's list; the button decides whether it completes. */
function formInput(body: Record<string, unknown>) {
  const refs = asArray(body.benefitRef);
  const statuses = asArray(body.benefitStatus);
  const notes = asArray(body.benefitNote);
  return {
    ...body,
    benefits: refs.map((ref, i) => ({ ref, status: statuses[i] ?? '', note: notes[i] ?? '' })),
    completed: body.action === 'complete' ? 'on' : undefined,
  };
}

/** @route POST /reviews/:id/edit */
async function update(req: Request, res: Response) {
  const page = await reviews.assertMayEditReview(req.ctx(), reviewId(req));
  const body = (req.body ?? {}) as Record<string, unknown>;
  const values = {
    ...body,
    benefitRef: asArray(body.benefitRef),
    benefitStatus: asArray(body.benefitStatus),
    benefitNote: asArray(body.benefitNote),
  };
  await submitForm(req, res, {
    view: 'reviews/form',
    locals: pageLocals(page),
    values,
    save: () =>
      reviews.updateReview(
        req.ctx(),
        page.review.id,
        parseOrThrow(version('form'), body.version),
        parseOrThrow(reviewSchema('form'), formInput(body)),
      ),
    redirect: (r) => `/reviews/${r.id}?notice=${r.status === 'completed' ? 'review-completed' : 'review-saved'}`,
  });
}

// ## The organisation's review intervals (settings)

const intervalLocals = {
  title: 'Post-implementation review settings',
  action: '/settings/reviews',
  breadcrumbs: [{ href: '/settings', text: 'Settings' }],
};

/** @route GET /settings/reviews */
async function intervalsForm(req: Request, res: Response) {
  const ctx = req.ctx();
  assertMayChangeSettings(ctx);
  const s = await getReviewIntervals(ctx);
  res.render('reviews/settings', {
    ...intervalLocals,
    values: {
      goLiveMonths: String(s.goLiveMonths),
      repeatMonths: String(s.repeatMonths),
      basedOn: reviewIntervalsFingerprint(s),
    },
  });
}

/** @route POST /settings/reviews */
async function updateIntervals(req: Request, res: Response) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const basedOn = typeof body.basedOn === 'string' && body.basedOn ? body.basedOn : undefined;
  try {
    await updateReviewIntervals(req.ctx(), parseOrThrow(reviewIntervalsSchema('form'), body), basedOn);
    res.redirect(303, '/settings/reviews?notice=settings-updated');
  } catch (err) {
    if (err instanceof ValidationError) {
      res.status(422).render('reviews/settings', { ...intervalLocals, values: body, errors: err.fields });
      return;
    }
    if (err instanceof StaleVersionError) {
      const s = err.current as ReviewIntervals;
      res.status(409).render('reviews/settings', {
        ...intervalLocals,
        values: { ...body, basedOn: reviewIntervalsFingerprint(s) },
        errors: {
          _form: `Someone else changed these settings: they are now ${s.goLiveMonths} and ${s.repeatMonths} months. Check and save again.`,
        },
      });
      return;
    }
    throw err;
  }
}
