/**
 * The dashboards' tables as "Download this view" tables (issue 19): the forecast by directorate,
 * the top and bottom projects, a directorate's ranking, and the undiscounted totals by directorate.
 * The same rows as the page, readable headings, money as C7 strings.
 */
import type { Dashboard } from '../../domain/dashboard';
import type { DirectorateOverview, DirectorateSummary } from '../../domain/directorates';
import type { ProjectRow } from '../../domain/project-rows';
import type { SimpleTotals } from '../../finance';
import type { Cell, TableSpec } from '../../io/write-table';
import { toApiMoney, toFixedString } from '../../money';
import { RAG_WORDS } from './charts';
import { fyLabel } from './format';
import { PROJECT_STATUS_LABELS } from './labels';
import { col, PROJECT_ROW_COLUMNS, projectRowCells } from './view-downloads';

/** The forecast of each directorate's projects, from the dashboard's common base year (C6). */
export function directorateForecastTable(d: Dashboard): TableSpec {
  const base = fyLabel(d.metrics.settings.baseFy);
  return {
    name: 'Forecast by directorate',
    columns: [
      col('Directorate code'),
      col('Directorate'),
      col('Projects', 'integer'),
      col(`PV costs, discounted to ${base} (£)`, 'money'),
      col(`PV benefits, discounted to ${base} (£)`, 'money'),
      col('Forecast NPV (£)', 'money'),
      col('Forecast BCR', 'decimal', 4),
      col('Value for money'),
      col('Benefits realised to date (ratio)', 'decimal', 4),
      col('Realisation rating'),
    ],
    rows: [
      d.directorates.map((g): Cell[] => [
        g.code,
        g.name,
        String(g.projectCount),
        toApiMoney(g.forecast.pvCosts),
        toApiMoney(g.forecast.pvBenefits),
        toApiMoney(g.forecast.npv),
        toFixedString(g.forecast.bcr, 4),
        g.forecast.vfmCategory ?? 'None',
        toFixedString(g.realisation.ratio, 4),
        RAG_WORDS[g.realisation.rag ?? 'none'],
      ]),
    ],
  };
}

/** The top and bottom tables of a dashboard, one after another, each row saying which table it is in. */
export function highlightsTable(d: Dashboard): TableSpec {
  const h = d.highlights;
  const m = d.metrics;
  // As presentHighlights: with few projects the page shows one table of them all.
  const lists: [string, ProjectRow[]][] =
    m.projectCount <= h.npvHighest.length
      ? [['Forecast NPV, highest first', h.npvHighest]]
      : [
          ['Highest forecast NPV', h.npvHighest],
          ['Lowest forecast NPV', h.npvLowest],
          ['Highest benefits realisation', h.realisationHighest],
          ['Lowest benefits realisation', h.realisationLowest],
        ];
  return {
    name: 'Top and bottom projects',
    columns: [col('Table'), col('Position', 'integer'), ...PROJECT_ROW_COLUMNS],
    rows: [lists.flatMap(([list, rows]) => rows.map((r, i) => [list, String(i + 1), ...projectRowCells(r, m)]))],
  };
}

/** A directorate's ranking: every project in the order asked for (the page shows the first few). */
export function rankingTable(rows: ProjectRow[], d: Dashboard): TableSpec {
  return {
    name: 'Ranking',
    columns: [col('Rank', 'integer'), ...PROJECT_ROW_COLUMNS],
    rows: [rows.map((r, i) => [String(i + 1), ...projectRowCells(r, d.metrics)])],
  };
}

const totalsCells = (t: SimpleTotals): Cell[] => [
  toApiMoney(t.plannedCosts),
  toApiMoney(t.actualCosts),
  toApiMoney(t.expectedBenefits),
  toApiMoney(t.realisedBenefits),
];

/** Undiscounted totals, all years, per directorate; with `total`, a last row for the whole portfolio. */
export function directorateTotalsTable(
  directorates: DirectorateSummary[],
  total?: { projectCount: number; totals: SimpleTotals },
): TableSpec {
  const rows: Cell[][] = directorates.map((d) => [
    d.directorate.code,
    d.directorate.name,
    String(d.projectCount),
    ...totalsCells(d.totals),
  ]);
  if (total) rows.push(['', 'Whole portfolio', String(total.projectCount), ...totalsCells(total.totals)]);
  return {
    name: 'Directorates',
    columns: [
      col('Directorate code'),
      col('Directorate'),
      col('Projects', 'integer'),
      col('Planned cost (£)', 'money'),
      col('Actual cost (£)', 'money'),
      col('Expected benefits (£)', 'money'),
      col('Realised benefits (£)', 'money'),
    ],
    rows: [rows],
  };
}

/** A directorate's projects with their undiscounted totals, all years, and the directorate's total. */
export function projectTotalsTable(o: DirectorateOverview): TableSpec {
  const rows: Cell[][] = o.projects.map((p) => [
    p.project.code,
    p.project.name,
    PROJECT_STATUS_LABELS[p.project.status],
    ...totalsCells(p.totals),
  ]);
  rows.push(['', 'Total', '', ...totalsCells(o.totals)]);
  return {
    name: 'Projects',
    columns: [
      col('Project code'),
      col('Project'),
      col('Status'),
      col('Planned cost (£)', 'money'),
      col('Actual cost (£)', 'money'),
      col('Expected benefits (£)', 'money'),
      col('Realised benefits (£)', 'money'),
    ],
    rows: [rows],
  };
}
