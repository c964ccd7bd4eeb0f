/**
 * Chart view models: the spec public/js/charts.js draws (plain numbers only for plotting, built
 * from exact strings, with a preformatted string beside every point for tooltips: C1), an
 * accessible name and summary, and the same figures as a real table for the "show as table"
 * alternative. Views print these strings; they do no arithmetic.
 */
import { ZERO, type Decimal } from '../../money';
import type { BenefitRealisation, ProjectDetail, ProjectPage } from '../../domain/project-detail';
import type { ProjectMetrics } from '../../domain/metrics';
import type { Rag, RealisationResult } from '../../finance/types';
import { formatGbp, formatPercent, formatShort, toFixedString } from '../../money';
import { fyLabel, moneyCell, plural, realisationText } from './format';

/** Palette and pattern keys understood by charts.js (Okabe–Ito colours, hatching, dashes, point styles). */
export type Series =
  | 'plannedCost'
  | 'actualCost'
  | 'expectedBenefit'
  | 'realisedBenefit'
  | 'cumulativeExpected'
  | 'cumulativeRealised'
  | 'cumulativeCost'
  | 'cumulativeBenefit'
  | 'netForecast'
  | 'netBusinessCase'
  | 'npvPositive'
  | 'npvNegative'
  | 'count'
  | 'cashable'
  | 'cashableExpected'
  | 'nonCashable'
  | 'nonCashableExpected'
  | 'green'
  | 'amber'
  | 'red'
  | 'none';

export type AxisFormat = 'money' | 'count' | 'ratio' | 'category';

export interface AxisSpec {
  title: string;
  format: AxisFormat;
}

export interface BubblePoint {
  x: number;
  y: number;
  r: number;
}

export interface DatasetSpec {
  label: string;
  series: Series;
  type?: 'bar' | 'line';
  /** Per-point palette keys, where the points of one dataset differ (RAG bars, NPV sign). */
  pointSeries?: Series[];
  yAxisID?: 'y' | 'y2';
  data: (number | null)[] | BubblePoint[];
  /** Tooltip text for each point, formatted on the server. */
  formatted: string[];
  /** Bubble charts: where clicking each point goes. */
  links?: string[];
}

export interface ChartSpec {
  type: 'bar' | 'line' | 'bubble';
  indexAxis?: 'x' | 'y';
  labels: string[];
  datasets: DatasetSpec[];
  axes: { x: AxisSpec; y: AxisSpec; y2?: AxisSpec };
}

export interface TableCell {
  text: string;
  href?: string;
  negative?: boolean;
  tag?: { text: string; rag: Rag | 'none' };
}

export interface ChartTable {
  caption: string;
  head: string[];
  /** Which columns are numbers (right-aligned). */
  numeric: boolean[];
  rows: TableCell[][];
}

export interface ChartVm {
  id: string;
  title: string;
  summary: string;
  /** Taller canvases for charts with many categories. */
  size: 'm' | 'l';
  /** The spec as JSON, printed into a data attribute with <%= (escaped). */
  json: string;
  table: ChartTable;
}

export const RAG_WORDS: Record<Rag | 'none', string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  none: 'No rating',
};

/** A number for plotting only, built from the exact value rounded to pennies (C1). */
export function plot(d: Decimal): number {
  return Number(toFixedString(d, 2));
}

export function plotRatio(d: Decimal): number {
  return Number(toFixedString(d, 4));
}

/** Short money for tooltips, with the exact figure: "£1.23m (£1,234,567.89)". */
export function moneyTip(d: Decimal): string {
  const short = formatShort(d);
  const exact = formatGbp(d);
  return short === exact.replace(/\.00$/, '') ? exact : `${short} (${exact})`;
}

export function chart(vm: Omit<ChartVm, 'json' | 'size'> & { spec: ChartSpec; size?: 'm' | 'l' }): ChartVm {
  const { spec, ...rest } = vm;
  return { size: 'm', ...rest, json: JSON.stringify(spec) };
}

