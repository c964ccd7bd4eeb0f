/**
 * The portfolio indicators as export tables, built from the metrics API's own C7 strings
 * (metrics-api.ts), so a download and the API always show the same figures. The tables are plain
 * data (io/write-table.ts's TableSpec); io writes them as CSV or .xlsx.
 */
import type { AggregateMetrics } from '../../domain/metrics';
import type { ExportedMetrics } from '../../domain/exports';
import { discountRate } from '../../finance';
import type { DiscountRule } from '../../finance/types';
import type { Cell, ColumnSpec, FigureCell, TableSpec } from '../../io/write-table';
import type { Decimal } from '../../money';
import { appraisalToApi, costVarianceToApi, realisationToApi, rowToApi, settingsToApi } from './metrics-api';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const VIEWS = [
  ['businessCase', 'business case'],
  ['forecast', 'forecast'],
  ['toDate', 'to date'],
] as const;

const col = (header: string, kind: ColumnSpec['kind'] = 'text', places?: number): ColumnSpec => ({
  header,
  kind,
  places,
});

/** One row per project: the headline indicators of the per-project table behind an aggregate. */
export function projectsTable(m: ExportedMetrics): TableSpec {
  const columns = [
    col('project_code'),
    col('name'),
    col('directorate_code'),
    col('status'),
    col('business_case_npv', 'money'),
    col('business_case_bcr', 'decimal', 4),
    col('business_case_vfm_category'),
    col('business_case_roi', 'decimal', 4),
    col('business_case_irr', 'decimal', 6),
    col('business_case_payback_years', 'decimal', 2),
    col('forecast_npv', 'money'),
    col('forecast_bcr', 'decimal', 4),
    col('forecast_vfm_category'),
    col('forecast_roi', 'decimal', 4),
    col('forecast_pv_costs', 'money'),
    col('expected_to_date', 'money'),
    col('realised_to_date', 'money'),
    col('realisation_ratio', 'decimal', 4),
    col('realisation_rag'),
    col('planned_costs_to_date', 'money'),
    col('actual_costs_to_date', 'money'),
    col('cost_variance', 'money'),
    col('cost_variance_ratio', 'decimal', 4),
    // C6 Contributions: on the aggregate's basis, so each column sums to the aggregate's figure.
    ...VIEWS.flatMap(([key]) =>
      ['pv_costs', 'pv_benefits', 'npv'].map((f) => col(`contribution_${snake(key)}_${f}`, 'money')),
    ),
  ];
  const rows = m.projects
    .map(rowToApi)
    .map((h): Cell[] => [
      h.code,
      h.name,
      h.directorateCode,
      h.status,
      h.businessCase.npv,
      h.businessCase.bcr,
      h.businessCase.vfmCategory,
      h.businessCase.roi,
      h.businessCase.irr,
      h.businessCase.paybackYears,
      h.forecast.npv,
      h.forecast.bcr,
      h.forecast.vfmCategory,
      h.forecast.roi,
      h.forecast.pvCosts,
      h.realisation.expectedToDate,
      h.realisation.realisedToDate,
      h.realisation.ratio,
      h.realisation.rag,
      h.costVariance.planned,
      h.costVariance.actual,
      h.costVariance.variance,
      h.costVariance.varianceRatio,
      ...VIEWS.flatMap(([key]) => [
        h.contribution[key].pvCosts,
        h.contribution[key].pvBenefits,
        h.contribution[key].npv,
      ]),
    ]);
  return { name: 'Projects', columns, rows: [rows] };
}

/**
 * The yearly flows of each view: the table under the dashboard's charts. In a workbook the
 * discount factors, net flows, present values and running totals are formulas (C3, C6) with the
 * engine's exact figures cached, so a spreadsheet recalculates the NPV to the penny; CSV has the
 * C7 strings.
 */
export function yearsTable(m: AggregateMetrics): TableSpec {
  const columns = [
    col('view'),
    col('year', 'fy'),
    col('year_index', 'integer'),
    col('discount_factor', 'decimal', 6),
    ...['costs', 'benefits', 'net', 'pv_net', 'cumulative_net', 'cumulative_pv_net'].map((h) => col(h, 'money')),
  ];
  const rule = m.settings.discountRule;
  const rows = VIEWS.flatMap(([key, label]) => {
    const years = m[key].years;
    return appraisalToApi(m[key]).years.map((y, i): Cell[] => {
      const exact = years[i];
      // The first row of a view starts its running totals (and the Green Book's chain of factors).
      const follows = i > 0 && years[i - 1].index === exact.index - 1;
      const runningTotal = (column: string, of: string): FigureCell['formula'] =>
        follows ? (ref) => `${ref(column, -1)}+${ref(of)}` : (ref) => ref(of);
      return [
        label,
        y.year,
        String(y.index),
        discountFactorCell(rule, exact.index, follows, y.discountFactor ?? '', exact.discountFactor),
        // Risk-adjusted and optimism-biased amounts run past the penny: the workbook holds them whole.
        figure(y.costs, exact.costs),
        figure(y.benefits, exact.benefits),
        figure(y.net, exact.net, (ref) => `${ref('benefits')}-${ref('costs')}`),
        // C6: PV(t) = N(t) × DF(t)
        figure(y.pvNet, exact.pvNet, (ref) => `${ref('net')}*${ref('discount_factor')}`),
        figure(y.cumulativeNet, exact.cumulativeNet, runningTotal('cumulative_net', 'net')),
        figure(y.cumulativePvNet, exact.cumulativePvNet, runningTotal('cumulative_pv_net', 'pv_net')),
      ];
    });
  });
  return { name: 'Yearly flows', columns, rows: [rows] };
}

