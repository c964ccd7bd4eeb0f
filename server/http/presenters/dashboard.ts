/** Dashboard and board-report view models: filters, headline tiles, charts, rankings, exceptions. */
import type {
  BenefitYear,
  Dashboard,
  DashboardFilter,
  DashboardRankings,
  ProjectException,
  RankKey,
  ScrutinyReport,
} from '../../domain/dashboard';
import type { AggregateMetrics, ProjectHeadline } from '../../domain/metrics';
import type { ProjectRow } from '../../domain/project-rows';
import type { Directorate } from '../../records';
import { Decimal, formatGbp, formatPercent, formatShort, toFixedString } from '../../money';
import { formatDate, fyLabel, moneyCell, plural, ratioText, toPercentInput } from './format';
import { presentIndicators } from './indicators';
import { PROJECT_STATUS_LABELS, options } from './labels';
import {
  chart,
  moneyDataset,
  moneyTip,
  plot,
  plotRatio,
  RAG_WORDS,
  realisationCell,
  type ChartVm,
  type DatasetSpec,
  type Series,
  type TableCell,
} from './charts';
import { changeSinceBaseline } from './decisions';
import { verifiedSentence } from './verification';

// ## Filters

/** The filters read from the query string: what applies, what was typed, and a message per bad one. */
export interface FiltersInput {
  filter: DashboardFilter;
  values: {
    directorate: string;
    status: string;
    from: string;
    to: string;
    asAt: string;
    riskAdjusted: boolean;
    verifiedOnly?: boolean;
  };
  errors: Record<string, string>;
}

export function presentFilters(
  input: FiltersInput,
  action: string,
  directorates: Directorate[] | null,
  keep: Record<string, string> = {},
) {
  const v = input.values;
  const f = input.filter;
  const query = new URLSearchParams();
  if (f.status) query.set('status', f.status);
  if (f.fromFy !== undefined) query.set('from', fyLabel(f.fromFy));
  if (f.toFy !== undefined) query.set('to', fyLabel(f.toFy));
  if (v.asAt && !input.errors.asAt) query.set('asAt', f.asAt);
  if (f.riskAdjusted) query.set('riskAdjusted', 'true');
  if (f.verifiedOnly) query.set('verifiedOnly', 'true');
  const report = new URLSearchParams(query);
  if (f.directorateCode) {
    report.set('directorate', f.directorateCode);
    // On the directorate page the directorate is in the path, not the query.
    if (directorates) query.set('directorate', f.directorateCode);
  }
  const qs = (q: URLSearchParams) => (q.toString() ? `?${q.toString()}` : '');
  const directorateName = f.directorateCode
    ? (directorates?.find((d) => d.code === f.directorateCode)?.name ?? f.directorateCode)
    : 'All directorates';
  return {
    action,
    values: v,
    errors: input.errors,
    /** The filters in one line, so the headline comes first; the form opens from it, and is open when a filter is wrong. */
    summary: [
      directorateName,
      f.status ? PROJECT_STATUS_LABELS[f.status] : 'any status',
      yearRangeText(f.fromFy, f.toFy) ?? 'all years',
      `as at ${formatDate(f.asAt)}`,
      `risk-adjusted: ${f.riskAdjusted ? 'yes' : 'no'}`,
      ...(f.verifiedOnly ? ['verified realisations only'] : []),
    ].join(' · '),
    open: Object.keys(input.errors).length > 0,
    directorateOptions: directorates ? directorates.map((d) => ({ value: d.code, text: d.name })) : null,
    statusOptions: options(PROJECT_STATUS_LABELS),
    hidden: Object.entries(keep).map(([name, value]) => ({ name, value })),
    /** The valid filters as a query string, for links that must keep them (sorting). */
    query: query.toString(),
    filtered: query.toString() !== '',
    reportHref: `/reports/scrutiny${qs(report)}`,
    pdfHref: `/reports/scrutiny.pdf${qs(report)}`,
  };
}

export type FiltersView = ReturnType<typeof presentFilters>;

