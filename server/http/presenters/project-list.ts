/** The project list page: sortable columns of headline indicators, pages, and the current view's export link. */
import type { ProjectList, ProjectListQuery } from '../../domain/project-list';
import type { ProjectRow } from '../../domain/project-rows';
import { formatGbp, formatPercent, formatShort } from '../../money';
import { realisationCell } from './charts';
import { ownBasisReason } from './dashboard';
import { fyLabel, moneyCell, plural, ratioText } from './format';
import { PROJECT_STATUS_LABELS } from './labels';
import { changeSinceBaseline } from './decisions';
import type { AggregateMetrics } from '../../domain/metrics';
import type { TableSpec } from '../../io/write-table';
import { downloadLinks, PROJECT_ROW_COLUMNS, projectRowCells } from './view-downloads';

type SortKey = ProjectListQuery['sort']['key'];

/** Columns in order; `key` is what a column sorts by (null: it follows another column's order). */
const COLUMNS: { key: SortKey | null; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Project', numeric: false },
  { key: null, label: 'Directorate', numeric: false },
  { key: 'cost', label: 'Whole-life cost', numeric: true },
  { key: 'npv', label: 'Forecast NPV', numeric: true },
  { key: null, label: 'Contribution to total NPV', numeric: true },
  { key: 'bcr', label: 'BCR', numeric: true },
  { key: null, label: 'Value for money', numeric: false },
  { key: null, label: 'Change since baseline', numeric: true },
  { key: 'realisation', label: 'Benefits realised', numeric: true },
  { key: 'variance', label: 'Cost variance to date', numeric: true },
];

export interface ListFilters {
  directorate: string;
  status: string;
  q: string;
}

function query(f: ListFilters, extra: Record<string, string>): string {
  const q = new URLSearchParams();
  if (f.directorate) q.set('directorate', f.directorate);
  if (f.status) q.set('status', f.status);
  if (f.q) q.set('q', f.q);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

function row(r: ProjectRow, list: ProjectList) {
  const reason = list.metrics ? ownBasisReason(r.project, list.metrics) : null;
  const cv = r.views.costVariance;
  return {
    name: r.project.name,
    code: r.project.code,
    href: `/projects/${encodeURIComponent(r.project.code)}`,
    directorate: r.project.directorateName,
    status: PROJECT_STATUS_LABELS[r.project.status],
    cost: moneyCell(r.views.forecast.totals.costs),
    npv: moneyCell(r.views.forecast.npv),
    ownReason: reason,
    contribution: moneyCell(r.contribution.forecast.npv),
    bcr: ratioText(r.views.forecast.bcr),
    vfm: r.views.forecast.vfmCategory ?? 'None',
    // C9: the forecast against the latest baseline (NPV and band); none before approval.
    sinceBaseline: r.baseline ? changeSinceBaseline(r.views.forecast, r.baseline) : null,
    realisation: realisationCell(r.views.realisation),
    variance: {
      ...moneyCell(cv.variance),
      ratio: cv.varianceRatio === null ? 'no plan to date' : formatPercent(cv.varianceRatio),
    },
  };
}

export function presentProjectList(list: ProjectList, sort: ProjectListQuery['sort'], f: ListFilters) {
  const link = (key: SortKey) => {
    const dir = key === sort.key ? (sort.dir === 'desc' ? 'asc' : 'desc') : key === 'name' ? 'asc' : 'desc';
    return `/projects?${query(f, { sort: key, dir })}`;
  };
  const keep = { sort: sort.key, dir: sort.dir };
  const pageHref = (n: number) => `/projects?${query(f, { ...keep, page: String(n) })}`;
  const m = list.metrics;
  const first = (list.page - 1) * 50 + 1;
  return {
    countText: plural(list.total, 'project'),
    rangeText: list.total ? `${first} to ${first + list.rows.length - 1} of ${list.total}` : '',
    headline: m
      ? {
          npv: formatShort(m.forecast.npv),
          npvTitle: formatGbp(m.forecast.npv),
          note: `Forecast NPV of these ${plural(list.total, 'project')} together, discounted to ${fyLabel(m.basis.baseFy)} under the organisation's rule, as at today. Each project's contribution is its share of it, so the contributions add up to it (they may not sum exactly on screen due to rounding); a project's own NPV uses its own base year and rate.`,
        }
      : null,
    columns: COLUMNS.map((c) => ({
      label: c.label,
      numeric: c.numeric,
      href: c.key === null ? null : link(c.key),
      ariaSort: c.key !== null && c.key === sort.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined,
    })),
    rows: list.rows.map((r) => row(r, list)),
    pagination:
      list.pageCount > 1
        ? {
            previous: list.page > 1 ? pageHref(list.page - 1) : null,
            next: list.page < list.pageCount ? pageHref(list.page + 1) : null,
            items: pageItems(list.page, list.pageCount).map((n) =>
              n === null ? { ellipsis: true } : { number: n, href: pageHref(n), current: n === list.page },
            ),
          }
        : null,
    // Issue 19: every project of this view (all pages), with its filters, search and order.
    download: downloadLinks('/projects', query(f, keep), 'the project list', {}, 'every page, in this order'),
  };
}

/** GOV.UK pagination: first, last, and the pages around the current one, with gaps. */
function pageItems(page: number, count: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - page) <= 1) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/** "Download this view" of the project list: its rows in its order, readable headings (issue 19). */
export function projectListTable(rows: ProjectRow[], m: AggregateMetrics | null): TableSpec {
  return { name: 'Projects', columns: PROJECT_ROW_COLUMNS, rows: [m ? rows.map((r) => projectRowCells(r, m)) : []] };
}
