/** Engine results → the indicator tiles and the three-views table shown on pages. */
import type { Appraisal, DiscountRule, RealisationResult, CostVarianceResult } from '../../finance/types';
import type { MetricsSettings, ViewSet } from '../../domain/metrics';
import { formatGbp, formatPercent, formatShort, toFixedString } from '../../money';
import { formatDate, fyLabel, ratioText, realisationText, switchingText, toPercentInput } from './format';
import type { VerifiedShare } from '../../finance/verified';
import { verifiedSentence } from './verification';

const RAG_LABELS = { green: 'Green', amber: 'Amber', red: 'Red' } as const;

export function discountRuleSentence(rule: DiscountRule): string {
  return rule.kind === 'green_book'
    ? 'Green Book discount rate schedule (3.5% a year for years 1 to 30, declining after)'
    : `a constant discount rate of ${toPercentInput(rule.rate)}%`; // the rate as entered, never rounded
}

const NO_FLOWS = 'No costs or benefits recorded yet';
const EMPTY_VIEW = 'No costs or benefits in this view';
const EMPTY_TO_DATE = 'No actual costs or realised benefits yet';

/** True when a view has no cost and no benefit in any year: a payback of 0 years would mean nothing. */
function hasNoFlows(a: Appraisal): boolean {
  return a.years.every((y) => y.costs.isZero() && y.benefits.isZero());
}

/** A payback in years; `empty` when the view has no flows at all (the API keeps C6's 0). */
function years(d: Appraisal['paybackYears'], empty: string | null = null): string {
  if (empty !== null) return empty;
  return d === null ? 'Not reached' : `${toFixedString(d, 2)} years`;
}

export function ragView(r: RealisationResult) {
  return {
    ratio: realisationText(r.ratio),
    rag: r.rag,
    ragLabel: r.rag ? RAG_LABELS[r.rag] : 'No rating',
    expected: formatGbp(r.expectedToDate),
    realised: formatGbp(r.realisedToDate),
  };
}

function varianceView(c: CostVarianceResult) {
  return {
    variance: formatGbp(c.variance),
    ratio:
      c.varianceRatio === null
        ? 'No planned cost to date'
        : `${c.varianceRatio.isNeg() ? '' : '+'}${formatPercent(c.varianceRatio)}`,
    overspent: c.variance.isPos() && !c.variance.isZero(),
    planned: formatGbp(c.planned),
    actual: formatGbp(c.actual),
  };
}

/** `emptyText`: what the paybacks say when the view has no costs and no benefits. */
export function appraisalColumn(a: Appraisal, emptyText = EMPTY_VIEW) {
  const empty = hasNoFlows(a) ? emptyText : null;
  return {
    pvCosts: formatGbp(a.pvCosts),
    pvBenefits: formatGbp(a.pvBenefits),
    npv: formatGbp(a.npv),
    npvNegative: a.npv.isNeg() && !a.npv.isZero(),
    bcr: ratioText(a.bcr),
    vfm: a.vfmCategory ?? 'None',
    roi: formatPercent(a.roi),
    payback: years(a.paybackYears, empty),
    discountedPayback: years(a.discountedPaybackYears, empty),
    irr: a.irr === null ? '—' : `${formatPercent(a.irr)}${a.irrAmbiguous ? ' (ambiguous)' : ''}`,
    switchingBenefits: switchingText('benefits', a.switchingValues.benefits, a.pvBenefits),
    switchingCosts: switchingText('costs', a.switchingValues.costs, a.pvCosts),
    totalCosts: formatGbp(a.totals.costs),
    totalBenefits: formatGbp(a.totals.benefits),
  };
}