/** "2024/25 to 2026/27", "from 2024/25", "to 2026/27", or null for every year. */
function yearRangeText(fromFy: number | undefined, toFy: number | undefined): string | null {
  if (fromFy === undefined && toFy === undefined) return null;
  if (fromFy === undefined) return `up to ${fyLabel(toFy!)}`;
  if (toFy === undefined) return `from ${fyLabel(fromFy)}`;
  return `${fyLabel(fromFy)} to ${fyLabel(toFy)}`;
}

/** A year filter cuts the appraisal window (C6 views are whole-life): say so beside the headline. */
function yearsWarning(f: Dashboard['filter']): string | null {
  const range = yearRangeText(f.fromFy, f.toFy);
  return range ? `Only ${range}: these are not whole-life figures` : null;
}

function scopeSentence(d: Dashboard): string {
  const f = d.filter;
  const n = d.metrics.projectCount;
  const who = f.directorateCode ? (d.directorates[0]?.name ?? f.directorateCode) : 'all directorates';
  const status = f.status ? `status ${PROJECT_STATUS_LABELS[f.status].toLowerCase()}` : 'any status';
  const years =
    f.fromFy === undefined && f.toFy === undefined
      ? 'all years'
      : `${f.fromFy === undefined ? 'from the start' : `from ${fyLabel(f.fromFy)}`} ${f.toFy === undefined ? 'onwards' : `to ${fyLabel(f.toFy)}`}`;
  return `${n} project${n === 1 ? '' : 's'}: ${who}, ${status}, ${years}; as at ${formatDate(f.asAt)}; benefits ${f.riskAdjusted ? 'risk-adjusted by confidence' : 'not risk-adjusted'}${f.verifiedOnly ? '; verified realisations only' : ''}.`;
}

// ## Headline tiles

function tiles(d: Dashboard) {
  const m = d.metrics;
  const fc = m.forecast;
  const r = m.realisation;
  const cv = m.costVariance;
  const asAtYear = fyLabel(m.settings.asAtFy);
  return [
    {
      id: 'headline-invested',
      label: 'Invested to date',
      value: formatShort(m.toDate.totals.costs),
      title: formatGbp(m.toDate.totals.costs),
      note: `actual costs to ${asAtYear}`,
      href: '/glossary#views',
    },
    {
      id: 'headline-pv-benefits',
      label: 'Present value of benefits',
      value: formatShort(fc.pvBenefits),
      title: formatGbp(fc.pvBenefits),
      note: `forecast, discounted to ${fyLabel(m.settings.baseFy)}`,
      href: '/glossary#discounting',
    },
    {
      id: 'headline-npv',
      label: 'Net present value',
      value: formatShort(fc.npv),
      title: formatGbp(fc.npv),
      note: 'forecast',
      href: '/glossary#npv',
      negative: fc.npv.isNeg() && !fc.npv.isZero(),
    },
    {
      id: 'headline-bcr',
      label: 'Benefit-cost ratio',
      value: ratioText(fc.bcr),
      title: fc.bcr === null ? 'No costs' : toFixedString(fc.bcr, 4)!,
      note: fc.vfmCategory ? `${fc.vfmCategory} value for money` : 'No value-for-money category',
      href: '/glossary#bcr',
    },
    {
      id: 'headline-realisation',
      label: 'Benefits realised',
      value: r.ratio === null ? 'None due' : formatPercent(r.ratio),
      title: r.ratio === null ? 'Nothing expected yet' : formatPercent(r.ratio, 2),
      rag: r.rag ?? 'none',
      ragLabel: RAG_WORDS[r.rag ?? 'none'],
      // C10: how much of realised is verified.
      note: `${formatShort(r.realisedToDate)} of ${formatShort(r.expectedToDate)} expected to ${asAtYear}. ${verifiedSentence(m.verifiedShare, m.settings.verifiedOnly)}`,
      href: '/glossary#realisation',
    },
    {
      id: 'headline-cost-variance',
      label: 'Cost variance to date',
      value:
        cv.varianceRatio === null ? '—' : `${cv.varianceRatio.isNeg() ? '' : '+'}${formatPercent(cv.varianceRatio)}`,
      title: formatGbp(cv.variance),
      note: `${formatShort(cv.actual)} actual against ${formatShort(cv.planned)} planned`,
      href: '/glossary#cost-variance',
      negative: cv.variance.isPos() && !cv.variance.isZero(),
    },
  ];
}

