/**
 * "What's due" (issue 17): set-based reads over indexed columns, so a role's home stays fast on a
 * national portfolio (5,000 projects) without reloading the ledger. Each read takes a scope: the
 * projects a project manager is named on, a finance partner's directorates, or everything.
 */
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { fromDbPence, type Decimal } from '../money';
import { countGaps, profileGaps } from './realisation-gaps';

export interface DueScope {
  /** Only these projects (a project manager's); undefined = no limit. */
  projectIds?: number[];
  /** Only these directorates (a finance partner's); undefined = no limit. */
  directorateIds?: number[];
}

function scoped(q: Knex.QueryBuilder, s: DueScope): Knex.QueryBuilder {
  if (s.projectIds) q.whereIn('p.id', s.projectIds);
  if (s.directorateIds) q.whereIn('p.directorate_id', s.directorateIds);
  return q;
}

const count = async (q: Knex.QueryBuilder) => Number(((await q.count({ n: '*' }).first()) as { n: unknown })?.n ?? 0);

/** Statuses whose benefits are being realised: a proposal's or a cancelled project's are not chased. */
const REALISING = ['approved', 'in_delivery', 'live', 'closed'];

export interface RealisationDue {
  projectCode: string;
  projectName: string;
  benefitRef: string;
  benefitTitle: string;
  fy: number;
  expected: Decimal;
}

/** A finished financial year with a profiled amount and nothing recorded, for a money benefit not withdrawn. */
function realisationsDueQuery(db: Db, s: DueScope, currentFy: number): Knex.QueryBuilder {
  return scoped(
    profileGaps(db)
      .join('projects as p', 'p.id', 'b.project_id')
      .where('bp.fy_start', '<', currentFy)
      .whereIn('p.status', REALISING),
    s,
  );
}

export async function realisationsDue(
  db: Db,
  s: DueScope,
  currentFy: number,
  limit: number,
): Promise<RealisationDue[]> {
  const rows = (await realisationsDueQuery(db, s, currentFy)
    .select('p.code', 'p.name', 'b.ref', 'b.title', 'bp.fy_start', 'bp.amount_pence')
    .orderBy([{ column: 'p.code' }, { column: 'b.ref' }, { column: 'bp.fy_start' }])
    .limit(limit)) as Record<string, unknown>[];
  return rows.map((r) => ({
    projectCode: String(r.code),
    projectName: String(r.name),
    benefitRef: String(r.ref),
    benefitTitle: String(r.title),
    fy: Number(r.fy_start),
    expected: fromDbPence(r.amount_pence as string | number),
  }));
}

/** Counted from the stored gaps per project and year (C8), not by the list's anti-join. */
export const countRealisationsDue = (db: Db, s: DueScope, currentFy: number) => countGaps(db, s, currentFy, REALISING);

export interface ReforecastDue {
  projectCode: string;
  projectName: string;
  benefitRef: string;
  benefitTitle: string;
  /** When the benefit was last re-forecast (ISO timestamp). */
  lastAt: string;
}

/** Benefits whose latest re-forecast (C9) was made before `before`: the estimate is older than a quarter. */
function reforecastsDueQuery(db: Db, s: DueScope, before: string): Knex.QueryBuilder {
  return scoped(
    db('benefit_reforecasts as f')
      .join('benefits as b', 'b.id', 'f.benefit_id')
      .join('projects as p', 'p.id', 'b.project_id')
      .whereNot('b.status', 'withdrawn')
      .whereIn('p.status', REALISING)
      .groupBy('p.code', 'p.name', 'b.ref', 'b.title')
      .havingRaw('MAX(f.created_at) < ?', [before]),
    s,
  );
}

export async function reforecastsDue(db: Db, s: DueScope, before: string, limit: number): Promise<ReforecastDue[]> {
  const rows = (await reforecastsDueQuery(db, s, before)
    .select('p.code', 'p.name', 'b.ref', 'b.title', db.raw('MAX(f.created_at) as last_at'))
    .orderBy([{ column: 'p.code' }, { column: 'b.ref' }])
    .limit(limit)) as Record<string, unknown>[];
  return rows.map((r) => ({
    projectCode: String(r.code),
    projectName: String(r.name),
    benefitRef: String(r.ref),
    benefitTitle: String(r.title),
    lastAt: r.last_at instanceof Date ? r.last_at.toISOString() : String(r.last_at),
  }));
}

