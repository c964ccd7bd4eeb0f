/**
 * Issue 19: what has been recorded against projects since they were created, so undoing a
 * projects import never deletes a project that has gained costs, benefits (and through them
 * profiles, realisations, re-forecasts, budget reductions), decisions, reviews, named managers or
 * improvement actions. The summaries and the audit log are not "recorded against" a project: the
 * delete path keeps them right itself.
 */
import type { Db } from '../knex';
import { chunks, currentVersions } from './bulk';

const DEPENDENT_TABLES = [
  'cost_lines',
  'benefits',
  'decisions',
  'reviews',
  'project_managers',
  'improvement_action_projects',
] as const;

/** Rows in the dependent tables per project (only projects with some are listed). */
export async function countRecordedAgainst(db: Db, projectIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const part of chunks([...new Set(projectIds)]))
    for (const table of DEPENDENT_TABLES) {
      const rows = (await db(table).whereIn('project_id', part).groupBy('project_id').select('project_id').count({
        n: '*',
      })) as { project_id: number; n: string | number }[];
      for (const r of rows) out.set(Number(r.project_id), (out.get(Number(r.project_id)) ?? 0) + Number(r.n));
    }
  return out;
}

export function projectVersions(db: Db, ids: number[]): Promise<Map<number, number>> {
  return currentVersions(db, 'projects', ids);
}

/** Of these projects, those with a frozen baseline (an approval decision, C9). */
export async function withBaseline(db: Db, projectIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const part of chunks([...new Set(projectIds)]))
    for (const r of (await db('baselines').whereIn('project_id', part).distinct('project_id')) as {
      project_id: number;
    }[])
      out.add(Number(r.project_id));
  return out;
}

/** The earliest year of any cost, profile or realisation of each project that has one (C3), as earliestFlowFy. */
export async function earliestFlowFys(db: Db, projectIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const keep = (rows: { p: number; fy: number | string | null }[]) => {
    for (const r of rows) {
      if (r.fy === null) continue;
      const fy = Number(r.fy);
      const seen = out.get(Number(r.p));
      if (seen === undefined || fy < seen) out.set(Number(r.p), fy);
    }
  };
  for (const part of chunks([...new Set(projectIds)])) {
    keep(
      await db('cost_lines')
        .whereIn('project_id', part)
        .groupBy('project_id')
        .select('project_id as p')
        .min({ fy: 'fy_start' }),
    );
    for (const table of ['benefit_profile', 'realisations'])
      keep(
        await db(`${table} as x`)
          .join('benefits as b', 'b.id', 'x.benefit_id')
          .whereIn('b.project_id', part)
          .groupBy('b.project_id')
          .select('b.project_id as p')
          .min({ fy: 'x.fy_start' }),
      );
  }
  return out;
}