// ## Charts

function benefitsByYearChart(d: Dashboard, id: string): ChartVm {
  const ys = d.benefitsByYear;
  const labels = ys.map((y) => fyLabel(y.fy));
  // Bars per year on the left-hand scale, cumulative lines on the right; a year not yet due has no point.
  const yearly = (label: string, series: Series, type: 'bar' | 'line', pick: (y: BenefitYear) => Decimal | null) => {
    const values = ys.map(pick);
    return {
      label,
      series,
      type,
      yAxisID: type === 'bar' ? 'y' : 'y2',
      data: values.map((v) => (v === null ? null : plot(v))),
      formatted: values.map((v) => (v === null ? 'not yet due' : moneyTip(v))),
    } satisfies DatasetSpec;
  };
  const last = ys[ys.length - 1];
  const asAtYear = fyLabel(d.metrics.settings.asAtFy);
  const realisedTotal = [...ys].reverse().find((y) => y.cumulativeRealised !== null)?.cumulativeRealised ?? null;
  return chart({
    id,
    title: 'Expected and realised benefits by financial year',
    summary: ys.length
      ? `Expected benefits total ${formatShort(last.cumulativeExpected)} from ${labels[0]} to ${labels[labels.length - 1]}${d.filter.riskAdjusted ? ', risk-adjusted' : ''}; ${realisedTotal === null ? 'nothing was due' : `${formatShort(realisedTotal)} was realised`} to ${asAtYear}. Bars are per year; lines are cumulative (right-hand scale).`
      : 'No benefits in this selection.',
    spec: {
      type: 'bar',
      labels,
      datasets: [
        yearly('Expected in year', 'expectedBenefit', 'bar', (y) => y.expected),
        yearly('Realised in year', 'realisedBenefit', 'bar', (y) => y.realised),
        yearly('Cumulative expected', 'cumulativeExpected', 'line', (y) => y.cumulativeExpected),
        yearly('Cumulative realised', 'cumulativeRealised', 'line', (y) => y.cumulativeRealised),
      ],
      axes: {
        x: { title: 'Financial year', format: 'category' },
        y: { title: 'In the year', format: 'money' },
        y2: { title: 'Cumulative', format: 'money' },
      },
    },
    table: {
      caption: `Benefits by financial year (undiscounted; realised figures to ${asAtYear})`,
      head: ['Year', 'Expected in year', 'Realised in year', 'Cumulative expected', 'Cumulative realised'],
      numeric: [false, true, true, true, true],
      rows: ys.map((y) => [
        { text: fyLabel(y.fy) },
        moneyCell(y.expected),
        y.realised === null ? { text: 'Not yet due' } : moneyCell(y.realised),
        moneyCell(y.cumulativeExpected),
        y.cumulativeRealised === null ? { text: 'Not yet due' } : moneyCell(y.cumulativeRealised),
      ]),
    },
  });
}

