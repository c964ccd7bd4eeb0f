/**
 * When post-implementation reviews fall due (issue 17), as pure functions of a project's status
 * change, today's date and the organisation's intervals. The use cases apply what they return.
 *
 * - A project reaching `live` gets a go-live review, the go-live interval after today.
 * - A project reaching `closed` gets a closure review, due today.
 * - After each completed review, while the project is live or closed and a money benefit is
 *   outstanding (see domain/reviews.ts), the next review is due the repeat interval after the
 *   day the review was held — unless another review is already scheduled.
 * - A project leaving live/closed (cancelled, or taken back into delivery) loses its scheduled,
 *   not yet completed reviews; completed ones are its history and stay.
 */
import type { ProjectStatus, ReviewKind, ReviewStatus } from '../records';

const REVIEWED: readonly ProjectStatus[] = ['live', 'closed'];

export function isReviewed(status: ProjectStatus): boolean {
  return REVIEWED.includes(status);
}

/** YYYY-MM-DD plus whole months; the day is clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map((s) => Number.parseInt(s, 10));
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface ScheduleChange {
  add: { kind: ReviewKind; dueOn: string }[];
  /** Remove every scheduled (not completed) review. */
  removeScheduled: boolean;
}

export function onStatusChange(
  before: ProjectStatus | null,
  after: ProjectStatus,
  existing: { kind: ReviewKind; status: ReviewStatus }[],
  today: string,
  goLiveMonths: number,
): ScheduleChange {
  const none: ScheduleChange = { add: [], removeScheduled: false };
  if (before === after) return none;
  if (!isReviewed(after)) return { add: [], removeScheduled: before !== null && isReviewed(before) };
  const has = (kind: ReviewKind) => existing.some((r) => r.kind === kind);
  if (after === 'live' && !has('go_live') && before !== 'closed')
    return { add: [{ kind: 'go_live', dueOn: addMonths(today, goLiveMonths) }], removeScheduled: false };
  if (after === 'closed' && !has('closure'))
    return { add: [{ kind: 'closure', dueOn: today }], removeScheduled: false };
  return none;
}

/** The next yearly review after one is completed, or null when none is due. */
export function nextAfterCompletion(o: {
  projectStatus: ProjectStatus;
  heldOn: string;
  benefitsOutstanding: boolean;
  otherScheduled: number;
  repeatMonths: number;
}): { kind: ReviewKind; dueOn: string } | null {
  if (!isReviewed(o.projectStatus) || !o.benefitsOutstanding || o.otherScheduled > 0) return null;
  return { kind: 'annual', dueOn: addMonths(o.heldOn, o.repeatMonths) };
}

/** Due: scheduled and due within this many days (or already overdue). */
export const DUE_WINDOW_DAYS = 30;

export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