/** A dataset of amounts: plotted to the penny, with the short and exact figure as each point's tooltip. */
export function moneyDataset(
  label: string,
  series: Series,
  values: Decimal[],
  extra: Partial<DatasetSpec> = {},
): DatasetSpec {
  return { label, series, data: values.map(plot), formatted: values.map(moneyTip), ...extra };
}

/** A realisation ratio with its rating as a tag, for a table cell. */
export function realisationCell(r: Pick<RealisationResult, 'ratio' | 'rag'>): TableCell {
  return {
    text: realisationText(r.ratio),
    tag: { text: RAG_WORDS[r.rag ?? 'none'], rag: r.rag ?? 'none' },
  };
}

// ## Project page

function yearlyChart(detail: ProjectDetail): ChartVm {
  const years = detail.years;
  const labels = years.map((y) => fyLabel(y.fy));
  const sum = (pick: (y: (typeof years)[number]) => Decimal) => years.reduce((s, y) => s.plus(pick(y)), ZERO);
  const yearly = (label: string, series: Series, pick: (y: (typeof years)[number]) => Decimal) =>
    moneyDataset(label, series, years.map(pick));
  return chart({
    id: 'chart-project-years',
    title: 'Costs and benefits by financial year',
    summary: years.length
      ? `Planned costs ${formatShort(sum((y) => y.plannedCosts))}, actual costs ${formatShort(sum((y) => y.actualCosts))}, expected benefits ${formatShort(sum((y) => y.expectedBenefits))} and realised benefits ${formatShort(sum((y) => y.realisedBenefits))}, from ${labels[0]} to ${labels[labels.length - 1]}. Undiscounted; benefits are money benefits net of dis-benefits, not risk-adjusted.`
      : 'No costs or benefits recorded yet.',
    spec: {
      type: 'bar',
      labels,
      datasets: [
        yearly('Planned cost', 'plannedCost', (y) => y.plannedCosts),
        yearly('Actual cost', 'actualCost', (y) => y.actualCosts),
        yearly('Expected benefits', 'expectedBenefit', (y) => y.expectedBenefits),
        yearly('Realised benefits', 'realisedBenefit', (y) => y.realisedBenefits),
      ],
      axes: { x: { title: 'Financial year', format: 'category' }, y: { title: 'Amount in the year', format: 'money' } },
    },
    table: {
      caption: 'Costs and benefits by financial year, undiscounted',
      head: ['Year', 'Planned cost', 'Actual cost', 'Expected benefits', 'Realised benefits'],
      numeric: [false, true, true, true, true],
      rows: years.map((y) => [
        { text: fyLabel(y.fy) },
        moneyCell(y.plannedCosts),
        moneyCell(y.actualCosts),
        moneyCell(y.expectedBenefits),
        moneyCell(y.realisedBenefits),
      ]),
    },
  });
}

function paybackChart(m: ProjectMetrics): ChartVm {
  const bc = new Map(m.businessCase.years.map((y) => [y.fy, y.cumulativeNet]));
  const fc = new Map(m.forecast.years.map((y) => [y.fy, y.cumulativeNet]));
  const fys = [...new Set([...bc.keys(), ...fc.keys()])].sort((a, b) => a - b);
  // After its last year a view has no more flows, so its cumulative net stays where it ended.
  const carry = (map: Map<number, Decimal>) => {
    let last = ZERO;
    return fys.map((fy) => (last = map.get(fy) ?? last));
  };
  const bcValues = carry(bc);
  const fcValues = carry(fc);
  const payback = m.forecast.paybackYears;
  return chart({
    id: 'chart-project-payback',
    title: 'Cumulative net benefit (payback)',
    summary: `Cumulative benefits minus cumulative costs, undiscounted, from ${fyLabel(m.settings.baseFy)}. Forecast payback: ${payback === null ? 'not reached' : `${toFixedString(payback, 2)} years`}; business case payback: ${m.businessCase.paybackYears === null ? 'not reached' : `${toFixedString(m.businessCase.paybackYears, 2)} years`}.`,
    spec: {
      type: 'line',
      labels: fys.map(fyLabel),
      datasets: [
        moneyDataset('Business case', 'netBusinessCase', bcValues),
        moneyDataset('Forecast', 'netForecast', fcValues),
      ],
      axes: {
        x: { title: 'Financial year', format: 'category' },
        y: { title: 'Cumulative net benefit', format: 'money' },
      },
    },
    table: {
      caption: 'Cumulative net benefit by financial year, undiscounted',
      head: ['Year', 'Business case', 'Forecast'],
      numeric: [false, true, true],
      rows: fys.map((fy, i) => [{ text: fyLabel(fy) }, moneyCell(bcValues[i]), moneyCell(fcValues[i])]),
    },
  });
}

