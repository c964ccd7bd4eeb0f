/** The benefits register (issue 19): the page, its "Download this view" table and the API resource. */
import type { BenefitRegister, RegisterRow } from '../../domain/benefit-register';
import type { Cell, ColumnSpec, TableSpec } from '../../io/write-table';
import { toApiMoney, toFixedString } from '../../money';
import type { RegisterQueryInput, RegisterSortKey } from '../../validation/register-query.schema';
import { fyLabel, moneyCell, plural, realisationText } from './format';
import { BENEFIT_STATUS_LABELS, BENEFIT_TYPE_LABELS, PROJECT_STATUS_LABELS } from './labels';
import { downloadLinks } from './view-downloads';

const COLUMNS: { key: RegisterSortKey | null; label: string; numeric: boolean }[] = [
  { key: 'benefit', label: 'Benefit', numeric: false },
  { key: 'project', label: 'Project', numeric: false },
  { key: 'type', label: 'Type', numeric: false },
  { key: 'status', label: 'Status', numeric: false },
  { key: 'owner', label: 'Owner', numeric: false },
  { key: 'expected', label: 'Expected to date', numeric: true },
  { key: 'realised', label: 'Realised to date', numeric: true },
  { key: null, label: 'Realisation', numeric: true },
  { key: null, label: 'Latest re-forecast', numeric: true },
];

/** The filters and sort as a query string, for sort links, pages and downloads of the same view. */
export function registerQueryString(q: RegisterQueryInput, extra: Record<string, string> = {}): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q.values)) if (v && !q.errors[k]) s.set(k, v);
  s.set('sort', q.sort.key);
  s.set('dir', q.sort.dir);
  for (const [k, v] of Object.entries(extra)) s.set(k, v);
  return s.toString();
}

const dash = { text: '–', negative: false };

export function presentRegister(r: BenefitRegister, q: RegisterQueryInput) {
  const link = (key: RegisterSortKey) => {
    const numeric = key === 'expected' || key === 'realised';
    const dir = key === q.sort.key ? (q.sort.dir === 'desc' ? 'asc' : 'desc') : numeric ? 'desc' : 'asc';
    return `/benefits?${registerQueryString({ ...q, sort: { key, dir } })}`;
  };
  const pageHref = (n: number) => `/benefits?${registerQueryString(q, { page: String(n) })}`;
  const first = (r.page - 1) * 50 + 1;
  return {
    countText: plural(r.total, 'benefit'),
    rangeText: r.total ? `${first} to ${first + r.rows.length - 1} of ${r.total}` : '',
    asAtYear: fyLabel(r.asAtFy),
    reforecastNote: r.reforecastsAvailable
      ? `Latest re-forecast: for each year from ${fyLabel(r.asAtFy)} on, the latest re-forecast made by the as-at date, added up.`
      : 'Re-forecasts are not recorded in this database yet, so that column is empty.',
    columns: COLUMNS.map((c) => ({
      label: c.label,
      numeric: c.numeric,
      href: c.key === null ? null : link(c.key),
      ariaSort:
        c.key !== null && c.key === q.sort.key ? (q.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined,
    })),
    rows: r.rows.map((b) => ({
      ref: b.ref,
      title: b.title,
      href: `/projects/${encodeURIComponent(b.projectCode)}/benefits/${encodeURIComponent(b.ref)}`,
      isDisbenefit: b.isDisbenefit,
      project: b.projectName,
      projectCode: b.projectCode,
      projectHref: `/projects/${encodeURIComponent(b.projectCode)}`,
      directorate: b.directorateName,
      type: BENEFIT_TYPE_LABELS[b.type],
      status: BENEFIT_STATUS_LABELS[b.status],
      owner: b.owner || '–',
      expected: b.expectedToDate ? moneyCell(b.expectedToDate) : dash,
      realised: b.realisedToDate ? moneyCell(b.realisedToDate) : dash,
      realisation: b.type === 'qualitative' ? 'Not monetised' : realisationText(b.realisation),
      reforecast: b.reforecast ? moneyCell(b.reforecast) : dash,
    })),
    pagination:
      r.pageCount > 1
        ? {
            previous: r.page > 1 ? pageHref(r.page - 1) : null,
            next: r.page < r.pageCount ? pageHref(r.page + 1) : null,
            items: pageItems(r.page, r.pageCount).map((n) =>
              n === null ? { ellipsis: true } : { number: n, href: pageHref(n), current: n === r.page },
            ),
          }
        : null,
    download: downloadLinks(
      '/benefits',
      registerQueryString(q),
      'the benefits register',
      {},
      'every page, in this order, with every register field',
    ),
  };
}

function pageItems(page: number, count: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - page) <= 1) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/** The API's representation: C5 register fields, money as C7 strings, realisation to 4 places. */
export function registerResource(b: RegisterRow) {
  return {
    projectCode: b.projectCode,
    projectName: b.projectName,
    projectStatus: b.projectStatus,
    directorateCode: b.directorateCode,
    priority: b.priority,
    ref: b.ref,
    title: b.title,
    description: b.description,
    type: b.type,
    category: b.category,
    isDisbenefit: b.isDisbenefit,
    status: b.status,
    owner: b.owner,
    serviceFeature: b.serviceFeature,
    enablingActivities: b.enablingActivities,
    measure: b.measure,
    baseline: b.baseline,
    target: b.target,
    unit: b.unit,
    confidence: b.confidence,
    expectedToDate: toApiMoney(b.expectedToDate),
    realisedToDate: toApiMoney(b.realisedToDate),
    realisation: toFixedString(b.realisation, 4),
    latestReforecast: toApiMoney(b.reforecast),
    reforecastYears: b.reforecastYears,
  };
}

