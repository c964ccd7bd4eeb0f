/**
 * The board paper's "Decisions since the last edition" (issue 15, C9): the approvals and
 * re-baselines recorded since the latest edition with the report's filters was published, or,
 * before any edition, those taken in the last twelve months. Read from the decisions table with
 * one count and one page of rows, so a national portfolio costs no more than a council's.
 */
import * as decisionsRepo from '../repositories/decisions';
import * as editionsRepo from '../repositories/report-editions';
import { todayIso } from '../financial-year';
import type { DashboardFilter } from './dashboard';
import { filterKey } from './report-editions';
import type { Ctx } from './types';

/** How many decisions the paper lists; the rest are on each project's page. */
export const DECISIONS_LISTED = 25;

export interface ReportDecisions {
  /** The edition the list starts after, or null: no edition yet, so the last twelve months (`decidedFrom`). */
  since: { id: number; publishedAt: string } | null;
  decidedFrom: string | null;
  total: number;
  /** Newest decision first, at most DECISIONS_LISTED. */
  decisions: decisionsRepo.DecisionListing[];
}

export async function getDecisionsSinceLastEdition(ctx: Ctx, f: DashboardFilter): Promise<ReportDecisions> {
  // The list (newest first) carries no frozen figures, which can be large for a national portfolio.
  const key = filterKey(f);
  const last = (await editionsRepo.list(ctx.db)).find((e) => e.filterKey === key) ?? null;
  const yearAgo = new Date();
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  const decidedFrom = last ? null : todayIso(yearAgo);
  const { total, rows } = await decisionsRepo.listAcrossProjects(
    ctx.db,
    {
      directorateCode: f.directorateCode,
      status: f.status,
      ...(last ? { recordedAfter: last.publishedAt } : { decidedFrom: decidedFrom! }),
    },
    DECISIONS_LISTED,
  );
  return { since: last ? { id: last.id, publishedAt: last.publishedAt } : null, decidedFrom, total, decisions: rows };
}