function paybackChart(d: Dashboard, id: string): ChartVm {
  const ys = d.payback;
  const costs = ys.map((y) => y.cumulativeCosts);
  const benefits = ys.map((y) => y.cumulativeBenefits);
  const p = d.metrics.forecast.paybackYears;
  return chart({
    id,
    title: 'Cumulative costs and benefits (payback)',
    summary: `Forecast, undiscounted: actual figures before ${fyLabel(d.metrics.settings.asAtFy)}, plans from then. Benefits catch up with costs ${p === null ? 'within none of these years' : `after ${toFixedString(p, 2)} years from ${fyLabel(d.metrics.settings.baseFy)}`}.`,
    spec: {
      type: 'line',
      labels: ys.map((y) => fyLabel(y.fy)),
      datasets: [
        moneyDataset('Cumulative costs', 'cumulativeCost', costs),
        moneyDataset('Cumulative benefits', 'cumulativeBenefit', benefits),
      ],
      axes: { x: { title: 'Financial year', format: 'category' }, y: { title: 'Cumulative amount', format: 'money' } },
    },
    table: {
      caption: 'Cumulative forecast costs and benefits, undiscounted',
      head: ['Year', 'Cumulative costs', 'Cumulative benefits', 'Cumulative net'],
      numeric: [false, true, true, true],
      rows: ys.map((y) => [
        { text: fyLabel(y.fy) },
        moneyCell(y.cumulativeCosts),
        moneyCell(y.cumulativeBenefits),
        moneyCell(y.cumulativeNet),
      ]),
    },
  });
}

function ragCell(h: ProjectHeadline): TableCell {
  return realisationCell(h.views.realisation);
}

function projectHref(code: string): string {
  return `/projects/${encodeURIComponent(code)}`;
}

function npvByDirectorateChart(d: Dashboard, id: string): ChartVm {
  const ds = d.directorates;
  return chart({
    id,
    title: 'Net present value by directorate',
    summary: `Forecast NPV of each directorate's projects, summed per year and discounted to ${fyLabel(d.metrics.settings.baseFy)}, the common base year, so the directorates add up to the portfolio. A directorate's own page discounts to its own earliest base year.`,
    spec: {
      type: 'bar',
      labels: ds.map((g) => g.name),
      datasets: [
        {
          label: 'Net present value',
          series: 'npvPositive',
          pointSeries: ds.map((g) => (g.forecast.npv.isNeg() ? 'npvNegative' : 'npvPositive')),
          data: ds.map((g) => plot(g.forecast.npv)),
          formatted: ds.map((g) => `${moneyTip(g.forecast.npv)}; BCR ${ratioText(g.forecast.bcr)}`),
        },
      ],
      axes: { x: { title: 'Directorate', format: 'category' }, y: { title: 'Net present value', format: 'money' } },
    },
    table: {
      caption: `Forecast by directorate, discounted to ${fyLabel(d.metrics.settings.baseFy)}`,
      head: ['Directorate', 'Projects', 'PV costs', 'PV benefits', 'NPV', 'BCR', 'Value for money', 'Realised'],
      numeric: [false, true, true, true, true, true, false, true],
      rows: ds.map((g) => [
        { text: g.name, href: `/directorates/${encodeURIComponent(g.code)}` },
        { text: String(g.projectCount) },
        moneyCell(g.forecast.pvCosts),
        moneyCell(g.forecast.pvBenefits),
        moneyCell(g.forecast.npv),
        { text: ratioText(g.forecast.bcr) },
        { text: g.forecast.vfmCategory ?? 'None' },
        realisationCell(g.realisation),
      ]),
    },
  });
}

function npvByProjectChart(d: Dashboard, id: string): ChartVm {
  const ps = rankingsOf(d).byNpv;
  const ends = d.metrics.projectCount > ps.length;
  return chart({
    id,
    title: ends
      ? `Net present value: the ${ps.length / 2} highest and lowest projects`
      : 'Net present value by project',
    summary: `Forecast NPV of ${ends ? `the ${ps.length / 2} highest and the ${ps.length / 2} lowest of the ${d.metrics.projectCount} projects` : 'each project'} on its own terms (its own base year and discount rule), highest first.`,
    size: ps.length > 8 ? 'l' : 'm',
    spec: {
      type: 'bar',
      indexAxis: 'y',
      labels: ps.map((h) => h.project.code),
      datasets: [
        {
          label: 'Net present value',
          series: 'npvPositive',
          pointSeries: ps.map((h) => (h.views.forecast.npv.isNeg() ? 'npvNegative' : 'npvPositive')),
          data: ps.map((h) => plot(h.views.forecast.npv)),
          formatted: ps.map(
            (h) => `${h.project.name}: ${moneyTip(h.views.forecast.npv)}; BCR ${ratioText(h.views.forecast.bcr)}`,
          ),
        },
      ],
      axes: { x: { title: 'Net present value', format: 'money' }, y: { title: 'Project', format: 'category' } },
    },
    table: {
      caption: 'Forecast net present value by project',
      head: ['Project', 'NPV', 'BCR', 'Value for money'],
      numeric: [false, true, true, false],
      rows: ps.map((h) => [
        { text: `${h.project.name} (${h.project.code})`, href: projectHref(h.project.code) },
        moneyCell(h.views.forecast.npv),
        { text: ratioText(h.views.forecast.bcr) },
        { text: h.views.forecast.vfmCategory ?? 'None' },
      ]),
    },
  });
}

