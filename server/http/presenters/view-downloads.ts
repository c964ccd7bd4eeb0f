/**
 * "Download this view" (issue 19): the links beside a table, and the project-row columns that the
 * project list, the dashboards' top and bottom tables and the directorate ranking share. Tables
 * for people have readable headings; the import layouts (io/layouts.ts) keep their machine names.
 * Cells are exact strings (money as C7 "1234.50"); io/write-table.ts turns them into numbers
 * for .xlsx from that string, as the benefits register's download does.
 */
import type { AggregateMetrics } from '../../domain/metrics';
import type { ProjectRow } from '../../domain/project-rows';
import type { Cell, ColumnSpec } from '../../io/write-table';
import { toApiMoney, toFixedString } from '../../money';
import { RAG_WORDS } from './charts';
import { changeSinceBaseline } from './decisions';
import { ownBasisReason } from './dashboard';
import { PROJECT_STATUS_LABELS } from './labels';

export interface DownloadLinks {
  csv: string;
  xlsx: string;
  /** What the links download, for screen readers ("the project list"). */
  label: string;
  /** Shown beside the links when the download is more (or less) than the page shows. */
  note: string | null;
}

/** The CSV and .xlsx links of `path` with the page's query (filters, sort) and any `extra` parameters. */
export function downloadLinks(
  path: string,
  query: string | URLSearchParams,
  label: string,
  extra: Record<string, string> = {},
  note: string | null = null,
): DownloadLinks {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const qs = q.toString() ? `?${q.toString()}` : '';
  return { csv: `${path}.csv${qs}`, xlsx: `${path}.xlsx${qs}`, label, note };
}

export const col = (header: string, kind: ColumnSpec['kind'] = 'text', places?: number): ColumnSpec => ({
  header,
  kind,
  places,
});

/** The columns of one project row as the list and dashboards show it (forecast view). */
export const PROJECT_ROW_COLUMNS: ColumnSpec[] = [
  col('Project code'),
  col('Project'),
  col('Status'),
  col('Directorate'),
  col('Whole-life cost, forecast (£)', 'money'),
  col('Forecast NPV (£)', 'money'),
  col('Own basis of the NPV'),
  col('Contribution to the total NPV (£)', 'money'),
  col('Forecast BCR', 'decimal', 4),
  col('Value for money'),
  col('Change in NPV since baseline (£)', 'money'),
  col('Value-for-money band since baseline'),
  col('Benefits realised to date (ratio)', 'decimal', 4),
  col('Realisation rating'),
  col('Cost variance to date (£)', 'money'),
  col('Cost variance to date (ratio)', 'decimal', 4),
];

/** One project's cells for PROJECT_ROW_COLUMNS; `m` is the aggregate its contribution is part of (C6). */
export function projectRowCells(r: ProjectRow, m: AggregateMetrics): Cell[] {
  const f = r.views.forecast;
  const cv = r.views.costVariance;
  const realisation = r.views.realisation;
  return [
    r.project.code,
    r.project.name,
    PROJECT_STATUS_LABELS[r.project.status],
    r.project.directorateName,
    toApiMoney(f.totals.costs),
    toApiMoney(f.npv),
    ownBasisReason(r.project, m) ?? '',
    toApiMoney(r.contribution.forecast.npv),
    toFixedString(f.bcr, 4),
    f.vfmCategory ?? 'None',
    // C9: forecast against the latest baseline; blank before approval.
    r.baseline ? toApiMoney(f.npv.minus(r.baseline.npv)) : null,
    r.baseline ? changeSinceBaseline(f, r.baseline).band : 'No baseline',
    toFixedString(realisation.ratio, 4),
    RAG_WORDS[realisation.rag ?? 'none'],
    toApiMoney(cv.variance),
    toFixedString(cv.varianceRatio, 4),
  ];
}