/** "Download this view": the register as people read it, readable headings (import layouts keep machine names). */
export function registerTable(rows: AsyncIterable<RegisterRow[]>, asAtFy: number): TableSpec {
  const to = fyLabel(asAtFy);
  const columns: ColumnSpec[] = [
    { header: 'Project code', kind: 'text' },
    { header: 'Project', kind: 'text' },
    { header: 'Project status', kind: 'text' },
    { header: 'Directorate', kind: 'text' },
    { header: 'Council priority', kind: 'text' },
    { header: 'Benefit ref', kind: 'text' },
    { header: 'Benefit', kind: 'text' },
    { header: 'Description', kind: 'text' },
    { header: 'Type', kind: 'text' },
    { header: 'Category', kind: 'text' },
    { header: 'Dis-benefit', kind: 'text' },
    { header: 'Status', kind: 'text' },
    { header: 'Responsible officer', kind: 'text' },
    { header: 'Service feature giving rise to it', kind: 'text' },
    { header: 'Activities required to secure it', kind: 'text' },
    { header: 'Performance measure (KPI)', kind: 'text' },
    { header: 'Baseline', kind: 'text' },
    { header: 'Target', kind: 'text' },
    { header: 'Confidence', kind: 'decimal', places: 4 },
    { header: `Expected to date (to ${to})`, kind: 'money' },
    { header: `Realised to date (to ${to})`, kind: 'money' },
    { header: 'Realisation', kind: 'decimal', places: 4 },
    { header: 'Latest re-forecast', kind: 'money' },
  ];
  async function* cells(): AsyncIterable<Cell[][]> {
    for await (const batch of rows)
      yield batch.map((b) => {
        const r = registerResource(b);
        return [
          r.projectCode,
          r.projectName,
          PROJECT_STATUS_LABELS[r.projectStatus],
          b.directorateName,
          r.priority,
          r.ref,
          r.title,
          r.description,
          BENEFIT_TYPE_LABELS[r.type],
          r.category,
          r.isDisbenefit ? 'Yes' : 'No',
          BENEFIT_STATUS_LABELS[r.status],
          r.owner,
          r.serviceFeature,
          r.enablingActivities,
          r.measure,
          r.baseline,
          r.target,
          r.confidence,
          r.expectedToDate,
          r.realisedToDate,
          r.realisation,
          r.latestReforecast,
        ];
      });
  }
  return { name: 'Benefits register', columns, rows: cells() };
}
