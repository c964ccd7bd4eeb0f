/**
 * The import preview page: what a file would add, update and leave unchanged (the first lines of
 * each, with money totals by year), every problem with the value as typed, and the Commit button
 * only when there is something to commit.
 */
import type { KeptPreview, PlannedGroup, PlannedRow, YearTotal } from '../../domain/imports';
import type { ImportKind } from '../../io/layouts';
import type { Decimal } from '../../money';
import { formatGbp, fyLabel } from './format';
import { COST_CATEGORY_LABELS, COST_FUNDING_LABELS, COST_KIND_LABELS, PROJECT_STATUS_LABELS } from './labels';

const TOTAL_LABELS: Record<string, string> = {
  planned: 'Planned costs',
  actual: 'Actual costs',
  expected: 'Expected benefits',
  realised: 'Realised benefits',
};

interface DetailColumn {
  key: string;
  heading: string;
  label?: Record<string, string>;
}

/** The columns each kind's lines show besides line, project, year and amount. */
const DETAIL_COLUMNS: Record<ImportKind, DetailColumn[]> = {
  costs: [
    { key: 'kind', heading: 'Kind', label: COST_KIND_LABELS },
    { key: 'funding', heading: 'Funding', label: COST_FUNDING_LABELS },
    { key: 'category', heading: 'Category', label: COST_CATEGORY_LABELS },
    { key: 'reference', heading: 'Reference' },
  ],
  profiles: [
    { key: 'benefit_ref', heading: 'Benefit' },
    { key: 'title', heading: 'Title' },
  ],
  realisations: [
    { key: 'benefit_ref', heading: 'Benefit' },
    { key: 'value', heading: 'Measured value' },
  ],
  reforecasts: [
    { key: 'benefit_ref', heading: 'Benefit' },
    { key: 'note', heading: 'Note' },
  ],
  projects: [
    { key: 'name', heading: 'Name' },
    { key: 'directorate', heading: 'Directorate' },
    { key: 'status', heading: 'Status', label: PROJECT_STATUS_LABELS },
    { key: 'changes', heading: 'Changes' },
  ],
};

/** Kinds whose lines carry no amount: their preview has no amount columns. */
const WITHOUT_AMOUNTS: ImportKind[] = ['projects'];

const money = (d: Decimal | null) => (d === null ? '—' : formatGbp(d));

function presentRow(kind: ImportKind, r: PlannedRow, update: boolean) {
  return {
    line: String(r.line),
    project: r.project,
    year: r.fy === null ? '—' : fyLabel(r.fy),
    details: DETAIL_COLUMNS[kind].map((c) => {
      const v = r.details[c.key] ?? '';
      return v === '' ? '—' : (c.label?.[v] ?? v);
    }),
    amount: money(r.amount),
    // An update shows what the amount was, when it changes.
    before: update && r.before !== null && r.amount !== null && !r.before.eq(r.amount) ? formatGbp(r.before) : '',
  };
}

function presentTotal(t: YearTotal) {
  const change = t.amount.minus(t.before);
  return {
    year: fyLabel(t.fy),
    total: TOTAL_LABELS[t.total] ?? t.total,
    lines: t.lines.toLocaleString('en-GB'),
    amount: formatGbp(t.amount),
    before: formatGbp(t.before),
    change: change.isZero() ? '£0.00' : `${change.isPos() ? '+' : ''}${formatGbp(change)}`,
  };
}

const GROUPS = [
  { action: 'add', title: 'Lines to add', empty: 'No line adds a record.' },
  { action: 'update', title: 'Lines to update', empty: 'No line changes a saved record.' },
  { action: 'unchanged', title: 'Lines unchanged', empty: 'Every line adds or changes something.' },
] as const;

function presentGroup(kind: ImportKind, action: (typeof GROUPS)[number], g: PlannedGroup) {
  return {
    id: `rows-${action.action}-table`,
    title: action.title,
    empty: action.empty,
    count: g.count.toLocaleString('en-GB'),
    partial: g.count > g.rows.length ? `the first ${g.rows.length} of ${g.count.toLocaleString('en-GB')}` : '',
    isUpdate: action.action === 'update',
    rows: g.rows.map((r) => presentRow(kind, r, action.action === 'update')),
    totals: g.totals.map(presentTotal),
  };
}

/** `kindTitle`: the layout's title of the kind (Cost lines, Benefit profiles, Realisations). */
export function presentImportPreview(p: KeptPreview, kindTitle: string) {
  return {
    title: `Check your ${kindTitle.toLowerCase()} import`,
    breadcrumbs: [{ href: '/imports', text: 'Import data' }],
    kind: p.kind,
    kindTitle,
    fileName: p.fileName,
    format: p.format === 'xlsx' ? 'Excel workbook (.xlsx)' : 'CSV',
    fingerprint: p.checksum,
    rows: {
      add: p.rows.add.toLocaleString('en-GB'),
      update: p.rows.update.toLocaleString('en-GB'),
      unchanged: p.rows.unchanged.toLocaleString('en-GB'),
    },
    /** For the Commit button's "Importing N lines…". */
    lineCount: String(p.rows.add + p.rows.update + p.rows.unchanged),
    detailHeadings: DETAIL_COLUMNS[p.kind].map((c) => c.heading),
    yearHeading: p.kind === 'projects' ? 'Start year' : 'Year',
    showAmounts: !WITHOUT_AMOUNTS.includes(p.kind),
    groups: p.problemCount ? [] : GROUPS.map((a) => presentGroup(p.kind, a, p.planned[a.action])),
    problemCount: p.problemCount,
    problemCountText: p.problemCount.toLocaleString('en-GB'),
    problems: p.problems.map((x) => ({
      line: x.line === null ? '—' : String(x.line),
      column: x.column ?? '—',
      typed: x.value === undefined ? null : x.value === '' ? '(blank)' : x.value,
      message: x.message,
    })),
    moreProblems: Math.max(0, p.problemCount - p.problems.length),
    nothingToChange: p.problemCount === 0 && !p.committable,
    commit: p.committable && p.id ? { action: `/imports/${p.kind}/commit`, upload: p.id, checksum: p.checksum } : null,
    scripts: ['/public/js/busy-forms.js'],
  };
}
