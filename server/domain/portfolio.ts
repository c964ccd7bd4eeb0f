/** The portfolio at a glance: counts and undiscounted totals across every directorate. */
import { listDirectorateOverviews, type DirectorateOverview } from './directorates';
import { addTotals, emptyTotals, type SimpleTotals } from '../finance';
import type { Ctx } from './types';
import { memoised } from './read-memo';
import type { ProjectStatus } from '../records';

export interface PortfolioOverview {
  directorates: DirectorateOverview[];
  projectCount: number;
  byStatus: Partial<Record<ProjectStatus, number>>;
  totals: SimpleTotals;
}

export async function getPortfolioOverview(ctx: Ctx): Promise<PortfolioOverview> {
  return memoised(ctx.db, 'overview', () => computeOverview(ctx));
}

async function computeOverview(ctx: Ctx): Promise<PortfolioOverview> {
  const directorates = await listDirectorateOverviews(ctx);
  const byStatus: Partial<Record<ProjectStatus, number>> = {};
  let projectCount = 0;
  for (const d of directorates) {
    for (const p of d.projects) {
      byStatus[p.project.status] = (byStatus[p.project.status] ?? 0) + 1;
      projectCount += 1;
    }
  }
  return {
    directorates,
    projectCount,
    byStatus,
    totals: directorates.reduce((t, d) => addTotals(t, d.totals), emptyTotals()),
  };
}
