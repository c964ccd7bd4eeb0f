/** C9 decisions and baselines as API JSON (C7: money strings with 2 decimals, ratios with 4). */
import type { BaselineDetail, BaselineFigures } from '../../domain/decisions';
import type { Decision } from '../../records';
import { fyLabel } from '../../financial-year';
import { toApiMoney, toFixedString } from '../../money';
import type { Appraisal } from '../../finance/types';
import { appraisalToApi, discountRuleToApi } from './metrics-api';

export function decisionToApi(projectCode: string, d: Decision) {
  return {
    projectCode,
    kind: d.kind,
    decidedOn: d.decidedOn,
    decidedBy: d.decidedBy,
    reference: d.reference,
    fundingSource: d.fundingSource,
    reasonCode: d.reasonCode,
    note: d.note,
    baselineNumber: d.baselineNumber,
    recordedBy: d.recordedBy,
    recordedAt: d.createdAt,
    baseline: `/api/v1/projects/${encodeURIComponent(projectCode)}/baselines/${d.baselineNumber}`,
  };
}

function headlineToApi(a: Appraisal) {
  return {
    pvCosts: toApiMoney(a.pvCosts),
    pvBenefits: toApiMoney(a.pvBenefits),
    npv: toApiMoney(a.npv),
    bcr: toFixedString(a.bcr, 4),
    vfmCategory: a.vfmCategory,
  };
}

/** A baseline in a list: what it froze besides its lines, and its headline figures (not risk-adjusted and risk-adjusted). */
export function baselineSummaryToApi(projectCode: string, b: BaselineFigures) {
  return {
    number: b.header.number,
    frozenAt: b.header.createdAt,
    baseYear: fyLabel(b.header.baseFy),
    optimismBias: b.header.optimismBias.toString(),
    discountRule: { source: b.header.discountSource, ...discountRuleToApi(b.header.discountRule) },
    headline: headlineToApi(b.asProfiled),
    headlineRiskAdjusted: headlineToApi(b.riskAdjusted),
    href: `/api/v1/projects/${encodeURIComponent(projectCode)}/baselines/${b.header.number}`,
  };
}

/** One baseline: its decision, its frozen inputs and its indicators in full (the baseline view, C9). */
export function baselineToApi(d: BaselineDetail) {
  const code = d.project.code;
  return {
    ...baselineSummaryToApi(code, d),
    decision: decisionToApi(code, d.decision),
    plannedCosts: d.baseline.costLines.map((c) => ({
      year: fyLabel(c.fy),
      category: c.category,
      amount: toApiMoney(c.amount),
      isCredit: c.isCredit,
      description: c.description,
    })),
    benefits: d.baseline.benefits.map((b) => ({
      ref: b.ref,
      title: b.title,
      type: b.type,
      isDisbenefit: b.isDisbenefit,
      confidence: b.confidence.toString(),
      profile: b.profile.map((p) => ({ year: fyLabel(p.fy), amount: toApiMoney(p.amount) })),
    })),
    indicators: appraisalToApi(d.asProfiled),
    indicatorsRiskAdjusted: appraisalToApi(d.riskAdjusted),
  };
}