export async function countReforecastsDue(db: Db, s: DueScope, before: string): Promise<number> {
  return count(db.from(reforecastsDueQuery(db, s, before).select('b.ref').as('x')));
}

export interface AwaitingVerification {
  id: number;
  projectCode: string;
  projectName: string;
  benefitRef: string;
  benefitTitle: string;
  fy: number;
  amount: Decimal;
  recordedBy: string;
}

/** Money realisations not yet verified (C10), leaving out those this user recorded (nobody verifies their own). */
function awaitingQuery(db: Db, s: DueScope, notRecordedBy: number | null, forList = true): Knex.QueryBuilder {
  const q = db('realisations as r').where('r.verification_status', 'unverified').whereNotNull('r.amount_pence');
  // Every realisation has a benefit and every benefit a project (foreign keys): an unscoped count
  // needs neither join, which at national scale (300,000 realisations) is a third of the time.
  if (forList || s.projectIds || s.directorateIds)
    scoped(q.join('benefits as b', 'b.id', 'r.benefit_id').join('projects as p', 'p.id', 'b.project_id'), s);
  if (notRecordedBy !== null)
    q.where((w) => w.whereNull('r.recorded_by_user_id').orWhereNot('r.recorded_by_user_id', notRecordedBy));
  return q;
}

export async function awaitingVerification(
  db: Db,
  s: DueScope,
  notRecordedBy: number | null,
  limit: number,
): Promise<AwaitingVerification[]> {
  const rows = (await awaitingQuery(db, s, notRecordedBy)
    .select('r.id', 'p.code', 'p.name', 'b.ref', 'b.title', 'r.fy_start', 'r.amount_pence', 'r.recorded_by')
    .orderBy([{ column: 'p.code' }, { column: 'b.ref' }, { column: 'r.fy_start' }, { column: 'r.id' }])
    .limit(limit)) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id),
    projectCode: String(r.code),
    projectName: String(r.name),
    benefitRef: String(r.ref),
    benefitTitle: String(r.title),
    fy: Number(r.fy_start),
    amount: fromDbPence(r.amount_pence as string | number),
    recordedBy: String(r.recorded_by),
  }));
}

export const countAwaitingVerification = (db: Db, s: DueScope, notRecordedBy: number | null) =>
  count(awaitingQuery(db, s, notRecordedBy, false));

export interface StaleCosts {
  projectCode: string;
  projectName: string;
  /** The latest change to any of its cost lines (ISO timestamp), or null when it has none. */
  lastUpdated: string | null;
}

/** Projects being delivered or live whose cost lines were last changed before `since` (the quarter's start). */
function staleCostsQuery(db: Db, s: DueScope, since: string): Knex.QueryBuilder {
  const latest = db('cost_lines').select('project_id').max({ last: 'updated_at' }).groupBy('project_id').as('c');
  return scoped(
    db('projects as p')
      .leftJoin(latest, 'c.project_id', 'p.id')
      .whereIn('p.status', ['approved', 'in_delivery', 'live'])
      .where((w) => w.whereNull('c.last').orWhere('c.last', '<', since)),
    s,
  );
}

export async function staleCosts(db: Db, s: DueScope, since: string, limit: number): Promise<StaleCosts[]> {
  const rows = (await staleCostsQuery(db, s, since)
    .select('p.code', 'p.name', 'c.last')
    .orderBy('p.code')
    .limit(limit)) as Record<string, unknown>[];
  return rows.map((r) => ({
    projectCode: String(r.code),
    projectName: String(r.name),
    lastUpdated: r.last === null ? null : r.last instanceof Date ? r.last.toISOString() : String(r.last),
  }));
}

export const countStaleCosts = (db: Db, s: DueScope, since: string) => count(staleCostsQuery(db, s, since));