export function presentIndicators(
  v: ViewSet & { verifiedShare?: VerifiedShare },
  s: MetricsSettings,
  scope: 'project' | 'aggregate',
) {
  const bc = v.businessCase;
  const fc = v.forecast;
  // Nothing in any view: nothing recorded at all, so no payback of "0.00 years" (the API keeps C6's 0).
  const nothing = hasNoFlows(bc) && hasNoFlows(fc) && hasNoFlows(v.toDate);
  const empty = (text: string) => (nothing ? NO_FLOWS : text);
  return {
    scope,
    asAt: formatDate(s.asAt),
    asAtIso: s.asAt,
    asAtYear: fyLabel(s.asAtFy),
    riskAdjusted: s.riskAdjusted,
    // C10: whether only verified realisations count, and how much of realised is verified.
    verifiedOnly: s.verifiedOnly,
    verified: verifiedSentence(v.verifiedShare, s.verifiedOnly),
    baseYear: fyLabel(s.baseFy),
    rule: discountRuleSentence(s.discountRule),
    projectRate: s.projectRate,
    /** C6 Contributions: how a project's own figures relate to the portfolio's and its directorate's. */
    relation:
      scope === 'project'
        ? `These figures are on the project's own terms: discounted to its own base year, ${fyLabel(s.baseFy)}${s.projectRate ? ', at its own rate' : ''}. In the portfolio and directorate figures it counts on theirs instead: the organisation's discount rule from the earliest base year of the projects included, so its contribution to their NPV can differ from the NPV here; the contributions of all their projects add up to their NPV.`
        : null,
    priceBasis:
      s.priceBasis === 'real'
        ? 'real terms (prices as entered, without inflation)'
        : 'nominal terms (cash prices, including inflation)',
    tiles: [
      {
        label: 'Net present value',
        value: formatShort(fc.npv),
        title: formatGbp(fc.npv),
        note: 'forecast',
        href: '/glossary#npv',
      },
      {
        label: 'Benefit-cost ratio',
        value: ratioText(fc.bcr),
        title: fc.bcr === null ? 'No costs' : toFixedString(fc.bcr, 4)!,
        note: `${fc.vfmCategory ?? 'No'} value for money`,
        href: '/glossary#bcr',
      },
      {
        label: 'Return on investment',
        value: formatPercent(fc.roi),
        title: formatPercent(fc.roi, 2),
        note: 'forecast, undiscounted',
        href: '/glossary#roi',
      },
      {
        label: 'Payback',
        value: years(fc.paybackYears, hasNoFlows(fc) ? empty(EMPTY_VIEW) : null),
        title: years(fc.paybackYears, hasNoFlows(fc) ? empty(EMPTY_VIEW) : null),
        note: `from ${fyLabel(s.baseFy)}`,
        href: '/glossary#payback',
      },
    ],
    realisation: ragView(v.realisation),
    costVariance: varianceView(v.costVariance),
    views: [
      {
        name: 'Business case',
        note: 'planned costs with optimism bias, expected benefits',
        ...appraisalColumn(bc, empty(EMPTY_VIEW)),
      },
      {
        name: 'Forecast',
        note: `actuals before ${fyLabel(s.asAtFy)}, plans from then`,
        ...appraisalColumn(fc, empty(EMPTY_VIEW)),
      },
      {
        name: 'To date',
        note: `actual costs and realised benefits to ${fyLabel(s.asAtFy)}`,
        ...appraisalColumn(v.toDate, empty(EMPTY_TO_DATE)),
      },
    ],
  };
}

export type IndicatorsView = ReturnType<typeof presentIndicators>;

/** A single appraisal (the calculator): its year table and its indicators. */
export function presentAppraisal(a: Appraisal, rule: DiscountRule) {
  return {
    rule: discountRuleSentence(rule),
    baseYear: fyLabel(a.years[0].fy),
    years: a.years.map((y) => ({
      year: fyLabel(y.fy),
      index: String(y.index),
      discountFactor: toFixedString(y.discountFactor, 6)!,
      costs: formatGbp(y.costs),
      benefits: formatGbp(y.benefits),
      net: formatGbp(y.net),
      pvNet: formatGbp(y.pvNet),
      cumulativePvNet: formatGbp(y.cumulativePvNet),
      negative: y.cumulativePvNet.isNeg() && !y.cumulativePvNet.isZero(),
    })),
    column: appraisalColumn(a, 'No costs or benefits entered'),
  };
}
