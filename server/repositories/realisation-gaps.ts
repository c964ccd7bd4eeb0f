/**
 * C8: "what's due" counts from a summary (table project_realisation_gaps). Per project and year,
 * the profile rows of money benefits not withdrawn with a non-zero amount and no realisation for
 * that benefit and year: the per-row condition of the realisations-due list (repositories/due.ts)
 * without its two read-time filters, the year being finished and the project realising. A count
 * then sums a few thousand stored rows instead of anti-joining every past profile row.
 */
import type { Knex } from 'knex';
import type { Db } from '../knex';
import { chunks } from './bulk';

export interface GapRow {
  projectId: number;
  fy: number;
  gaps: number;
}

type Row = Record<string, unknown>;

/**
 * Profile rows (`bp`, with their benefit `b`) of a money benefit not withdrawn, with a non-zero
 * amount and no realisation for that benefit and year: one realisation due each, once the year
 * has finished and while the project is realising. The list of realisations due reads these too.
 */
export function profileGaps(db: Db): Knex.QueryBuilder {
  return (
    db('benefit_profile as bp')
      .join('benefits as b', 'b.id', 'bp.benefit_id')
      .whereNot('bp.amount_pence', 0)
      .whereIn('b.type', ['cashable', 'non_cashable'])
      .whereNot('b.status', 'withdrawn')
      // An anti-join: on SQLite, three to four times faster than NOT EXISTS (a national portfolio's
      // 150,000 profile rows: 90 ms against 335 ms), both walking the (benefit_id, fy_start) index.
      .leftJoin('realisations as r', (j) => j.on('r.benefit_id', 'bp.benefit_id').andOn('r.fy_start', 'bp.fy_start'))
      .whereNull('r.id')
  );
}

/** The rows these projects' ledgers give now (every project's when none are named), years with gaps only. */
export async function fromLedger(db: Db, projectIds?: number[]): Promise<GapRow[]> {
  const query = async (ids?: number[]): Promise<Row[]> => {
    const q = profileGaps(db)
      .groupBy('b.project_id', 'bp.fy_start')
      .select('b.project_id', 'bp.fy_start', db.raw('COUNT(*) AS gaps'));
    if (ids) q.whereIn('b.project_id', ids);
    return (await q) as Row[];
  };
  const rows: Row[] = [];
  if (!projectIds) rows.push(...(await query()));
  else for (const part of chunks([...new Set(projectIds)])) rows.push(...(await query(part)));
  return rows
    .map((r) => ({ projectId: Number(r.project_id), fy: Number(r.fy_start), gaps: Number(r.gaps) }))
    .sort((a, b) => a.projectId - b.projectId || a.fy - b.fy);
}

export async function replaceForProjects(db: Db, projectIds: number[], rows: readonly GapRow[]): Promise<void> {
  for (const part of chunks([...new Set(projectIds)]))
    await db('project_realisation_gaps').whereIn('project_id', part).delete();
  const inserts = rows.map((r) => ({ project_id: r.projectId, fy_start: r.fy, gaps: r.gaps }));
  for (const part of chunks(inserts, 300)) await db('project_realisation_gaps').insert(part);
}

/** Every stored row, in the order fromLedger gives them. */
export async function listAll(db: Db): Promise<GapRow[]> {
  const rows: Row[] = await db('project_realisation_gaps').orderBy(['project_id', 'fy_start']);
  return rows.map((r) => ({ projectId: Number(r.project_id), fy: Number(r.fy_start), gaps: Number(r.gaps) }));
}

/**
 * Whether the table is empty while the ledger has a gap: a database from before it. Every write
 * keeps it after that and `verify` checks it, so an empty table is the only case to find.
 */
export async function missing(db: Db): Promise<boolean> {
  if (await db('project_realisation_gaps').first('project_id')) return false;
  return Boolean(await profileGaps(db).first('bp.benefit_id'));
}

/**
 * How many profiled years before `beforeFy` have nothing recorded, across the projects whose status
 * is one of `statuses`, limited to these projects or directorates when named.
 */
export async function countGaps(
  db: Db,
  scope: { projectIds?: number[]; directorateIds?: number[] },
  beforeFy: number,
  statuses: readonly string[],
): Promise<number> {
  const q = db('project_realisation_gaps as g')
    .join('projects as p', 'p.id', 'g.project_id')
    .where('g.fy_start', '<', beforeFy)
    .whereIn('p.status', [...statuses]);
  if (scope.projectIds) q.whereIn('p.id', scope.projectIds);
  if (scope.directorateIds) q.whereIn('p.directorate_id', scope.directorateIds);
  const row = (await q.sum({ n: 'g.gaps' }).first()) as { n: unknown } | undefined;
  return Number(row?.n ?? 0);
}
