/** Stateless appraisal of a proposal (C3–C6) before it is a project. */
import { appraise } from '../finance';
import type { Appraisal, DiscountRule, YearAmounts } from '../finance/types';
import { ZERO } from '../money';
import { fyOfDate, todayIso } from '../financial-year';
import type { AppraisalRequest } from '../validation/appraisal.schema';
import { getOrgSettings } from './settings';
import type { Ctx } from './types';

export interface ProposalAppraisal {
  appraisal: Appraisal;
  rule: DiscountRule;
  baseFy: number;
}

/** Builds the yearly flows: C4 optimism bias on every cost, C5 confidence and dis-benefits. */
export function proposalYearAmounts(req: AppraisalRequest): YearAmounts[] {
  const uplift = req.optimismBias.plus(1);
  const costs = req.costs.map((c) => ({ fy: c.year, costs: c.amount.times(uplift), cashable: ZERO, nonCashable: ZERO }));
  const benefits = req.benefits.map((b) => {
    const adjusted = req.riskAdjusted ? b.amount.times(b.confidence) : b.amount;
    const signed = b.disbenefit ? adjusted.negated() : adjusted;
    return { fy: b.year, costs: ZERO, cashable: b.type === 'cashable' ? signed : ZERO, nonCashable: b.type === 'non_cashable' ? signed : ZERO };
  });
  return [...costs, ...benefits];
}

export async function appraiseProposal(ctx: Pick<Ctx, 'db'>, req: AppraisalRequest): Promise<ProposalAppraisal> {
  const org = await getOrgSettings(ctx);
  const rule: DiscountRule = req.discountRate === null ? org.discountRule : { kind: 'constant', rate: req.discountRate };
  const years = proposalYearAmounts(req);
  const baseFy = req.baseYear ?? (years.length ? Math.min(...years.map((y) => y.fy)) : fyOfDate(todayIso()));
  return { appraisal: appraise({ baseFy, years, rule, bands: org.vfmBands }), rule, baseFy };
}
