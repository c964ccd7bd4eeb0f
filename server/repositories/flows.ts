/**
 * Yearly pence totals behind every indicator. This is the one place that reads them, so keeping
 * them in summary tables for national-scale portfolios is a change to this file alone.
 */
import type { Knex } from 'knex';
import { exactSum, exactSumOf, type Db } from '../knex';
import { Decimal, fromDbPence, type Decimal as D } from '../money';
import type { BenefitType, CostKind } from '../records';
import { toBool } from './shared';
import * as reforecastsRepo from './benefit-reforecasts';
import { latestBaselines } from './decisions';
import type { Baseline } from '../records';

export interface CostYearTotal {
  projectId: number;
  fy: number;
  kind: CostKind;
  funding: 'capital' | 'revenue';
  amount: D;
}

export interface BenefitFlowRows {
  id: number;
  projectId: number;
  type: BenefitType;
  isDisbenefit: boolean;
  confidence: D;
  expected: { fy: number; amount: D }[];
  realised: { fy: number; amount: D }[];
  /** C10: the verified part of `realised`, by year. */
  verified: { fy: number; amount: D }[];
  /** C9 re-forecasts in the order made. */
  reforecasts: { fy: number; madeFy: number; amount: D }[];
}

export interface FlowRows {
  costs: CostYearTotal[];
  benefits: BenefitFlowRows[];
  /** C9: each project's latest frozen baseline, for those that have one. */
  baselines?: Map<number, Baseline>;
}

function scope(q: Knex.QueryBuilder, column: string, projectIds?: number[]): Knex.QueryBuilder {
  return projectIds ? q.whereIn(column, projectIds) : q;
}

/** Adds `amount` to the year's entry of `series` (kept in year order), making the entry if it is the first. */
function addToYear(series: { fy: number; amount: D }[], fy: number, amount: D): void {
  const last = series[series.length - 1];
  if (last && last.fy === fy) last.amount = last.amount.plus(amount);
  else series.push({ fy, amount });
}

export async function loadFlowRows(db: Db, projectIds?: number[]): Promise<FlowRows> {
  if (projectIds && projectIds.length === 0) return { costs: [], benefits: [], baselines: new Map() };
  const costRows: {
    project_id: number;
    fy_start: number;
    kind: CostKind;
    funding: 'capital' | 'revenue';
    pence_hi: string;
    pence_lo: string;
  }[] = await scope(
    db('cost_lines')
      .select('project_id', 'fy_start', 'kind', 'funding', exactSum(db, 'amount_pence', 'pence'))
      .groupBy('project_id', 'fy_start', 'kind', 'funding'),
    'project_id',
    projectIds,
  );
  const benefitRows: {
    id: number;
    project_id: number;
    type: BenefitType;
    is_disbenefit: unknown;
    confidence: string;
  }[] = await scope(
    db('benefits').select('id', 'project_id', 'type', 'is_disbenefit', 'confidence').orderBy('id'),
    'project_id',
    projectIds,
  );
  const profileRows: { benefit_id: number; fy_start: number; pence_hi: string; pence_lo: string }[] = await scope(
    db('benefit_profile as bp')
      .join('benefits as b', 'b.id', 'bp.benefit_id')
      .select('bp.benefit_id', 'bp.fy_start', exactSum(db, 'bp.amount_pence', 'pence'))
      .groupBy('bp.benefit_id', 'bp.fy_start'),
    'b.project_id',
    projectIds,
  );
  // One read of the realisations for both series: the sums by year and verification status, so the
  // C10 `verifiedOnly` series (the verified rows alone) comes from the same rows as the realised one.
  const realisedRows: {
    benefit_id: number;
    fy_start: number;
    verification_status: string | null;
    pence_hi: string;
    pence_lo: string;
  }[] = await scope(
    db('realisations as r')
      .join('benefits as b', 'b.id', 'r.benefit_id')
      .whereNotNull('r.amount_pence')
      .select('r.benefit_id', 'r.fy_start', 'r.verification_status', exactSum(db, 'r.amount_pence', 'pence'))
      .groupBy('r.benefit_id', 'r.fy_start', 'r.verification_status'),
    'b.project_id',
    projectIds,
  );
  const byId = new Map<number, BenefitFlowRows>();
  const benefits = benefitRows.map((b) => {
    const row: BenefitFlowRows = {
      id: b.id,
      projectId: b.project_id,
      type: b.type,
      isDisbenefit: toBool(b.is_disbenefit),
      confidence: new Decimal(b.confidence),
      expected: [],
      realised: [],
      verified: [],
      reforecasts: [],
    };
    byId.set(b.id, row);
    return row;
  });
  for (const p of profileRows)
    byId.get(p.benefit_id)?.expected.push({ fy: p.fy_start, amount: fromDbPence(exactSumOf(p, 'pence')) });
  const byYear = (a: { fy_start: number }, b: { fy_start: number }) => a.fy_start - b.fy_start;
  for (const r of [...realisedRows].sort(byYear)) {
    const row = byId.get(r.benefit_id);
    if (!row) continue;
    const amount = fromDbPence(exactSumOf(r, 'pence'));
    addToYear(row.realised, r.fy_start, amount);
    if (r.verification_status === 'verified') addToYear(row.verified, r.fy_start, amount);
  }
  for (const r of await reforecastsRepo.listByProjects(db, projectIds))
    byId.get(r.benefitId)?.reforecasts.push({ fy: r.fy, madeFy: r.madeFy, amount: r.amount });
  return {
    costs: costRows.map((c) => ({
      projectId: c.project_id,
      fy: c.fy_start,
      kind: c.kind,
      funding: c.funding,
      amount: fromDbPence(exactSumOf(c, 'pence')),
    })),
    benefits,
    baselines: await latestBaselines(db, projectIds),
  };
}
