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
