/**
 * Post-implementation reviews (issue 17). The schedule is kept by the project status-change write
 * path (createProject / updateProject call `keepReviewSchedule` in their transaction, so the form,
 * the API and anything else that changes a status schedule the same reviews); see
 * review-schedule.ts for when reviews fall due. A review is recorded (date held, reviewers,
 * findings, lessons, each benefit's status, next steps) and, once completed, is read-only.
 */
import { inTransaction, type Db } from '../knex';
import * as reviewsRepo from '../repositories/reviews';
import * as benefitsRepo from '../repositories/benefits';
import * as directoratesRepo from '../repositories/directorates';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../errors';
import { todayUkIso } from '../financial-year';
import type { Project, ProjectStatus, Review, ReviewBenefitStatus, ReviewKind } from '../records';
import type { ReviewInput, ScheduleReviewInput } from '../validation/reviews.schema';
import { audit } from './audit';
import { canEditDirectorate, hasRole, managedProjectIds } from './permissions';
import { getProject } from './projects';
import { getReviewIntervals } from './settings';
import { addDays, DUE_WINDOW_DAYS, nextAfterCompletion, onStatusChange } from './review-schedule';
import type { Ctx } from './types';
import type { Actor } from '../records';

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  go_live: 'Post-go-live review',
  closure: 'Closure review',
  annual: 'Yearly benefits review',
  ad_hoc: 'Additional review',
};

function reviewSnapshot(r: Review) {
  return {
    kind: r.kind,
    dueOn: r.dueOn,
    status: r.status,
    heldOn: r.heldOn,
    reviewers: r.reviewers,
    findings: r.findings,
    lessons: r.lessons,
    nextSteps: r.nextSteps,
    benefits: r.benefitStatuses,
  };
}

async function addReview(trx: Db, ctx: Ctx, project: Pick<Project, 'id' | 'code'>, kind: ReviewKind, dueOn: string) {
  const id = await reviewsRepo.insert(trx, project.id, kind, dueOn);
  const created = (await reviewsRepo.findById(trx, id))!;
  await audit(trx, ctx, {
    action: 'created',
    entityType: 'review',
    entityId: `${project.code}/review/${id}`,
    projectId: project.id,
    summary: `${REVIEW_KIND_LABELS[kind]} of ${project.code} scheduled for ${dueOn}`,
    after: reviewSnapshot(created),
  });
  return created;
}

/**
 * Called by every write that sets a project's status, inside its transaction: schedules the
 * go-live or closure review, or removes scheduled reviews when the project leaves live/closed.
 */
export async function keepReviewSchedule(
  trx: Db,
  ctx: Ctx,
  project: Pick<Project, 'id' | 'code'>,
  before: ProjectStatus | null,
  after: ProjectStatus,
): Promise<void> {
  if (before === after) return;
  const existing = await reviewsRepo.kindsOf(trx, project.id);
  const { goLiveMonths } = await getReviewIntervals({ db: trx });
  const change = onStatusChange(before, after, existing, todayUkIso(), goLiveMonths);
  if (change.removeScheduled) {
    const removed = await reviewsRepo.removeScheduled(trx, project.id);
    if (removed.length)
      await audit(trx, ctx, {
        action: 'deleted',
        entityType: 'review',
        entityId: `${project.code}/review/${removed.join(',')}`,
        projectId: project.id,
        summary: `Scheduled reviews of ${project.code} removed: the project is now ${after.replace('_', ' ')}`,
      });
  }
  for (const a of change.add) await addReview(trx, ctx, project, a.kind, a.dueOn);
}

// ## Who may

/** Reviews are held by the project's managers with finance: admin, finance in scope, or a named project manager. */
async function mayHoldReview(actor: Actor, db: Db, project: Pick<Project, 'id' | 'directorateId'>): Promise<boolean> {
  if (hasRole(actor, 'admin') || canEditDirectorate(actor, project.directorateId)) return true;
  return (await managedProjectIds(actor, db)).has(project.id);
}

async function assertMayHoldReview(ctx: Pick<Ctx, 'actor'>, db: Db, project: Project): Promise<void> {
  if (!(await mayHoldReview(ctx.actor, db, project)))
    throw new ForbiddenError(
      `Only an administrator, a finance partner for its directorate or a project manager of ${project.code} can record its reviews`,
    );
}

/** For pages: may this user schedule and record reviews of the project? */
export async function mayReviewProject(ctx: Ctx, project: Project): Promise<boolean> {
  return mayHoldReview(ctx.actor, ctx.db, project);
}

