/** Stateless appraisal of a proposal (C3–C6) before it is a project. */
import { inTransaction } from '../knex';
import { appraise, optimismBiasUplift, signedBenefitAmount } from '../finance';
import type { Appraisal, DiscountRule, YearAmounts } from '../finance/types';
import { ZERO } from '../money';
import { fyOfDate, todayIso } from '../financial-year';
import type { AppraisalRequest } from '../validation/appraisal.schema';
import { toAppraisalRequest, type CalculatorInput } from '../validation/calculator.schema';
import type { SaveProposalInput } from '../validation/save-proposal.schema';
import { createProject } from './projects';
import { addCostLine } from './costs';
import { addBenefit } from './benefits';
import { getOrgSettings } from './settings';
import type { Ctx } from './types';
import type { Project } from '../records';

export interface ProposalAppraisal {
  appraisal: Appraisal;
  rule: DiscountRule;
  baseFy: number;
}

/** Builds the yearly flows: C4 optimism bias on every cost, C5 confidence and dis-benefits. */
export function proposalYearAmounts(req: AppraisalRequest): YearAmounts[] {
  const uplift = optimismBiasUplift(req.optimismBias);
  const costs = req.costs.map((c) => ({ fy: c.year, costs: uplift(c.amount), cashable: ZERO, nonCashable: ZERO }));
  const benefits = req.benefits.map((b) => {
    const adjusted = req.riskAdjusted ? b.amount.times(b.confidence) : b.amount;
    const signed = signedBenefitAmount(b, adjusted);
    return {
      fy: b.year,
      costs: ZERO,
      cashable: b.type === 'cashable' ? signed : ZERO,
      nonCashable: b.type === 'non_cashable' ? signed : ZERO,
    };
  });
  return [...costs, ...benefits];
}

export async function appraiseProposal(ctx: Pick<Ctx, 'db'>, req: AppraisalRequest): Promise<ProposalAppraisal> {
  const org = await getOrgSettings(ctx);
  const rule: DiscountRule =
    req.discountRate === null ? org.discountRule : { kind: 'constant', rate: req.discountRate };
  const years = proposalYearAmounts(req);
  const baseFy = req.baseYear ?? (years.length ? Math.min(...years.map((y) => y.fy)) : fyOfDate(todayIso()));
  return { appraisal: appraise({ baseFy, years, rule, bands: org.vfmBands }), rule, baseFy };
}

/**
 * Saves a calculator proposal as a new *proposed* project, in one transaction: planned costs as
 * entered (optimism bias is kept on the project, C4), and up to two benefits, cashable and
 * non-cashable, with the yearly profiles and the confidence used.
 */
export async function saveProposalAsProject(
  ctx: Ctx,
  calc: CalculatorInput,
  meta: SaveProposalInput,
): Promise<Project> {
  const req = toAppraisalRequest(calc);
  const startFy = req.baseYear ?? Math.min(...calc.rows.map((r) => r.year));
  return inTransaction(ctx.db, async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx };
    const project = await createProject(tctx, {
      code: meta.code,
      name: meta.name,
      directorateCode: meta.directorateCode,
      description: 'Saved from the appraisal calculator.',
      sponsor: '',
      manager: '',
      status: 'proposed',
      startYear: startFy,
      baseYear: null,
      discountRate: calc.discountRate,
      optimismBias: calc.optimismBias,
      priority: '',
    });
    for (const c of req.costs) {
      await addCostLine(tctx, project.code, {
        year: c.year,
        kind: 'planned',
        category: meta.costCategory,
        funding: meta.costFunding,
        recurrence: meta.costRecurrence,
        amount: c.amount,
        isCredit: false,
        description: 'From the appraisal calculator',
        reference: '',
      });
    }
    const groups = [
      { ref: 'B1', title: 'Cashable benefits', type: 'cashable' as const },
      { ref: 'B2', title: 'Non-cashable benefits', type: 'non_cashable' as const },
    ];
    for (const g of groups) {
      const profile = req.benefits.filter((b) => b.type === g.type).map((b) => ({ year: b.year, amount: b.amount }));
      if (profile.length === 0) continue;
      await addBenefit(tctx, project.code, {
        ref: g.ref,
        title: g.title,
        description: '',
        type: g.type,
        category: '',
        isDisbenefit: false,
        owner: '',
        measure: '',
        baseline: '',
        target: '',
        unit: '',
        confidence: calc.confidence,
        status: 'identified',
        serviceFeature: '',
        enablingActivities: '',
        profile,
      });
    }
    return project;
  });
}
