/** Post-implementation reviews (issue 17) for pages and the API: labels, dates, overdue flags. */
import type { Review, ReviewKind } from '../../records';
import type { ReviewsReport } from '../../domain/reviews';
import { formatDate } from './format';
import { BENEFIT_STATUS_LABELS } from './labels';
import type { TableSpec } from '../../io/write-table';
import { col } from './view-downloads';

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  go_live: 'Post-go-live review',
  closure: 'Closure review',
  annual: 'Yearly benefits review',
  ad_hoc: 'Additional review',
};

export { BENEFIT_STATUS_LABELS };

export interface ReviewRowVm {
  id: number;
  href: string;
  editHref: string;
  projectCode: string;
  projectName: string;
  projectHref: string;
  kind: string;
  due: string;
  dueOn: string;
  status: string;
  held: string;
  overdue: boolean;
  completed: boolean;
}

export function presentReviewRow(r: Review, today: string): ReviewRowVm {
  const overdue = r.status === 'scheduled' && r.dueOn < today;
  return {
    id: r.id,
    href: `/reviews/${r.id}`,
    editHref: `/reviews/${r.id}/edit`,
    projectCode: r.projectCode,
    projectName: r.projectName,
    projectHref: `/projects/${encodeURIComponent(r.projectCode)}`,
    kind: REVIEW_KIND_LABELS[r.kind],
    due: formatDate(r.dueOn),
    dueOn: r.dueOn,
    status: r.status === 'completed' ? 'Completed' : overdue ? 'Overdue' : 'Scheduled',
    held: r.heldOn ? formatDate(r.heldOn) : '',
    overdue,
    completed: r.status === 'completed',
  };
}

/** The API's representation: dates as YYYY-MM-DD, with the overdue flag worked out as at today (UK). */
export function reviewResource(r: Review, today: string) {
  return {
    id: r.id,
    projectCode: r.projectCode,
    kind: r.kind,
    dueOn: r.dueOn,
    status: r.status,
    overdue: r.status === 'scheduled' && r.dueOn < today,
    heldOn: r.heldOn,
    reviewers: r.reviewers,
    findings: r.findings,
    lessons: r.lessons,
    nextSteps: r.nextSteps,
    benefits: r.benefitStatuses.map((b) => ({ ref: b.ref, title: b.title, status: b.status, note: b.note })),
    completedAt: r.completedAt,
    completedBy: r.status === 'completed' ? r.completedBy : null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The form's values from a stored review (benefit lines as parallel fields). */
export function reviewFormValues(r: Review, benefits: { ref: string; status: string; note: string }[]) {
  return {
    dueOn: r.dueOn,
    heldOn: r.heldOn ?? '',
    reviewers: r.reviewers,
    findings: r.findings,
    lessons: r.lessons,
    nextSteps: r.nextSteps,
    benefitRef: benefits.map((b) => b.ref),
    benefitStatus: benefits.map((b) => b.status),
    benefitNote: benefits.map((b) => b.note),
    version: String(r.version),
  };
}

/** The board report's reviews section (views/reports/_reviews.ejs). */
export function presentReviewsReport(r: ReviewsReport) {
  const n = (k: number, one: string, many: string) => `${k.toLocaleString('en-GB')} ${k === 1 ? one : many}`;
  return {
    summary: `${n(r.overdue.length, 'review is', 'reviews are')} overdue, ${n(r.dueSoon, 'is', 'are')} due in the next 30 days, and ${n(r.completedThisYear, 'was', 'were')} completed in the last year.`,
    overdue: r.overdue.map((x) => presentReviewRow(x, r.today)),
  };
}

/** "Download this view" of the reviews list (issue 19): its rows, readable headings. */
export function reviewsTable(rows: ReviewRowVm[]): TableSpec {
  return {
    name: 'Reviews',
    columns: [col('Project code'), col('Project'), col('Review'), col('Due'), col('Status'), col('Held')],
    rows: [rows.map((r) => [r.projectCode, r.projectName, r.kind, r.dueOn, r.status, r.held])],
  };
}
