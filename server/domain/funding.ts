/**
 * Issue 19: costs split by funding, capital and revenue, planned and actual, by financial year, for
 * a project, a directorate or the portfolio. Read from the C8 summaries (the funding series that
 * every cost write keeps): a directorate's and the portfolio's figures come from the group sums,
 * never from the ledger. Planned costs are as entered (no optimism bias, C4).
 */
import type { Decimal } from '../money';
import { ZERO } from '../money';
import * as summariesRepo from '../repositories/summaries';
import { sumSeries, type YearSeries } from '../finance/year-series';
import type { Project, ProjectStatus } from '../records';
import { getDirectorate } from './directorates';
import { getProject } from './projects';
import { assertRole } from './permissions';
import { memoised } from './read-memo';
import type { Ctx } from './types';

export interface FundingYear {
  fy: number;
  plannedCapital: Decimal;
  plannedRevenue: Decimal;
  actualCapital: Decimal;
  actualRevenue: Decimal;
}

export interface FundingSplit {
  years: FundingYear[];
  totals: Omit<FundingYear, 'fy'>;
}

const FIELDS = ['plannedCapital', 'plannedRevenue', 'actualCapital', 'actualRevenue'] as const;

function split(series: readonly YearSeries[]): FundingSplit {
  const years = series
    .filter((y) => y.hasPlanned || y.hasActual)
    .map((y) => ({
      fy: y.fy,
      plannedCapital: y.plannedCapital,
      plannedRevenue: y.plannedRevenue,
      actualCapital: y.actualCapital,
      actualRevenue: y.actualRevenue,
    }));
  const totals = { plannedCapital: ZERO, plannedRevenue: ZERO, actualCapital: ZERO, actualRevenue: ZERO };
  for (const y of years) for (const f of FIELDS) totals[f] = totals[f].plus(y[f]);
  return { years, totals };
}

/** One project's split (anyone who may see the project). */
export async function projectFunding(ctx: Ctx, projectCode: string): Promise<FundingSplit> {
  return projectFundingOf(ctx, await getProject(ctx, projectCode));
}

/** projectFunding for a project already read (the project page reads it once). */
export async function projectFundingOf(ctx: Ctx, project: Project): Promise<FundingSplit> {
  return split(await summariesRepo.listForProjects(ctx.db, [project.id]));
}

/**
 * A directorate's split, or the portfolio's when none is named, optionally for one project status,
 * from the group sums (C8).
 */
export async function groupFunding(
  ctx: Ctx,
  filter: { directorateCode?: string; status?: ProjectStatus } = {},
): Promise<FundingSplit> {
  assertRole(ctx, 'admin', 'finance', 'project_manager', 'scrutiny', 'system');
  const directorateId = filter.directorateCode ? (await getDirectorate(ctx, filter.directorateCode)).id : undefined;
  // Memoised like the dashboard it sits on: unmemoised, reading every group sum cost the portfolio
  // page ~25 ms of each warm request at national scale (C8: valid until the next write).
  return memoised(ctx.db, `funding ${directorateId ?? '*'} ${filter.status ?? '*'}`, async () => {
    const rows = await summariesRepo.groupSumsByDirectorate(ctx.db, {
      ...(directorateId !== undefined ? { directorateId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    });
    return split(sumSeries(rows));
  });
}
