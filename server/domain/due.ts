/**
 * "What's due" (issue 17): each role's home and `GET /api/v1/me/due`, and the digest built from
 * them. Project managers see their projects' realisations due, stale re-forecasts and reviews due;
 * finance partners their directorates' realisations awaiting verification (C10), cost lines not
 * updated this quarter and projects over budget; scrutiny and administrators the exception counts
 * across the portfolio. Every list is a set-based read over indexed columns or the C8 headlines.
 */
import type { Db } from '../knex';
import * as dueRepo from '../repositories/due';
import * as reviewsRepo from '../repositories/reviews';
import * as headlinesRepo from '../repositories/headlines';
import * as directoratesRepo from '../repositories/directorates';
import * as projectsRepo from '../repositories/projects';
import type { DueScope } from '../repositories/due';
import { currentFy, todayUkIso } from '../financial-year';
import type { Decimal } from '../money';
import type { Actor, Directorate, Project, Review } from '../records';
import { managedProjectIds } from './permissions';
import { memoised } from './read-memo';
import { ensureHeadlines } from './headlines';
import { getOrgSettings } from './settings';
import { addDays, addMonths, DUE_WINDOW_DAYS } from './review-schedule';
import type { Ctx } from './types';

export type { RealisationDue, ReforecastDue, AwaitingVerification, StaleCosts } from '../repositories/due';

/** Lists stop here; their counts are exact. */
export const DUE_LIST_LIMIT = 50;

export interface DueList<T> {
  items: T[];
  count: number;
}

export interface OverBudget {
  project: Project;
  planned: Decimal;
  actual: Decimal;
  variance: Decimal;
}

export interface ExceptionCounts {
  realisationsDue: number;
  reforecastsDue: number;
  reviewsDue: number;
  reviewsOverdue: number;
  awaitingVerification: number;
  staleCosts: number;
  overBudget: number;
}

export interface DueToday {
  role: Actor['role'];
  today: string;
  /** A project manager's projects. */
  projects?: Project[];
  realisationsDue?: DueList<dueRepo.RealisationDue>;
  reforecastsDue?: DueList<dueRepo.ReforecastDue>;
  reviewsDue?: DueList<Review>;
  /** A finance partner's directorates. */
  directorates?: Directorate[];
  awaitingVerification?: DueList<dueRepo.AwaitingVerification>;
  staleCosts?: DueList<dueRepo.StaleCosts>;
  overBudget?: DueList<OverBudget>;
  /** Scrutiny and administrators: counts across the portfolio. */
  exceptions?: ExceptionCounts;
}

