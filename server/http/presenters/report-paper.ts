/**
 * The board paper's view models (issue 15): its front matter, the executive summary, the
 * exceptions and the changes since the last edition, from the frozen figures (exact decimal
 * strings, rounded here once, C1/C7); and the editions as pages and as API JSON.
 */
import { Decimal, formatGbp, formatPercent, formatShort, toApiMoney, toFixedString } from '../../money';
import type {
  EditionSummary,
  Edition,
  ExceptionKind,
  FrozenGroup,
  FrozenProject,
  ReportChanges,
  ReportFigures,
  ReportPaper,
} from '../../domain/report-editions';
import { formatDate, plural, ratioText } from './format';
import { RAG_WORDS } from './charts';
import { PROJECT_STATUS_LABELS } from './labels';
import type { TableSpec } from '../../io/write-table';
import { col } from './view-downloads';

const dec = (s: string | null): Decimal | null => (s === null ? null : new Decimal(s));

const EXCEPTION_WORDS: Record<ExceptionKind, string> = {
  red: 'Benefits realisation rated red',
  poorBcr: 'Forecast benefit-cost ratio below 1',
  overrun: 'Costs to date more than 10% over plan',
  vfmFell: 'Value for money fell a band since the last edition',
  vfmBelowBaseline: 'Value for money fell a band since the baseline',
};

function projectHref(code: string): string {
  return `/projects/${encodeURIComponent(code)}`;
}

function realisationWords(p: Pick<FrozenProject, 'realisation' | 'rag'>): string {
  return p.realisation === null
    ? 'nothing due yet'
    : `${formatPercent(dec(p.realisation))} (${RAG_WORDS[p.rag ?? 'none']})`;
}

function varianceWords(p: Pick<FrozenGroup, 'costVariance' | 'costVarianceRatio'>): string {
  const v = new Decimal(p.costVariance);
  const ratio = dec(p.costVarianceRatio);
  const sign = v.isPos() && !v.isZero() ? '+' : '';
  return ratio === null ? `${sign}${formatGbp(v)}` : `${sign}${formatPercent(ratio)} (${sign}${formatGbp(v)})`;
}

/** Why one project is an exception, in words with its figures; `lastEdition` is the compared edition's date. */
function reasons(p: FrozenProject, lastEdition: string | null): string[] {
  return p.exceptions.map((k) => {
    if (k === 'red') return `Red realisation: ${formatPercent(dec(p.realisation))} of benefits expected to date`;
    if (k === 'poorBcr') return `Forecast benefit-cost ratio ${ratioText(dec(p.bcr))} (below 1)`;
    if (k === 'overrun')
      return `Cost overrun ${formatPercent(dec(p.costVarianceRatio))} (${formatGbp(new Decimal(p.costVariance))}) to date`;
    if (k === 'vfmBelowBaseline') {
      const b = p.vfmBaseline;
      const which = b && b.number > 1 ? `re-baseline ${b.number}, ` : '';
      return `Value for money fell from ${b?.band ?? 'its band'} to ${p.vfm ?? 'no band'} since the baseline${b ? ` (${which}approved ${formatDate(b.decidedOn)})` : ''}`;
    }
    return `Value for money fell from ${p.vfmBefore ?? 'its band'} to ${p.vfm ?? 'no band'} since the last edition${lastEdition ? ` (${lastEdition})` : ''}`;
  });
}

/** Exceptions lowest realisation first (none last), then by code: the order the board reads them. */
function exceptionOrder(a: FrozenProject, b: FrozenProject): number {
  const ra = dec(a.realisation);
  const rb = dec(b.realisation);
  if (ra === null || rb === null) return (ra === null ? 1 : 0) - (rb === null ? 1 : 0) || a.code.localeCompare(b.code);
  return ra.comparedTo(rb) || a.code.localeCompare(b.code);
}

/** How many exceptions the paper lists; the project list, sorted by realisation, has them all. */
export const EXCEPTIONS_LISTED = 25;

