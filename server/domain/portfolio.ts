/** The portfolio at a glance: counts and undiscounted totals across every directorate. */
import { listDirectorateSummaries, type DirectorateSummary } from './directorates';
import { addTotals, emptyTotals, type SimpleTotals } from '../finance';
import type { Ctx } from './types';
import { memoised } from './read-memo';
import type { ProjectStatus } from '../records';

export interface PortfolioOverview {
  directorates: DirectorateSummary[];
  projectCount: number;
  byStatus: Partial<Record<ProjectStatus, number>>;
  totals: SimpleTotals;
}

export async function getPortfolioOverview(ctx: Ctx): Promise<PortfolioOverview> {
  return memoised(ctx.db, 'overview', () => computeOverview(ctx));
}

async function computeOverview(ctx: Ctx): Promise<PortfolioOverview> {
  const directorates = await listDirectorateSummaries(ctx);
  const byStatus: Partial<Record<ProjectStatus, number>> = {};
  let projectCount = 0;
  for (const d of directorates) {
    for (const [status, n] of Object.entries(d.byStatus) as [ProjectStatus, number][])
      byStatus[status] = (byStatus[status] ?? 0) + n;
    projectCount += d.projectCount;
  }
  return {
    directorates,
    projectCount,
    byStatus,
    totals: directorates.reduce((t, d) => addTotals(t, d.totals), emptyTotals()),
  };
}