function countChart(
  id: string,
  title: string,
  summary: string,
  rows: { label: string; count: number; series: 'count' | 'green' | 'amber' | 'red' | 'none' }[],
  head: string,
): ChartVm {
  return chart({
    id,
    title,
    summary,
    spec: {
      type: 'bar',
      labels: rows.map((r) => r.label),
      datasets: [
        {
          label: 'Projects',
          series: 'count',
          pointSeries: rows.map((r) => r.series),
          data: rows.map((r) => r.count),
          formatted: rows.map((r) => `${r.count} project${r.count === 1 ? '' : 's'}`),
        },
      ],
      axes: { x: { title: head, format: 'category' }, y: { title: 'Number of projects', format: 'count' } },
    },
    table: {
      caption: title,
      head: [head, 'Projects'],
      numeric: [false, true],
      rows: rows.map((r) => [{ text: r.label }, { text: String(r.count) }]),
    },
  });
}

const ONE_POUND = new Decimal(1);

function bubbleChart(d: Dashboard, id: string): ChartVm {
  const ps = d.largest;
  const plotted = ps.filter((h) => h.views.forecast.bcr !== null && h.views.forecast.totals.costs.isPos());
  const max = plotted.reduce((m, h) => Decimal.max(m, h.views.forecast.totals.costs), ONE_POUND);
  // Bubble area in proportion to cost, worked in Decimal (C1); only the whole-pixel radius becomes a
  // number. The exact cost is in the tooltip and table.
  const radius = (h: ProjectHeadline) =>
    4 + plot(h.views.forecast.totals.costs.dividedBy(max).sqrt().times(22).toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
  const groups = (['green', 'amber', 'red', 'none'] as const)
    .map((rag) => ({ rag, list: plotted.filter((h) => (h.views.realisation.rag ?? 'none') === rag) }))
    .filter((g) => g.list.length);
  const tip = (h: ProjectHeadline) =>
    `${h.project.name} (${h.project.code}): cost ${moneyTip(h.views.forecast.totals.costs)}, BCR ${ratioText(h.views.forecast.bcr)}, realised ${ragCell(h).text} (${RAG_WORDS[h.views.realisation.rag ?? 'none']})`;
  const byCost = [...ps].sort(
    (a, b) =>
      b.views.forecast.totals.costs.comparedTo(a.views.forecast.totals.costs) ||
      a.project.code.localeCompare(b.project.code),
  );
  return chart({
    id,
    title: 'Projects by whole-life cost and benefit-cost ratio',
    summary: `Each bubble is a project${d.metrics.projectCount > ps.length ? ` (the ${ps.length} largest by forecast whole-life cost, of ${d.metrics.projectCount})` : ''}: further right costs more, higher gives more benefit per pound, and a bigger bubble is a bigger cost. Shape and legend give the realisation rating. Select a bubble to open its project.${ps.length > plotted.length ? ` ${ps.length - plotted.length} project${ps.length - plotted.length === 1 ? ' has' : 's have'} no costs, so no ratio to plot.` : ''}`,
    size: 'l',
    spec: {
      type: 'bubble',
      labels: [],
      datasets: groups.map((g) => ({
        label: `Realisation ${RAG_WORDS[g.rag].toLowerCase()}`,
        series: g.rag,
        data: g.list.map((h) => ({
          x: plot(h.views.forecast.totals.costs),
          y: plotRatio(h.views.forecast.bcr!),
          r: radius(h),
        })),
        formatted: g.list.map(tip),
        links: g.list.map((h) => projectHref(h.project.code)),
      })),
      axes: {
        x: { title: 'Whole-life cost (forecast, undiscounted)', format: 'money' },
        y: { title: 'Benefit-cost ratio', format: 'ratio' },
      },
    },
    table: {
      caption: 'Projects by forecast whole-life cost, largest first',
      head: ['Project', 'Directorate', 'Whole-life cost', 'BCR', 'Value for money', 'Realised'],
      numeric: [false, false, true, true, false, true],
      rows: byCost.map((h) => [
        { text: `${h.project.name} (${h.project.code})`, href: projectHref(h.project.code) },
        { text: h.project.directorateName },
        moneyCell(h.views.forecast.totals.costs),
        { text: ratioText(h.views.forecast.bcr) },
        { text: h.views.forecast.vfmCategory ?? 'None' },
        ragCell(h),
      ]),
    },
  });
}

function charts(d: Dashboard, scope: 'portfolio' | 'directorate', prefix: string): ChartVm[] {
  return [
    benefitsByYearChart(d, `${prefix}-benefits`),
    paybackChart(d, `${prefix}-payback`),
    scope === 'portfolio' ? npvByDirectorateChart(d, `${prefix}-npv`) : npvByProjectChart(d, `${prefix}-npv`),
    countChart(
      `${prefix}-vfm`,
      'Projects by value-for-money category',
      'Number of projects in each value-for-money category of their forecast benefit-cost ratio.',
      d.vfmCounts.map((c) => ({ label: c.category ?? 'No category', count: c.count, series: 'count' })),
      'Value-for-money category',
    ),
    countChart(
      `${prefix}-rag`,
      'Projects by benefits realisation rating',
      'Number of projects rated green, amber or red for benefits realised against plan to date.',
      d.ragCounts.map((c) => ({ label: RAG_WORDS[c.rag ?? 'none'], count: c.count, series: c.rag ?? 'none' })),
      'Realisation rating',
    ),
    bubbleChart(d, `${prefix}-bubble`),
  ];
}

// ## Ranking

/** A directorate's dashboard is asked for with its rankings (getDashboard's sort). */
function rankingsOf(d: Dashboard): DashboardRankings {
  if (!d.rankings)
    throw new Error(`The dashboard for ${d.filter.directorateCode ?? 'the portfolio'} was made without its rankings`);
  return d.rankings;
}

const RANK_LABELS: Record<RankKey, string> = {
  npv: 'Net present value',
  bcr: 'Benefit-cost ratio',
  realisation: 'Benefits realised',
};

/** The dashboard's ranking table, with links that sort it and keep the filters (`query`). */
export function presentRanking(d: Dashboard, base: string, query: string) {
  const ranking = rankingsOf(d).ranking;
  const { key, dir } = ranking.sort;
  const link = (k: RankKey) => {
    const next = k === key ? (dir === 'desc' ? 'asc' : 'desc') : 'desc';
    const q = new URLSearchParams(query);
    q.set('sort', k);
    q.set('dir', next);
    return `${base}?${q.toString()}#ranking`;
  };
  return {
    caption: `${ranking.total > ranking.projects.length ? `The first ${ranking.projects.length} of ${ranking.total} projects` : 'Projects'} ranked by ${RANK_LABELS[key].toLowerCase()}, ${dir === 'desc' ? 'highest' : 'lowest'} first (forecast)`,
    total: ranking.total,
    columns: (Object.keys(RANK_LABELS) as RankKey[]).map((k) => ({
      key: k,
      label: RANK_LABELS[k],
      href: link(k),
      ariaSort: k === key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none',
      active: k === key,
    })),
    rows: ranking.projects.map((h, i) => ({
      rank: String(i + 1),
      name: h.project.name,
      code: h.project.code,
      href: projectHref(h.project.code),
      status: PROJECT_STATUS_LABELS[h.project.status],
      npv: moneyCell(h.views.forecast.npv),
      bcr: ratioText(h.views.forecast.bcr),
      vfm: h.views.forecast.vfmCategory ?? 'None',
      realisation: ragCell(h),
    })),
  };
}

// ## Top and bottom projects, with their C6 contributions

/**
 * Why a project's own NPV differs from its contribution to the aggregate (C6): its own base year
 * or its own discount rate. Null when both are the aggregate's, so the two are the same figure.
 */
export function ownBasisReason(p: ProjectRow['project'], m: AggregateMetrics): string | null {
  const reasons: string[] = [];
  if (p.discountRate !== null) reasons.push(`own rate ${toPercentInput(p.discountRate)}%`);
  if (p.baseFy !== m.basis.baseFy) reasons.push(`own base year ${fyLabel(p.baseFy)}`);
  return reasons.length ? reasons.join(', ') : null;
}

function highlightRows(rows: ProjectRow[], m: AggregateMetrics) {
  return rows.map((h) => {
    const reason = ownBasisReason(h.project, m);
    return {
      name: h.project.name,
      code: h.project.code,
      href: projectHref(h.project.code),
      contribution: moneyCell(h.contribution.forecast.npv),
      own: moneyCell(h.views.forecast.npv),
      /** Why the project's own NPV is not its contribution; null when they are the same figure. */
      reason,
      bcr: ratioText(h.views.forecast.bcr),
      vfm: h.views.forecast.vfmCategory ?? 'None',
      realisation: ragCell(h),
      // C9: forecast against the latest baseline (NPV and band); null before approval.
      sinceBaseline: h.baseline ? changeSinceBaseline(h.views.forecast, h.baseline) : null,
    };
  });
}

/** The project list with the dashboard's directorate and status, for "all N projects". */
function projectListHref(f: Dashboard['filter']): string {
  const q = new URLSearchParams();
  if (f.directorateCode) q.set('directorate', f.directorateCode);
  if (f.status) q.set('status', f.status);
  return q.toString() ? `/projects?${q.toString()}` : '/projects';
}

/** The top and bottom projects (TOP each) by forecast NPV and by realisation, and where the full list is. */
export function presentHighlights(d: Dashboard, listHref: string) {
  const m = d.metrics;
  const h = d.highlights;
  const table = (id: string, caption: string, rows: ProjectRow[]) => ({ id, caption, rows: highlightRows(rows, m) });
  const few = m.projectCount <= h.npvHighest.length;
  return {
    projectCount: m.projectCount,
    listHref,
    baselineNote: `Change since baseline: each project's forecast against its latest approved baseline (C9). ${plural(
      m.projectCount - m.projectsWithoutBaseline,
      'project',
    )} of ${m.projectCount} ${m.projectCount - m.projectsWithoutBaseline === 1 ? 'has' : 'have'} a baseline.`,
    basisNote: `Contribution: the project's forecast NPV on this ${d.filter.directorateCode ? 'directorate' : 'portfolio'}'s basis (base year ${fyLabel(m.basis.baseFy)}, the organisation's discount rule), so the contributions of all ${m.projectCount} project${m.projectCount === 1 ? '' : 's'} add up to the headline NPV. Where a project's own figure differs, it is shown with the reason.`,
    tables: few
      ? [table('top-npv', 'Projects by forecast net present value, highest first', h.npvHighest)]
      : [
          table('top-npv', `The ${h.npvHighest.length} projects with the highest forecast NPV`, h.npvHighest),
          table('bottom-npv', `The ${h.npvLowest.length} projects with the lowest forecast NPV`, h.npvLowest),
          table(
            'top-realisation',
            `The ${h.realisationHighest.length} projects with the highest benefits realisation to date`,
            h.realisationHighest,
          ),
          table(
            'bottom-realisation',
            `The ${h.realisationLowest.length} projects with the lowest benefits realisation to date`,
            h.realisationLowest,
          ),
        ],
  };
}

// ## Pages

/**
 * The same dashboard object comes back from the domain's memo until the next write, and a view
 * model depends on nothing else: build it once per dashboard (views never change it).
 */
const presented = new WeakMap<Dashboard, Map<string, DashboardView>>();

export function presentDashboard(d: Dashboard, scope: 'portfolio' | 'directorate', prefix = 'chart'): DashboardView {
  let byScope = presented.get(d);
  if (!byScope) presented.set(d, (byScope = new Map()));
  const key = `${scope} ${prefix}`;
  let vm = byScope.get(key);
  if (!vm) byScope.set(key, (vm = buildDashboardView(d, scope, prefix)));
  return vm;
}

function buildDashboardView(d: Dashboard, scope: 'portfolio' | 'directorate', prefix: string) {
  return {
    scope: scopeSentence(d),
    isEmpty: d.metrics.projectCount === 0,
    yearsWarning: yearsWarning(d.filter),
    tiles: tiles(d),
    highlights: presentHighlights(d, projectListHref(d.filter)),
    charts: d.metrics.projectCount ? charts(d, scope, prefix) : [],
    indicators: presentIndicators(d.metrics, d.metrics.settings, 'aggregate'),
  };
}

export type DashboardView = ReturnType<typeof buildDashboardView>;

function exceptionRow(e: ProjectException) {
  const v = e.headline.views;
  const reasons: string[] = [];
  if (e.redRealisation)
    reasons.push(`Red realisation: ${formatPercent(v.realisation.ratio)} of benefits expected to date`);
  if (e.poorBcr) reasons.push(`Forecast benefit-cost ratio ${ratioText(v.forecast.bcr)} (below 1)`);
  if (e.overrun)
    reasons.push(
      `Cost overrun ${formatPercent(v.costVariance.varianceRatio)} (${formatGbp(v.costVariance.variance)}) to date`,
    );
  return {
    name: e.headline.project.name,
    code: e.headline.project.code,
    href: projectHref(e.headline.project.code),
    directorate: e.headline.project.directorateName,
    reasons,
  };
}

export function presentReport(r: ScrutinyReport, filters: FiltersView, generatedAt: string) {
  const portfolio = presentDashboard(r.portfolio, 'portfolio', 'report');
  const s = r.portfolio.metrics.settings;
  return {
    cover: {
      scope: portfolio.scope,
      asAt: formatDate(s.asAt),
      asAtYear: fyLabel(s.asAtFy),
      baseYear: fyLabel(s.baseFy),
      rule: portfolio.indicators.rule,
      priceBasis: portfolio.indicators.priceBasis,
      riskAdjusted: s.riskAdjusted,
      generated: generatedAt,
    },
    portfolio: { ...portfolio, charts: portfolio.charts.filter((c) => /-(benefits|payback|npv|rag)$/.test(c.id)) },
    sections: r.sections.map((d) => {
      const code = d.filter.directorateCode!;
      const v = presentDashboard(d, 'directorate', `report-${code.toLowerCase()}`);
      const name = d.directorates[0]?.name ?? code;
      // Each section's tables are named for its directorate, so they stay distinct in one document.
      const charts = v.charts
        .filter((c) => /-(benefits|payback)$/.test(c.id))
        .map((c) => ({ ...c, table: { ...c.table, caption: `${name}: ${c.table.caption}` } }));
      return {
        code,
        name,
        ...v,
        charts,
        ranking: presentRanking(d, `/directorates/${encodeURIComponent(code)}`, filters.query),
      };
    }),
    exceptions: r.exceptions.map(exceptionRow),
    exceptionCaption:
      r.exceptionCount > r.exceptions.length
        ? `The ${r.exceptions.length} of ${r.exceptionCount} projects needing attention with the lowest benefits realisation`
        : `${r.exceptionCount} project${r.exceptionCount === 1 ? '' : 's'} needing attention`,
    exceptionsMore:
      r.exceptionCount > r.exceptions.length
        ? { count: r.exceptionCount - r.exceptions.length, href: '/projects?sort=realisation&dir=asc' }
        : null,
    pdfHref: filters.pdfHref,
  };
}