export function presentExceptions(figures: ReportFigures) {
  const all = figures.projects.filter((p) => p.exceptions.length > 0).sort(exceptionOrder);
  const lastEdition = figures.comparedWith ? formatDate(figures.comparedWith.publishedAt.slice(0, 10)) : null;
  const listed = all.slice(0, EXCEPTIONS_LISTED);
  const count = (k: ExceptionKind) => all.filter((p) => p.exceptions.includes(k)).length;
  return {
    total: all.length,
    caption:
      all.length > listed.length
        ? `The ${listed.length} of ${all.length} projects needing attention with the lowest benefits realisation`
        : `${plural(all.length, 'project')} needing attention`,
    counts: (Object.keys(EXCEPTION_WORDS) as ExceptionKind[]).map((k) => ({
      label: EXCEPTION_WORDS[k],
      count: count(k),
    })),
    rows: listed.map((p) => ({
      name: p.name,
      code: p.code,
      href: projectHref(p.code),
      directorate: p.directorateName,
      reasons: reasons(p, lastEdition),
    })),
    more:
      all.length > listed.length
        ? { count: all.length - listed.length, href: '/projects?sort=realisation&dir=asc' }
        : null,
    comparedWith: figures.comparedWith
      ? `Each project's forecast value-for-money band is compared with its latest approved baseline and with the last edition, published ${lastEdition} (as at ${formatDate(figures.comparedWith.asAt)}).`
      : "Each project's forecast value-for-money band is compared with its latest approved baseline; no edition has been published with these filters yet to compare with.",
  };
}

