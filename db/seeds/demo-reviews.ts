/**
 * Demo post-implementation reviews (issue 17). The demo's live and closed projects got their
 * go-live and closure reviews when the seed created them (the status-change write path); here the
 * closure review of CS-004 is completed (which schedules its yearly follow-up while benefits are
 * outstanding), and CS-002's go-live review is brought forward to a month ago, so it is overdue.
 */
import { todayUkIso } from '../../server/financial-year';
import { listProjectReviews, updateReview } from '../../server/domain/reviews';
import { addDays } from '../../server/domain/review-schedule';
import { reviewSchema } from '../../server/validation/reviews.schema';
import { parseOrThrow } from '../../server/validation/fields';
import type { Ctx } from '../../server/domain/types';

export async function seedDemoReviews(ctx: Ctx): Promise<void> {
  const today = todayUkIso();
  const closed = (await listProjectReviews(ctx, 'CS-004')).reviews.find((r) => r.kind === 'closure');
  if (closed)
    await updateReview(
      ctx,
      closed.id,
      closed.version,
      parseOrThrow(reviewSchema('api'), {
        dueOn: closed.dueOn,
        heldOn: addDays(today, -14),
        reviewers: "Director of Children's Services; ICT programme manager; finance business partner",
        findings: 'Delivered to scope and two months late; the new service is used by every team.',
        lessons: 'Involve the service teams in testing from the first release.',
        nextSteps: 'Verify the 2025/26 savings against the ledger before the yearly review.',
        completed: true,
      }),
    );
  const live = (await listProjectReviews(ctx, 'CS-002')).reviews.find((r) => r.kind === 'go_live');
  if (live)
    await updateReview(
      ctx,
      live.id,
      live.version,
      parseOrThrow(reviewSchema('api'), { dueOn: addDays(today, -30), reviewers: 'ICT programme board' }),
    );
}