function benefitsChart(list: BenefitRealisation[], asAtYear: string): ChartVm {
  const name = (b: BenefitRealisation) => `${b.ref}: ${b.title}`;
  const ratio = (b: BenefitRealisation) =>
    b.result.ratio === null
      ? 'nothing expected yet'
      : `${formatPercent(b.result.ratio)} ${RAG_WORDS[b.result.rag ?? 'none']}`;
  const type = (b: BenefitRealisation) =>
    `${b.type === 'cashable' ? 'Cashable' : 'Non-cashable'}${b.disbenefit ? ' dis-benefit' : ''}`;
  // Dis-benefits are shown as the amounts entered; the engine counts them negative (C5).
  const expected = list.map((b) => b.result.expectedToDate.abs());
  const realised = list.map((b) => b.result.realisedToDate.abs());
  return chart({
    id: 'chart-project-benefits',
    title: `Realisation of each benefit to ${asAtYear}`,
    summary: list.length
      ? `Expected and realised amounts to date for ${plural(list.length, 'money benefit')}, with the share realised and its rating.`
      : 'This project has no money benefits yet.',
    size: list.length > 6 ? 'l' : 'm',
    spec: {
      type: 'bar',
      indexAxis: 'y',
      labels: list.map((b) => `${b.ref} ${type(b).toLowerCase()}: ${ratio(b)}`),
      datasets: [
        moneyDataset('Expected to date', 'cashableExpected', expected, {
          pointSeries: list.map((b) => (b.type === 'cashable' ? 'cashableExpected' : 'nonCashableExpected')),
          formatted: list.map((b, i) => `${name(b)} (${type(b)}): ${moneyTip(expected[i])}`),
        }),
        moneyDataset('Realised to date', 'cashable', realised, {
          pointSeries: list.map((b) => (b.type === 'cashable' ? 'cashable' : 'nonCashable')),
          formatted: list.map((b, i) => `${name(b)} (${type(b)}): ${moneyTip(realised[i])}, ${ratio(b)}`),
        }),
      ],
      axes: { x: { title: 'Amount to date', format: 'money' }, y: { title: 'Benefit', format: 'category' } },
    },
    table: {
      caption: `Benefits realised to ${asAtYear} against the profile (not risk-adjusted)`,
      head: ['Benefit', 'Type', 'Expected to date', 'Realised to date', 'Realised'],
      numeric: [false, false, true, true, true],
      rows: list.map((b, i) => [
        { text: name(b) },
        { text: type(b) },
        moneyCell(expected[i]),
        moneyCell(realised[i]),
        realisationCell(b.result),
      ]),
    },
  });
}

/** The three charts of a project page. */
export function presentProjectCharts(page: ProjectPage): ChartVm[] {
  const m = page.metrics;
  return [yearlyChart(page), paybackChart(m), benefitsChart(page.benefitRealisations, fyLabel(m.settings.asAtFy))];
}

export const CHART_SCRIPTS = ['/vendor/chart.js/chart.umd.min.js', '/public/js/charts.js'];