/** The API and pages address reviews by id. */
export async function getReview(ctx: Ctx | { db: Db }, id: number): Promise<Review> {
  const r = await reviewsRepo.findById(ctx.db, id);
  if (!r) throw new NotFoundError(`There is no review ${id}`);
  return r;
}

export interface ReviewPage {
  review: Review;
  project: Project;
  /** The benefits to give a status for: those saved on the review, else the project's current ones. */
  benefits: ReviewBenefitStatus[];
  mayEdit: boolean;
  overdue: boolean;
}

export async function getReviewPage(ctx: Ctx, id: number): Promise<ReviewPage> {
  const review = await getReview(ctx, id);
  const project = await getProject(ctx, review.projectCode);
  const current = (await benefitsRepo.listByProject(ctx.db, project.id)).map((b) => ({
    ref: b.ref,
    title: b.title,
    status: b.status,
    note: '',
  }));
  const saved = new Map(review.benefitStatuses.map((b) => [b.ref, b]));
  const benefits =
    review.status === 'completed' ? review.benefitStatuses : current.map((b) => ({ ...b, ...saved.get(b.ref) }));
  const mayEdit = review.status === 'scheduled' && (await mayHoldReview(ctx.actor, ctx.db, project));
  return { review, project, benefits, mayEdit, overdue: isOverdue(review, todayUkIso()) };
}

export function isOverdue(r: Pick<Review, 'status' | 'dueOn'>, today: string): boolean {
  return r.status === 'scheduled' && r.dueOn < today;
}

export function isDue(r: Pick<Review, 'status' | 'dueOn'>, today: string): boolean {
  return r.status === 'scheduled' && r.dueOn <= addDays(today, DUE_WINDOW_DAYS);
}

export async function listProjectReviews(ctx: Ctx, code: string) {
  const project = await getProject(ctx, code);
  const reviews = await reviewsRepo.listByProject(ctx.db, project.id);
  return { project, reviews, mayReview: await mayHoldReview(ctx.actor, ctx.db, project), today: todayUkIso() };
}

export interface ReviewQuery {
  due?: boolean;
  overdue?: boolean;
  projectCode?: string;
}

/** Reviews for the API's list: any signed-in user may read them, like the projects they belong to. */
export async function listReviews(ctx: Ctx, q: ReviewQuery): Promise<Review[]> {
  const today = todayUkIso();
  const projectIds = q.projectCode ? [(await getProject(ctx, q.projectCode)).id] : undefined;
  return reviewsRepo.list(ctx.db, {
    projectIds,
    ...(q.due ? { dueBy: addDays(today, DUE_WINDOW_DAYS) } : {}),
    ...(q.overdue ? { dueBefore: today } : {}),
  });
}

// ## Writes

/** An additional review, on top of those the status changes schedule. */
export async function scheduleReview(ctx: Ctx, code: string, input: ScheduleReviewInput): Promise<Review> {
  return inTransaction(ctx.db, async (trx) => {
    const project = await getProject({ db: trx }, code);
    await assertMayHoldReview(ctx, trx, project);
    return addReview(trx, ctx, project, 'ad_hoc', input.dueOn);
  });
}

function completionProblems(input: ReviewInput, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!input.completed) {
    if (input.heldOn && input.heldOn > today) problems.heldOn = 'The date the review was held cannot be in the future';
    return problems;
  }
  if (!input.heldOn) problems.heldOn = 'Enter the date the review was held to complete it';
  else if (input.heldOn > today) problems.heldOn = 'The date the review was held cannot be in the future';
  if (!input.reviewers) problems.reviewers = 'Enter who reviewed the project to complete the review';
  if (!input.findings) problems.findings = 'Enter the findings to complete the review';
  return problems;
}

/** The benefit lines must name the project's own benefits, each once. */
async function benefitLines(trx: Db, projectId: number, input: ReviewInput): Promise<ReviewBenefitStatus[]> {
  const benefits = new Map((await benefitsRepo.listByProject(trx, projectId)).map((b) => [b.ref, b]));
  const seen = new Set<string>();
  const out: ReviewBenefitStatus[] = [];
  for (const [i, line] of input.benefits.entries()) {
    const b = benefits.get(line.ref);
    if (!b || seen.has(line.ref))
      throw new ValidationError({
        [`benefits.${i}.ref`]: `${line.ref} is not a benefit of this project, or is repeated`,
      });
    seen.add(line.ref);
    out.push({ ref: b.ref, title: b.title, status: line.status, note: line.note });
  }
  return out;
}