/** A money figure: the C7 string for CSV, the exact amount (or a formula giving it) for .xlsx. */
function figure(value: string, exact: Decimal, formula?: FigureCell['formula']): FigureCell {
  return { value, exact: exact.toString(), formula };
}

/** `(1+r)` as a spreadsheet writes it, from the rate's exact decimal (never exponent notation). */
function growth(rate: Decimal): string {
  return rate.isNeg() ? `(1-${rate.negated().toFixed()})` : `(1+${rate.toFixed()})`;
}

/**
 * C3's discount factor as a formula: `1/(1+r)^t` for a constant rate; for the Green Book schedule
 * the cumulative `DF(t−1)/(1+r(t))` from the row above, with DF(0) = 1 (a view starting later
 * than its base year, which the engine never gives, would start from the factor's value).
 */
function discountFactorCell(rule: DiscountRule, t: number, follows: boolean, shown: string, exact: Decimal): Cell {
  if (rule.kind === 'constant') return figure(shown, exact, (ref) => `1/${growth(rule.rate)}^${ref('year_index')}`);
  if (!follows) return figure(shown, exact);
  const rate = discountRate(rule, t);
  return figure(shown, exact, (ref) => `${ref('discount_factor', -1)}/${growth(rate)}`);
}

/** The headline indicators of each view of the aggregate. */
export function summaryTable(m: AggregateMetrics): TableSpec {
  const columns = [
    col('view'),
    col('total_costs', 'money'),
    col('total_benefits', 'money'),
    col('cashable_benefits', 'money'),
    col('non_cashable_benefits', 'money'),
    col('net', 'money'),
    col('pv_costs', 'money'),
    col('pv_benefits', 'money'),
    col('npv', 'money'),
    col('bcr', 'decimal', 4),
    col('roi', 'decimal', 4),
    col('irr', 'decimal', 6),
    col('irr_ambiguous'),
    col('payback_years', 'decimal', 2),
    col('discounted_payback_years', 'decimal', 2),
    col('vfm_category'),
    col('switching_value_benefits', 'decimal', 4),
    col('switching_value_costs', 'decimal', 4),
  ];
  const rows = VIEWS.map(([key, label]): Cell[] => {
    const a = appraisalToApi(m[key]);
    return [
      label,
      a.totals.costs,
      a.totals.benefits,
      a.totals.cashableBenefits,
      a.totals.nonCashableBenefits,
      a.totals.net,
      a.pvCosts,
      a.pvBenefits,
      a.npv,
      a.bcr,
      a.roi,
      a.irr,
      a.irrAmbiguous ? 'yes' : 'no',
      a.paybackYears,
      a.discountedPaybackYears,
      a.vfmCategory,
      a.switchingValues.benefits,
      a.switchingValues.costs,
    ];
  });
  return { name: 'Summary', columns, rows: [rows] };
}

/** Cost variance by year up to the as-at year, with the total last. */
export function varianceTable(m: AggregateMetrics): TableSpec {
  const v = costVarianceToApi(m.costVariance);
  const columns = [
    col('year', 'fy'),
    col('planned', 'money'),
    col('actual', 'money'),
    col('variance', 'money'),
    col('variance_ratio', 'decimal', 4),
  ];
  const rows: Cell[][] = [
    ...v.byYear.map((y): Cell[] => [y.year, y.planned, y.actual, y.variance, y.varianceRatio]),
    ['Total', v.planned, v.actual, v.variance, v.varianceRatio],
  ];
  return { name: 'Cost variance', columns, rows: [rows] };
}

/** Realisation against plan to date (money benefits net of dis-benefits, C6). */
export function realisationTable(m: AggregateMetrics): TableSpec {
  const r = realisationToApi(m.realisation);
  const columns = [
    col('expected_to_date', 'money'),
    col('realised_to_date', 'money'),
    col('realisation_ratio', 'decimal', 4),
    col('realisation_rag'),
  ];
  return { name: 'Realisation', columns, rows: [[[r.expectedToDate, r.realisedToDate, r.ratio, r.rag]]] };
}

/** The settings and filters the figures were worked out with. */
export function aboutTable(m: AggregateMetrics, filters: Record<string, string>): TableSpec {
  const s = settingsToApi(m.settings);
  const rule = s.discountRule.kind === 'constant' ? `constant ${s.discountRule.rate}` : 'Green Book schedule';
  const rows: Cell[][] = [
    ['as_at', s.asAt],
    ['as_at_year', s.asAtYear],
    ['risk_adjusted', s.riskAdjusted ? 'yes' : 'no'],
    ['base_year', s.baseYear],
    ['discount_rule', rule],
    ['price_basis', String(s.priceBasis)],
    ...Object.entries(filters).map(([k, v]): Cell[] => [`filter_${k}`, v]),
  ];
  return { name: 'About', columns: [col('item'), col('value')], rows: [rows] };
}

export const METRICS_TABLES = {
  summary: summaryTable,
  years: yearsTable,
  variance: varianceTable,
  realisation: realisationTable,
} as const;
export type MetricsTableName = keyof typeof METRICS_TABLES;
