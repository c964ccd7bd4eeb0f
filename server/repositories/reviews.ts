/** Post-implementation reviews (issue 17): rows ⇄ Review records, and the due/overdue reads. */
import type { Db } from '../knex';
import type { Review, ReviewBenefitStatus, ReviewKind, ReviewStatus } from '../records';
import { insertReturningId, nowIso, toDateOnly, toIso, updateVersioned } from './shared';

interface ReviewRow {
  id: number;
  project_id: number;
  project_code: string;
  project_name: string;
  directorate_id: number;
  kind: ReviewKind;
  due_on: unknown;
  status: ReviewStatus;
  held_on: unknown;
  reviewers: string;
  findings: string;
  lessons: string;
  next_steps: string;
  benefit_statuses: string;
  completed_at: unknown;
  completed_by: string;
  version: number;
  created_at: unknown;
  updated_at: unknown;
}

function parseStatuses(raw: string): ReviewBenefitStatus[] {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? (v as ReviewBenefitStatus[]) : [];
  } catch {
    return [];
  }
}

function map(r: ReviewRow): Review {
  return {
    id: r.id,
    projectId: r.project_id,
    projectCode: r.project_code,
    projectName: r.project_name,
    directorateId: r.directorate_id,
    kind: r.kind,
    dueOn: toDateOnly(r.due_on),
    status: r.status,
    heldOn: r.held_on === null || r.held_on === undefined ? null : toDateOnly(r.held_on),
    reviewers: r.reviewers,
    findings: r.findings,
    lessons: r.lessons,
    nextSteps: r.next_steps,
    benefitStatuses: parseStatuses(r.benefit_statuses),
    completedAt: r.completed_at === null || r.completed_at === undefined ? null : toIso(r.completed_at),
    completedBy: r.completed_by,
    version: r.version,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

function base(db: Db) {
  return db('reviews as r')
    .join('projects as p', 'p.id', 'r.project_id')
    .select('r.*', 'p.code as project_code', 'p.name as project_name', 'p.directorate_id');
}

export interface ReviewFilter {
  projectIds?: number[];
  directorateIds?: number[];
  status?: ReviewStatus;
  /** Scheduled reviews due on or before this date (YYYY-MM-DD). */
  dueBy?: string;
  /** Scheduled reviews due before this date (overdue as at it). */
  dueBefore?: string;
  limit?: number;
}

export async function list(db: Db, f: ReviewFilter = {}): Promise<Review[]> {
  const q = base(db);
  if (f.projectIds) q.whereIn('r.project_id', f.projectIds);
  if (f.directorateIds) q.whereIn('p.directorate_id', f.directorateIds);
  if (f.status) q.where('r.status', f.status);
  if (f.dueBy) q.where('r.status', 'scheduled').where('r.due_on', '<=', f.dueBy);
  if (f.dueBefore) q.where('r.status', 'scheduled').where('r.due_on', '<', f.dueBefore);
  q.orderBy([{ column: 'r.due_on' }, { column: 'r.id' }]);
  if (f.limit) q.limit(f.limit);
  return ((await q) as ReviewRow[]).map(map);
}

export async function findById(db: Db, id: number): Promise<Review | null> {
  const row = (await base(db).where('r.id', id).first()) as ReviewRow | undefined;
  return row ? map(row) : null;
}

export async function listByProject(db: Db, projectId: number): Promise<Review[]> {
  return list(db, { projectIds: [projectId] });
}

export interface ReviewWrite {
  dueOn: string;
  heldOn: string | null;
  reviewers: string;
  findings: string;
  lessons: string;
  nextSteps: string;
  benefitStatuses: ReviewBenefitStatus[];
}

export async function insert(db: Db, projectId: number, kind: ReviewKind, dueOn: string): Promise<number> {
  return insertReturningId(db, 'reviews', { project_id: projectId, kind, due_on: dueOn, status: 'scheduled' });
}

export async function update(db: Db, id: number, version: number, w: ReviewWrite): Promise<boolean> {
  return updateVersioned(db, 'reviews', id, version, {
    due_on: w.dueOn,
    held_on: w.heldOn,
    reviewers: w.reviewers,
    findings: w.findings,
    lessons: w.lessons,
    next_steps: w.nextSteps,
    benefit_statuses: JSON.stringify(w.benefitStatuses),
  });
}

export async function markCompleted(db: Db, id: number, by: { userId: number | null; label: string }): Promise<void> {
  await db('reviews')
    .where({ id })
    .update({ status: 'completed', completed_at: nowIso(), completed_by_user_id: by.userId, completed_by: by.label });
}

/** Scheduled (not completed) reviews of a project are removed when it leaves live/closed (cancelled, or back). */
export async function removeScheduled(db: Db, projectId: number): Promise<number[]> {
  const ids = (
    (await db('reviews').where({ project_id: projectId, status: 'scheduled' }).select('id')) as {
      id: number;
    }[]
  ).map((r) => r.id);
  if (ids.length) await db('reviews').whereIn('id', ids).delete();
  return ids;
}

export async function kindsOf(db: Db, projectId: number): Promise<{ kind: ReviewKind; status: ReviewStatus }[]> {
  return db('reviews').where({ project_id: projectId }).select('kind', 'status');
}

/** Overdue reviews per project, for the project list's flag (one indexed query for a page of projects). */
export async function overdueProjectIds(db: Db, today: string, projectIds?: number[]): Promise<Set<number>> {
  const q = db('reviews').where('status', 'scheduled').where('due_on', '<', today).distinct('project_id');
  if (projectIds) q.whereIn('project_id', projectIds);
  return new Set(((await q) as { project_id: number }[]).map((r) => r.project_id));
}

export async function countOverdue(db: Db, today: string, directorateIds?: number[]): Promise<number> {
  const q = db('reviews as r').where('r.status', 'scheduled').where('r.due_on', '<', today);
  if (directorateIds) q.join('projects as p', 'p.id', 'r.project_id').whereIn('p.directorate_id', directorateIds);
  const row = (await q.count<{ n: string | number }[]>({ n: '*' }).first()) as { n: string | number } | undefined;
  return Number(row?.n ?? 0);
}

/**
 * The refs of a project's money benefits that still hold the yearly reviews open: not withdrawn,
 * with a profile, and no verified realisation (C10) for the last profiled year. A money benefit
 * with no profile expects nothing, so it has nothing to verify and holds nothing open.
 */
export async function outstandingMoneyBenefits(db: Db, projectId: number): Promise<string[]> {
  const rows = (await db('benefits as b')
    .where('b.project_id', projectId)
    .whereIn('b.type', ['cashable', 'non_cashable'])
    .whereNot('b.status', 'withdrawn')
    .whereExists((q) => q.select(db.raw('1')).from('benefit_profile as bp').whereRaw('bp.benefit_id = b.id'))
    .whereNotExists((q) =>
      q
        .select(db.raw('1'))
        .from('realisations as r')
        .whereRaw('r.benefit_id = b.id')
        .where('r.verification_status', 'verified')
        .whereRaw('r.fy_start = (SELECT MAX(bp2.fy_start) FROM benefit_profile bp2 WHERE bp2.benefit_id = b.id)'),
    )
    .orderBy('b.ref')
    .select('b.ref')) as { ref: string }[];
  return rows.map((r) => r.ref);
}