/** The summary written from the figures, used where the paper's own summary is left empty. */
function writtenSummary(f: ReportFigures, exceptions: number): string {
  const g = f.portfolio;
  const vfm = g.vfm ? `${g.vfm.toLowerCase()} value for money` : 'no value-for-money category';
  return [
    `The ${plural(g.projectCount, 'project')} in this report have a forecast net present value of ${formatShort(new Decimal(g.npv))} and a benefit-cost ratio of ${ratioText(dec(g.bcr))} (${vfm}).`,
    `Benefits realised to date: ${realisationWords(g)}. Cost variance to date: ${varianceWords(g)}.`,
    exceptions
      ? `${plural(exceptions, 'project')} ${exceptions === 1 ? 'needs' : 'need'} the Board's attention (section "Exceptions").`
      : 'No project meets the exception criteria.',
  ].join(' ');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function presentPaper(paper: ReportPaper, figures: ReportFigures, exceptions: number) {
  return {
    organisation: paper.organisation,
    committee: paper.committee,
    meetingDate: paper.meetingDate ? formatDate(paper.meetingDate) : 'Not set',
    title: paper.title,
    author: paper.author || 'Not named',
    marking: paper.marking,
    purpose: paragraphs(paper.purpose),
    recommendations: paragraphs(paper.recommendations),
    summary: paragraphs(paper.summary || writtenSummary(figures, exceptions)),
    summaryWritten: paper.summary === '',
  };
}

// ## Changes since the last edition

function groupRow(label: string, pick: (g: FrozenGroup) => string, c: ReportChanges['headlines'][number]) {
  return { label, then: c.then ? pick(c.then) : '—', now: c.now ? pick(c.now) : '—' };
}

function difference(then: string | null | undefined, now: string | null | undefined, format: (d: Decimal) => string) {
  if (then == null || now == null) return '—';
  const d = new Decimal(now).minus(new Decimal(then));
  return `${d.isPos() && !d.isZero() ? '+' : ''}${format(d)}`;
}

export function presentChanges(c: ReportChanges | null) {
  if (!c) return null;
  const refs = (list: { code: string; name: string; directorateName: string }[]) =>
    list.map((p) => ({ text: `${p.name} (${p.code})`, href: projectHref(p.code), directorate: p.directorateName }));
  return {
    since: `${c.since.title}, edition ${c.since.id}, as at ${formatDate(c.since.asAt)}, published ${formatDate(c.since.publishedAt.slice(0, 10))}${c.since.meetingDate ? ` for the meeting of ${formatDate(c.since.meetingDate)}` : ''}`,
    sinceHref: `/reports/editions/${c.since.id}`,
    added: refs(c.added),
    closed: refs(c.closed),
    cancelled: refs(c.cancelled),
    headlines: c.headlines.map((h) => ({
      name: h.name,
      id: h.code === null ? 'changes-portfolio' : `changes-${h.code.toLowerCase()}`,
      rows: [
        groupRow('Projects', (g) => String(g.projectCount), h),
        {
          ...groupRow('Net present value (forecast)', (g) => formatGbp(new Decimal(g.npv)), h),
          change: difference(h.then?.npv, h.now?.npv, formatGbp),
        },
        {
          ...groupRow('Benefit-cost ratio', (g) => ratioText(dec(g.bcr)), h),
          change: difference(h.then?.bcr, h.now?.bcr, (d) => toFixedString(d, 2)!),
        },
        {
          ...groupRow('Benefits realised to date', (g) => realisationWords(g), h),
          change: difference(
            h.then?.realisation,
            h.now?.realisation,
            (d) => `${toFixedString(d.times(100), 1)} points`,
          ),
        },
        {
          ...groupRow('Cost variance to date', (g) => varianceWords(g), h),
          change: difference(h.then?.costVariance, h.now?.costVariance, formatGbp),
        },
      ].map((r) => ({ change: '', ...r })),
    })),
    vfmChanged: c.vfmChanged.map((b) => ({ ...refs([b])[0], then: b.then ?? 'None', now: b.now ?? 'None' })),
    ragChanged: c.ragChanged.map((b) => ({
      ...refs([b])[0],
      then: RAG_WORDS[(b.then ?? 'none') as keyof typeof RAG_WORDS],
      now: RAG_WORDS[(b.now ?? 'none') as keyof typeof RAG_WORDS],
    })),
    newExceptions: c.newExceptions.map((e) => ({
      ...refs([e])[0],
      why: e.exceptions.map((k) => EXCEPTION_WORDS[k]).join('; '),
    })),
    resolvedExceptions: c.resolvedExceptions.map((e) => ({
      ...refs([e])[0],
      why: e.exceptions.map((k) => EXCEPTION_WORDS[k]).join('; '),
    })),
    /** One line for the executive summary. */
    headline: (() => {
      const p = c.headlines[0];
      const parts = [
        `NPV ${difference(p.then?.npv, p.now?.npv, (d) => formatShort(d))}`,
        `benefits realised ${difference(p.then?.realisation, p.now?.realisation, (d) => `${toFixedString(d.times(100), 1)} points`)}`,
        `${plural(c.added.length, 'project')} added`,
        `${c.closed.length} closed`,
        `${c.cancelled.length} cancelled`,
        `${plural(c.newExceptions.length, 'new exception')}`,
        `${c.resolvedExceptions.length} resolved`,
      ];
      return parts.join(', ');
    })(),
  };
}

export type ChangesView = ReturnType<typeof presentChanges>;

// ## Editions, as pages

export function presentEditionRow(e: EditionSummary) {
  return {
    id: e.id,
    href: `/reports/editions/${e.id}`,
    pdfHref: e.hasPdf ? `/reports/editions/${e.id}.pdf` : null,
    title: e.title,
    committee: e.paper.committee,
    meetingDate: e.meetingDate ? formatDate(e.meetingDate) : 'Not set',
    asAt: formatDate(e.asAt),
    scope: filtersWords(e.filters),
    publishedAt: `${formatDate(e.publishedAt.slice(0, 10))} ${e.publishedAt.slice(11, 16)} UTC`,
    publishedBy: e.publishedBy,
    marking: e.paper.marking,
  };
}

function filtersWords(f: EditionSummary['filters']): string {
  const fy = (n: number) => `${n}/${String((n + 1) % 100).padStart(2, '0')}`;
  return [
    f.directorateCode ?? 'All directorates',
    f.status ? PROJECT_STATUS_LABELS[f.status] : 'any status',
    f.fromFy !== undefined || f.toFy !== undefined
      ? `${f.fromFy !== undefined ? fy(f.fromFy) : 'start'} to ${f.toFy !== undefined ? fy(f.toFy) : 'end'}`
      : 'all years',
    f.riskAdjusted ? 'risk-adjusted' : 'not risk-adjusted',
  ].join(' · ');
}

export function presentEdition(e: Edition) {
  const g = e.figures.portfolio;
  return {
    ...presentEditionRow(e),
    paper: e.paper,
    sha256: e.pdfSha256,
    headline: [
      { label: 'Projects', value: String(g.projectCount) },
      { label: 'Net present value (forecast)', value: formatGbp(new Decimal(g.npv)) },
      { label: 'Benefit-cost ratio', value: `${ratioText(dec(g.bcr))}${g.vfm ? ` (${g.vfm})` : ''}` },
      { label: 'Benefits realised to date', value: realisationWords(g) },
      { label: 'Cost variance to date', value: varianceWords(g) },
    ],
    exceptions: presentExceptions(e.figures),
    changes: presentChanges(e.changesSinceLastEdition),
  };
}

// ## Editions and changes in the API (C7 strings)

const ratio4 = (s: string | null) => toFixedString(dec(s), 4);
const money = (s: string) => toApiMoney(new Decimal(s));

function groupToApi(g: FrozenGroup | null) {
  if (!g) return null;
  return {
    directorate: g.code,
    name: g.name,
    projectCount: g.projectCount,
    npv: money(g.npv),
    bcr: ratio4(g.bcr),
    vfmCategory: g.vfm,
    realisation: ratio4(g.realisation),
    rag: g.rag,
    costVariance: money(g.costVariance),
    costVarianceRatio: ratio4(g.costVarianceRatio),
  };
}

function projectToApi(p: FrozenProject) {
  return {
    code: p.code,
    name: p.name,
    directorate: p.directorateCode,
    status: p.status,
    npv: money(p.npv),
    bcr: ratio4(p.bcr),
    vfmCategory: p.vfm,
    realisation: ratio4(p.realisation),
    rag: p.rag,
    costVariance: money(p.costVariance),
    costVarianceRatio: ratio4(p.costVarianceRatio),
    exceptions: p.exceptions,
    ...(p.exceptions.includes('vfmFell') ? { vfmAtLastEdition: p.vfmBefore ?? null } : {}),
    ...(p.vfmBaseline
      ? {
          vfmAtBaseline: {
            vfmCategory: p.vfmBaseline.band,
            baselineNumber: p.vfmBaseline.number,
            decidedOn: p.vfmBaseline.decidedOn,
          },
        }
      : {}),
  };
}

export function changesToApi(c: ReportChanges | null) {
  if (!c) return null;
  const refs = (list: { code: string; name: string }[]) => list.map((p) => ({ code: p.code, name: p.name }));
  return {
    since: { id: c.since.id, title: c.since.title, asAt: c.since.asAt, publishedAt: c.since.publishedAt },
    projectsAdded: refs(c.added),
    projectsClosed: refs(c.closed),
    projectsCancelled: refs(c.cancelled),
    headlines: c.headlines.map((h) => ({
      directorate: h.code,
      name: h.name,
      then: groupToApi(h.then),
      now: groupToApi(h.now),
    })),
    vfmChanged: c.vfmChanged.map((b) => ({ code: b.code, name: b.name, then: b.then, now: b.now })),
    ragChanged: c.ragChanged.map((b) => ({ code: b.code, name: b.name, then: b.then, now: b.now })),
    newExceptions: c.newExceptions.map((e) => ({ code: e.code, name: e.name, exceptions: e.exceptions })),
    resolvedExceptions: c.resolvedExceptions.map((e) => ({ code: e.code, name: e.name, exceptions: e.exceptions })),
  };
}

export function editionSummaryToApi(e: EditionSummary) {
  return {
    id: e.id,
    title: e.title,
    asAt: e.asAt,
    meetingDate: e.meetingDate,
    filters: {
      directorate: e.filters.directorateCode ?? null,
      status: e.filters.status ?? null,
      from:
        e.filters.fromFy === undefined
          ? null
          : `${e.filters.fromFy}/${String((e.filters.fromFy + 1) % 100).padStart(2, '0')}`,
      to:
        e.filters.toFy === undefined
          ? null
          : `${e.filters.toFy}/${String((e.filters.toFy + 1) % 100).padStart(2, '0')}`,
      riskAdjusted: e.filters.riskAdjusted,
    },
    paper: e.paper,
    publishedAt: e.publishedAt,
    publishedBy: e.publishedBy,
    pdf: e.hasPdf ? { href: `/api/v1/report-editions/${e.id}/pdf`, sha256: e.pdfSha256 } : null,
  };
}

export function editionToApi(e: Edition) {
  return {
    ...editionSummaryToApi(e),
    figures: {
      asAt: e.figures.asAt,
      portfolio: groupToApi(e.figures.portfolio),
      directorates: e.figures.directorates.map(groupToApi),
      projects: e.figures.projects.map(projectToApi),
    },
    changesSinceLastEdition: changesToApi(e.changesSinceLastEdition),
  };
}

/** "Download this view" of the published editions (issue 19): the list's rows, readable headings. */
export function editionsTable(rows: ReturnType<typeof presentEditionRow>[]): TableSpec {
  return {
    name: 'Editions',
    columns: [
      'Edition',
      'Title',
      'Committee',
      'Meeting',
      'As at',
      'Filters',
      'Published',
      'Published by',
      'Marking',
    ].map((h) => col(h)),
    rows: [
      rows.map((e) => [
        String(e.id),
        e.title,
        e.committee,
        e.meetingDate,
        e.asAt,
        e.scope,
        e.publishedAt,
        e.publishedBy,
        e.marking,
      ]),
    ],
  };
}