/** The start of the current quarter (Apr, Jul, Oct, Jan: financial quarters start with calendar ones). */
export function quarterStart(today: string): string {
  const [y, m] = today.split('-').map((s) => Number.parseInt(s, 10));
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(first).padStart(2, '0')}-01`;
}

async function reviewsDue(db: Db, s: DueScope, today: string): Promise<DueList<Review>> {
  const all = await reviewsRepo.list(db, { ...s, dueBy: addDays(today, DUE_WINDOW_DAYS) });
  return { items: all.slice(0, DUE_LIST_LIMIT), count: all.length };
}

async function overBudget(db: Db, directorateIds: number[] | undefined): Promise<DueList<OverBudget>> {
  const org = await getOrgSettings({ db });
  const fy = currentFy();
  await ensureHeadlines(db, org, fy);
  const over = (await headlinesRepo.overBudgetCandidates(db, directorateIds, fy)).filter((h) => h.variance.gt(0));
  const listed = over.slice(0, DUE_LIST_LIMIT);
  const projects = new Map(
    (
      await projectsRepo.listByIds(
        db,
        listed.map((h) => h.projectId),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    items: listed.map(({ projectId, ...figures }) => ({ project: projects.get(projectId)!, ...figures })),
    count: over.length,
  };
}

async function forManager(db: Db, actor: Actor, today: string): Promise<DueToday> {
  const ids = [...(await managedProjectIds(actor, db))];
  const s: DueScope = { projectIds: ids };
  const fy = currentFy();
  const staleBefore = addMonths(today, -3);
  return {
    role: actor.role,
    today,
    projects: (await projectsRepo.listByIds(db, ids)).sort((a, b) => (a.code < b.code ? -1 : 1)),
    realisationsDue: {
      items: await dueRepo.realisationsDue(db, s, fy, DUE_LIST_LIMIT),
      count: await dueRepo.countRealisationsDue(db, s, fy),
    },
    reforecastsDue: {
      items: await dueRepo.reforecastsDue(db, s, staleBefore, DUE_LIST_LIMIT),
      count: await dueRepo.countReforecastsDue(db, s, staleBefore),
    },
    reviewsDue: await reviewsDue(db, s, today),
  };
}

async function forFinance(db: Db, actor: Actor, today: string): Promise<DueToday> {
  const directorateIds = actor.directorateIds.length ? actor.directorateIds : undefined;
  const s: DueScope = { directorateIds };
  const since = quarterStart(today);
  const all = await directoratesRepo.listAll(db);
  return {
    role: actor.role,
    today,
    directorates: directorateIds ? all.filter((d) => directorateIds.includes(d.id)) : all,
    awaitingVerification: {
      items: await dueRepo.awaitingVerification(db, s, actor.id, DUE_LIST_LIMIT),
      count: await dueRepo.countAwaitingVerification(db, s, actor.id),
    },
    staleCosts: {
      items: await dueRepo.staleCosts(db, s, since, DUE_LIST_LIMIT),
      count: await dueRepo.countStaleCosts(db, s, since),
    },
    overBudget: await overBudget(db, directorateIds),
  };
}

async function exceptionCounts(db: Db, actor: Actor, today: string): Promise<ExceptionCounts> {
  const all: DueScope = {};
  const dueBy = addDays(today, DUE_WINDOW_DAYS);
  return {
    realisationsDue: await dueRepo.countRealisationsDue(db, all, currentFy()),
    reforecastsDue: await dueRepo.countReforecastsDue(db, all, addMonths(today, -3)),
    reviewsDue: (await reviewsRepo.list(db, { dueBy })).length,
    reviewsOverdue: await reviewsRepo.countOverdue(db, today),
    awaitingVerification: await dueRepo.countAwaitingVerification(db, all, actor.role === 'admin' ? actor.id : null),
    staleCosts: await dueRepo.countStaleCosts(db, all, quarterStart(today)),
    overBudget: (await overBudget(db, undefined)).count,
  };
}

/**
 * What is due for the signed-in user, by role. Memoised until the next write (and the next day):
 * the lists depend on the ledger, the reviews and today's date only.
 */
export async function getDue(ctx: Ctx): Promise<DueToday> {
  const { actor, db } = ctx;
  const today = todayUkIso();
  const key = `due ${actor.role} ${actor.id} ${actor.directorateIds.join(',')} ${today}`;
  return memoised(db, key, async () => {
    if (actor.role === 'project_manager') return forManager(db, actor, today);
    if (actor.role === 'finance') return forFinance(db, actor, today);
    return { role: actor.role, today, exceptions: await exceptionCounts(db, actor, today) };
  });
}

/** The digest line's parts: "3 realisations due, 1 review overdue" (nothing when nothing is due). */
export interface DigestPart {
  count: number;
  one: string;
  many: string;
}

export function digestParts(due: DueToday): DigestPart[] {
  const today = due.today;
  const overdue = (due.reviewsDue?.items ?? []).filter((r) => r.dueOn < today).length;
  const e = due.exceptions;
  const parts: DigestPart[] = e
    ? [
        { count: e.reviewsOverdue, one: 'review overdue', many: 'reviews overdue' },
        { count: e.realisationsDue, one: 'realisation due', many: 'realisations due' },
        {
          count: e.awaitingVerification,
          one: 'realisation awaiting verification',
          many: 'realisations awaiting verification',
        },
        { count: e.overBudget, one: 'project over budget', many: 'projects over budget' },
      ]
    : [
        { count: due.realisationsDue?.count ?? 0, one: 'realisation due', many: 'realisations due' },
        { count: due.reforecastsDue?.count ?? 0, one: 're-forecast to refresh', many: 're-forecasts to refresh' },
        { count: overdue, one: 'review overdue', many: 'reviews overdue' },
        { count: (due.reviewsDue?.count ?? 0) - overdue, one: 'review due soon', many: 'reviews due soon' },
        {
          count: due.awaitingVerification?.count ?? 0,
          one: 'realisation awaiting verification',
          many: 'realisations awaiting verification',
        },
        {
          count: due.staleCosts?.count ?? 0,
          one: 'project with costs not updated this quarter',
          many: 'projects with costs not updated this quarter',
        },
        { count: due.overBudget?.count ?? 0, one: 'project over budget', many: 'projects over budget' },
      ];
  return parts.filter((p) => p.count > 0);
}

export function digestLine(due: DueToday): string | null {
  const parts = digestParts(due);
  return parts.length ? parts.map((p) => `${p.count} ${p.count === 1 ? p.one : p.many}`).join(', ') : null;
}
