/** Engine results → C7 API strings: money 2 dp, ratios 4 dp, IRR 6 dp, payback 2 dp, DF 6 dp. */
import type { ProjectRow } from '../../domain/project-rows';
import type { PresentValues } from '../../finance/series-figures';
import type { VerifiedShare } from '../../finance/verified';
import type { Appraisal, CostVarianceResult, DiscountRule, RealisationResult } from '../../finance/types';
import type { MetricsSettings, ProjectHeadline, ViewSet } from '../../domain/metrics';
import { toApiMoney, toFixedString } from '../../money';
import { fyLabel } from '../../financial-year';

export function appraisalToApi(a: Appraisal) {
  return {
    years: a.years.map((y) => ({
      year: fyLabel(y.fy),
      index: y.index,
      discountFactor: toFixedString(y.discountFactor, 6),
      costs: toApiMoney(y.costs),
      benefits: toApiMoney(y.benefits),
      net: toApiMoney(y.net),
      pvNet: toApiMoney(y.pvNet),
      cumulativeNet: toApiMoney(y.cumulativeNet),
      cumulativePvNet: toApiMoney(y.cumulativePvNet),
    })),
    totals: {
      costs: toApiMoney(a.totals.costs),
      benefits: toApiMoney(a.totals.benefits),
      cashableBenefits: toApiMoney(a.totals.cashableBenefits),
      nonCashableBenefits: toApiMoney(a.totals.nonCashableBenefits),
      net: toApiMoney(a.totals.net),
    },
    pvCosts: toApiMoney(a.pvCosts),
    pvBenefits: toApiMoney(a.pvBenefits),
    npv: toApiMoney(a.npv),
    bcr: toFixedString(a.bcr, 4),
    roi: toFixedString(a.roi, 4),
    irr: toFixedString(a.irr, 6),
    irrAmbiguous: a.irrAmbiguous,
    paybackYears: toFixedString(a.paybackYears, 2),
    discountedPaybackYears: toFixedString(a.discountedPaybackYears, 2),
    vfmCategory: a.vfmCategory,
    switchingValues: {
      benefits: toFixedString(a.switchingValues.benefits, 4),
      costs: toFixedString(a.switchingValues.costs, 4),
    },
  };
}

export function realisationToApi(r: RealisationResult) {
  return {
    expectedToDate: toApiMoney(r.expectedToDate),
    realisedToDate: toApiMoney(r.realisedToDate),
    ratio: toFixedString(r.ratio, 4),
    rag: r.rag,
  };
}

export function costVarianceToApi(c: CostVarianceResult) {
  return {
    planned: toApiMoney(c.planned),
    actual: toApiMoney(c.actual),
    variance: toApiMoney(c.variance),
    varianceRatio: toFixedString(c.varianceRatio, 4),
    byYear: c.byYear.map((y) => ({
      year: fyLabel(y.fy),
      planned: toApiMoney(y.planned),
      actual: toApiMoney(y.actual),
      variance: toApiMoney(y.variance),
      varianceRatio: toFixedString(y.varianceRatio, 4),
    })),
  };
}

export function discountRuleToApi(rule: DiscountRule) {
  return rule.kind === 'green_book'
    ? { kind: 'green_book', description: 'HM Treasury Green Book schedule (3.5% for years 1–30, then declining)' }
    : { kind: 'constant', rate: rule.rate.toString() };
}

export function viewSetToApi(v: ViewSet) {
  return {
    businessCase: appraisalToApi(v.businessCase),
    forecast: appraisalToApi(v.forecast),
    toDate: appraisalToApi(v.toDate),
    realisation: realisationToApi(v.realisation),
    costVariance: costVarianceToApi(v.costVariance),
  };
}

export function settingsToApi(s: MetricsSettings) {
  return {
    asAt: s.asAt,
    asAtYear: fyLabel(s.asAtFy),
    riskAdjusted: s.riskAdjusted,
    verifiedOnly: s.verifiedOnly,
    baseYear: fyLabel(s.baseFy),
    discountRule: discountRuleToApi(s.discountRule),
    optimismBias: s.optimismBias === null ? null : s.optimismBias.toString(),
    priceBasis: s.priceBasis,
  };
}

/** C10: realised to date and the verified part of it, money strings (C7). */
export function verifiedShareToApi(v: VerifiedShare) {
  return { realisedToDate: toApiMoney(v.realised), verifiedToDate: toApiMoney(v.verified) };
}

/** One row of the per-project table behind an aggregate: the headline indicators of each view. */
export function headlineToApi(h: ProjectHeadline) {
  const bc = h.views.businessCase;
  const fc = h.views.forecast;
  return {
    code: h.project.code,
    name: h.project.name,
    directorateCode: h.project.directorateCode,
    status: h.project.status,
    businessCase: {
      npv: toApiMoney(bc.npv),
      bcr: toFixedString(bc.bcr, 4),
      vfmCategory: bc.vfmCategory,
      roi: toFixedString(bc.roi, 4),
      irr: toFixedString(bc.irr, 6),
      paybackYears: toFixedString(bc.paybackYears, 2),
    },
    forecast: {
      npv: toApiMoney(fc.npv),
      bcr: toFixedString(fc.bcr, 4),
      vfmCategory: fc.vfmCategory,
      roi: toFixedString(fc.roi, 4),
      pvCosts: toApiMoney(fc.pvCosts),
    },
    realisation: realisationToApi(h.views.realisation),
    costVariance: {
      planned: toApiMoney(h.views.costVariance.planned),
      actual: toApiMoney(h.views.costVariance.actual),
      variance: toApiMoney(h.views.costVariance.variance),
      varianceRatio: toFixedString(h.views.costVariance.varianceRatio, 4),
    },
  };
}

function presentValuesToApi(v: PresentValues) {
  return { pvCosts: toApiMoney(v.pvCosts), pvBenefits: toApiMoney(v.pvBenefits), npv: toApiMoney(v.npv) };
}

/** A row of an aggregate's project table: headline on the project's own basis, contribution on the aggregate's (C6). */
export function rowToApi(r: ProjectRow) {
  return {
    ...headlineToApi(r),
    // C9: the latest baseline's value figures on its frozen basis; null before approval.
    baseline: r.baseline
      ? { npv: toApiMoney(r.baseline.npv), bcr: toFixedString(r.baseline.bcr, 4), vfmCategory: r.baseline.vfmCategory }
      : null,
    contribution: {
      businessCase: presentValuesToApi(r.contribution.businessCase),
      forecast: presentValuesToApi(r.contribution.forecast),
      toDate: presentValuesToApi(r.contribution.toDate),
    },
  };
}