/**
 * Records a review; with `completed`, completes it (it is then read-only) and, while money
 * benefits are outstanding, schedules the next yearly one.
 */
export async function updateReview(ctx: Ctx, id: number, version: number, input: ReviewInput): Promise<Review> {
  return inTransaction(ctx.db, async (trx) => {
    const current = await getReview({ db: trx }, id);
    const project = await getProject({ db: trx }, current.projectCode);
    await assertMayHoldReview(ctx, trx, project);
    if (current.status === 'completed')
      throw new ConflictError('This review is completed: it can no longer be changed');
    const today = todayUkIso();
    const problems = completionProblems(input, today);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    const lines = await benefitLines(trx, project.id, input);
    const write = { ...input, benefitStatuses: lines };
    if (!(await reviewsRepo.update(trx, id, version, write))) throw new StaleVersionError(current);
    if (input.completed) await reviewsRepo.markCompleted(trx, id, { userId: ctx.actor.id, label: ctx.actor.label });
    const saved = (await reviewsRepo.findById(trx, id))!;
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'review',
      entityId: `${project.code}/review/${id}`,
      projectId: project.id,
      summary: `${REVIEW_KIND_LABELS[saved.kind]} of ${project.code} ${input.completed ? 'completed' : 'recorded'}`,
      before: reviewSnapshot(current),
      after: reviewSnapshot(saved),
    });
    if (input.completed) await scheduleNext(trx, ctx, project, saved);
    return saved;
  });
}

async function scheduleNext(trx: Db, ctx: Ctx, project: Project, done: Review): Promise<void> {
  const others = (await reviewsRepo.kindsOf(trx, project.id)).filter((r) => r.status === 'scheduled').length;
  const outstanding = await reviewsRepo.outstandingMoneyBenefits(trx, project.id);
  const { repeatMonths } = await getReviewIntervals({ db: trx });
  const next = nextAfterCompletion({
    projectStatus: project.status,
    heldOn: done.heldOn!,
    benefitsOutstanding: outstanding.length > 0,
    otherScheduled: others,
    repeatMonths,
  });
  if (next) await addReview(trx, ctx, project, next.kind, next.dueOn);
}

/** For forms: refused as the write would be (a completed review, or someone who may not hold it). */
export async function assertMayEditReview(ctx: Ctx, id: number): Promise<ReviewPage> {
  const page = await getReviewPage(ctx, id);
  await assertMayHoldReview(ctx, ctx.db, page.project);
  if (page.review.status === 'completed')
    throw new ConflictError('This review is completed: it can no longer be changed');
  return page;
}

export async function assertMayScheduleReview(ctx: Ctx, code: string): Promise<Project> {
  const project = await getProject(ctx, code);
  await assertMayHoldReview(ctx, ctx.db, project);
  return project;
}

/** The codes, among these projects, of those with a review overdue (the project list's flag): one indexed query. */
export async function overdueReviewCodes(ctx: Ctx, projects: Pick<Project, 'id' | 'code'>[]): Promise<string[]> {
  if (!projects.length) return [];
  const ids = await reviewsRepo.overdueProjectIds(
    ctx.db,
    todayUkIso(),
    projects.map((p) => p.id),
  );
  return projects.filter((p) => ids.has(p.id)).map((p) => p.code);
}

export interface ReviewsReport {
  today: string;
  overdue: Review[];
  dueSoon: number;
  completedThisYear: number;
}

/** The board report's section (issue 17): overdue reviews in scope, those due within 30 days, and those completed in the last year. */
export async function getReviewsReport(ctx: Ctx, f: { directorateCode?: string }): Promise<ReviewsReport> {
  const today = todayUkIso();
  let directorateIds: number[] | undefined;
  if (f.directorateCode) {
    const d = await directoratesRepo.findByCode(ctx.db, f.directorateCode);
    directorateIds = d ? [d.id] : [];
  }
  const overdue = await reviewsRepo.list(ctx.db, { directorateIds, dueBefore: today });
  const soon = await reviewsRepo.list(ctx.db, { directorateIds, dueBy: addDays(today, DUE_WINDOW_DAYS) });
  const done = await reviewsRepo.list(ctx.db, { directorateIds, status: 'completed' });
  const yearAgo = addDays(today, -365);
  return {
    today,
    overdue,
    dueSoon: soon.length - overdue.length,
    completedThisYear: done.filter((r) => (r.heldOn ?? '') >= yearAgo).length,
  };
}
