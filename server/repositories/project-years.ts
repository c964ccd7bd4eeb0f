/**
 * The span of a project's flows: the last financial year any cost line, expected profile row or
 * realisation of the project falls in, for the forms that offer a row per year of the project's
 * appraisal period (C3). Three indexed MAX()es; no money is read.
 */
import type { Db } from '../knex';

function yearOf(row: { fy?: number | string | null } | undefined): number | null {
  const fy = row?.fy;
  if (fy === null || fy === undefined) return null;
  return typeof fy === 'number' ? fy : Number.parseInt(fy, 10);
}

export async function lastFlowYear(db: Db, projectId: number): Promise<number | null> {
  // Sequential: db may be a transaction, whose queries share one connection.
  const costs = await db('cost_lines').where({ project_id: projectId }).max({ fy: 'fy_start' }).first();
  const profiles = await db('benefit_profile as bp')
    .join('benefits as b', 'b.id', 'bp.benefit_id')
    .where('b.project_id', projectId)
    .max({ fy: 'bp.fy_start' })
    .first();
  const realised = await db('realisations as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .where('b.project_id', projectId)
    .max({ fy: 'r.fy_start' })
    .first();
  const years = [costs, profiles, realised].map(yearOf).filter((y): y is number => y !== null);
  return years.length ? Math.max(...years) : null;
}
