/**
 * The board paper's front matter and its published editions (issue 15).
 *
 * - The paper's details (organisation, committee, meeting date, title, author, protective marking,
 *   purpose, recommendations, summary) are remembered in settings as the next paper's defaults.
 * - The figures of a report are frozen as exact decimal strings (C1: no rounding until output):
 *   the portfolio, each directorate and each project's headline indicators (C6) and exceptions.
 * - Publishing stores those figures, the filters, the paper and the PDF as published, once; an
 *   edition is never changed afterwards.
 * - "Changes since the last edition" compares the current figures with those of the latest edition
 *   published with the same filters (whatever its as-at date).
 */
import crypto from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors';
import { inTransaction } from '../knex';
import { Decimal } from '../money';
import * as decisionsRepo from '../repositories/decisions';
import * as editionsRepo from '../repositories/report-editions';
import * as settingsRepo from '../repositories/settings';
import * as versionRepo from '../repositories/read-model-version';
import type { Rag, VfmCategory } from '../finance/types';
import type { ProjectStatus } from '../records';
import { PAPER_MARKINGS, type ReportPaperInput } from '../validation/report-paper.schema';
import { audit } from './audit';
import { getDashboard, OVERRUN_LIMIT, type DashboardFilter } from './dashboard';
import type { AggregateMetrics } from './metrics';
import { assertRole } from './permissions';
import { allProjectRows } from './project-rows';
import { memoised } from './read-memo';
import type { Ctx } from './types';

// ## The paper's front matter

export const MARKINGS = PAPER_MARKINGS;
export type Marking = (typeof MARKINGS)[number];

export interface ReportPaper {
  organisation: string;
  committee: string;
  /** YYYY-MM-DD, or '' when no meeting is set yet. */
  meetingDate: string;
  title: string;
  author: string;
  marking: Marking;
  purpose: string;
  recommendations: string;
  /** '' means the summary written from the figures (the presenter's). */
  summary: string;
}

export const DEFAULT_PAPER: ReportPaper = {
  organisation: 'The Council',
  committee: 'Scrutiny Board',
  meetingDate: '',
  title: 'ICT investment: return and benefits realised',
  author: '',
  marking: 'OFFICIAL',
  purpose:
    "To report to the Board the forecast return on the council's ICT investment portfolio, the benefits realised to date against plan, and the projects that need its attention.",
  recommendations:
    'That the Board notes the forecast return and the benefits realised to date, and asks for an update on the exceptions listed in this report at its next meeting.',
  summary: '',
};

const PAPER_KEY = 'reportPaper';

/** Who may set the paper's defaults and publish editions: administrators and finance users. */
export function assertMayPublishReports(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin', 'finance');
}

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback;
}

export async function getReportPaper(ctx: Pick<Ctx, 'db'>): Promise<ReportPaper> {
  const all = await settingsRepo.getAll(ctx.db);
  const v = (all[PAPER_KEY]?.value ?? {}) as Record<string, unknown>;
  const d = DEFAULT_PAPER;
  return {
    organisation: text(v.organisation, d.organisation),
    committee: text(v.committee, d.committee),
    meetingDate: text(v.meetingDate, d.meetingDate),
    title: text(v.title, d.title),
    author: text(v.author, d.author),
    marking: (MARKINGS as readonly string[]).includes(String(v.marking)) ? (v.marking as Marking) : d.marking,
    purpose: text(v.purpose, d.purpose),
    recommendations: text(v.recommendations, d.recommendations),
    summary: text(v.summary, d.summary),
  };
}

/** Saves the paper's details as the defaults every later report (and edition) uses; audited. */
export async function saveReportPaper(ctx: Ctx, input: ReportPaperInput): Promise<ReportPaper> {
  assertMayPublishReports(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = await getReportPaper({ db: trx });
    await settingsRepo.put(trx, PAPER_KEY, input);
    const after = await getReportPaper({ db: trx });
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'settings',
      entityId: PAPER_KEY,
      projectId: null,
      summary: 'Board report details updated',
      before,
      after,
    });
    return after;
  });
}

// ## Frozen figures

/**
 * Why a project is an exception: red realisation, BCR below 1, overrun past 10%, or its forecast
 * value for money a band lower than at the last edition (`vfmFell`) or at its latest approved
 * baseline (`vfmBelowBaseline`, C9).
 */
export type ExceptionKind = 'red' | 'poorBcr' | 'overrun' | 'vfmFell' | 'vfmBelowBaseline';

export interface FrozenGroup {
  /** Directorate code; null for the whole report. */
  code: string | null;
  name: string;
  projectCount: number;
  npv: string;
  bcr: string | null;
  vfm: VfmCategory | null;
  realisation: string | null;
  rag: Rag | null;
  costVariance: string;
  costVarianceRatio: string | null;
}

export interface FrozenProject {
  code: string;
  name: string;
  directorateCode: string;
  directorateName: string;
  status: ProjectStatus;
  npv: string;
  bcr: string | null;
  vfm: VfmCategory | null;
  realisation: string | null;
  rag: Rag | null;
  costVariance: string;
  costVarianceRatio: string | null;
  exceptions: ExceptionKind[];
  /** With `vfmFell`: the band at the last edition. */
  vfmBefore?: VfmCategory | null;
  /** With `vfmBelowBaseline`: the band of the latest baseline's business case (C9), and the decision that froze it. */
  vfmBaseline?: { band: VfmCategory; number: number; decidedOn: string };
}

export interface ReportFigures {
  asAt: string;
  portfolio: FrozenGroup;
  directorates: FrozenGroup[];
  /** Every project in scope, by code. */
  projects: FrozenProject[];
  /** The edition the "value for money fell a band" exceptions compare with (null: none yet). */
  comparedWith: { id: number; publishedAt: string; asAt: string } | null;
}

/** Lowest first: a higher index is a better band. */
const VFM_RANK: (VfmCategory | null)[] = ['Negative', 'Poor', 'Low', 'Medium', 'High', 'Very High'];
const ONE = new Decimal(1);

/** True when `now` is a lower band than `then` (C6 bands); a project without a band has not fallen. */
export function vfmFell(then: VfmCategory | null | undefined, now: VfmCategory | null): boolean {
  if (!then || !now) return false;
  return VFM_RANK.indexOf(now) < VFM_RANK.indexOf(then);
}

const str = (d: Decimal | null): string | null => (d === null ? null : d.toString());

function group(
  code: string | null,
  name: string,
  m: Pick<AggregateMetrics, 'forecast' | 'realisation' | 'costVariance'>,
  count: number,
): FrozenGroup {
  return {
    code,
    name,
    projectCount: count,
    npv: m.forecast.npv.toString(),
    bcr: str(m.forecast.bcr),
    vfm: m.forecast.vfmCategory,
    realisation: str(m.realisation.ratio),
    rag: m.realisation.rag,
    costVariance: m.costVariance.variance.toString(),
    costVarianceRatio: str(m.costVariance.varianceRatio),
  };
}

/** The canonical key of a report's filters, as-at date aside: editions with the same key compare. */
export function filterKey(f: DashboardFilter): string {
  return JSON.stringify({
    directorate: f.directorateCode ?? null,
    status: f.status ?? null,
    from: f.fromFy ?? null,
    to: f.toFy ?? null,
    riskAdjusted: f.riskAdjusted,
  });
}

/**
 * The report's figures, frozen: C6 aggregates for the portfolio and each directorate (from the
 * portfolio's common base year, as the paper shows them) and each project's headline on its own
 * basis. Exceptions are the board report's rules (dashboard.findExceptions) plus a forecast
 * value-for-money band lower than at the last edition with these filters, or lower than the
 * business case of the project's latest approved baseline (C9, as "change since baseline" shows it).
 */
export async function getReportFigures(ctx: Ctx, f: DashboardFilter): Promise<ReportFigures> {
  return memoised(ctx.db, `report figures ${JSON.stringify(f)}`, () => computeFigures(ctx, f));
}

async function computeFigures(ctx: Ctx, f: DashboardFilter): Promise<ReportFigures> {
  const dash = await getDashboard(ctx, f);
  const m = dash.metrics;
  const last = await editionsRepo.latestFor(ctx.db, filterKey(f));
  const before = new Map(((last?.figures as ReportFigures | null)?.projects ?? []).map((p) => [p.code, p]));
  const rows = m.projectCount ? await allProjectRows(ctx, m, { key: 'code', dir: 'asc' }) : [];
  // C9: the baseline's band comes from the stored series (each row's `baseline`), so only the few
  // projects that fell below it need one more read, for the date of the decision.
  const belowBaseline = rows.filter((r) => vfmFell(r.baseline?.vfmCategory, r.views.forecast.vfmCategory));
  const decided = belowBaseline.length
    ? await decisionsRepo.latestBaselineDecisions(
        ctx.db,
        belowBaseline.map((r) => r.project.id),
      )
    : new Map<number, { baselineNumber: number; decidedOn: string }>();
  const projects = rows.map((r): FrozenProject => {
    const v = r.views;
    const exceptions: ExceptionKind[] = [];
    if (v.realisation.rag === 'red') exceptions.push('red');
    if (v.forecast.bcr !== null && v.forecast.bcr.lt(ONE)) exceptions.push('poorBcr');
    if (v.costVariance.varianceRatio !== null && v.costVariance.varianceRatio.gt(OVERRUN_LIMIT))
      exceptions.push('overrun');
    const then = before.get(r.project.code);
    const fell = vfmFell(then?.vfm, v.forecast.vfmCategory);
    if (fell) exceptions.push('vfmFell');
    const decision = decided.get(r.project.id);
    const belowBand =
      decision && vfmFell(r.baseline?.vfmCategory, v.forecast.vfmCategory) ? r.baseline!.vfmCategory! : null;
    if (belowBand) exceptions.push('vfmBelowBaseline');
    return {
      code: r.project.code,
      name: r.project.name,
      directorateCode: r.project.directorateCode,
      directorateName: r.project.directorateName,
      status: r.project.status,
      npv: v.forecast.npv.toString(),
      bcr: str(v.forecast.bcr),
      vfm: v.forecast.vfmCategory,
      realisation: str(v.realisation.ratio),
      rag: v.realisation.rag,
      costVariance: v.costVariance.variance.toString(),
      costVarianceRatio: str(v.costVariance.varianceRatio),
      exceptions,
      ...(fell ? { vfmBefore: then!.vfm } : {}),
      ...(belowBand
        ? { vfmBaseline: { band: belowBand, number: decision!.baselineNumber, decidedOn: decision!.decidedOn } }
        : {}),
    };
  });
  return {
    asAt: f.asAt,
    portfolio: group(
      null,
      f.directorateCode ? (dash.directorates[0]?.name ?? f.directorateCode) : 'All directorates',
      m,
      m.projectCount,
    ),
    directorates: dash.directorates.map((d) =>
      group(
        d.code,
        d.name,
        { forecast: d.forecast, realisation: d.realisation, costVariance: m.directorates.get(d.code)!.costVariance },
        d.projectCount,
      ),
    ),
    projects,
    comparedWith: last ? { id: last.id, publishedAt: last.publishedAt, asAt: last.asAt } : null,
  };
}

// ## Changes since the last edition

export interface ProjectRef {
  code: string;
  name: string;
  directorateName: string;
}

export interface HeadlineChange {
  code: string | null;
  name: string;
  then: FrozenGroup | null;
  now: FrozenGroup | null;
}

export interface BandChange extends ProjectRef {
  then: string | null;
  now: string | null;
}

export interface ExceptionChange extends ProjectRef {
  exceptions: ExceptionKind[];
}

export interface ReportChanges {
  since: { id: number; title: string; asAt: string; publishedAt: string; meetingDate: string | null };
  added: ProjectRef[];
  closed: ProjectRef[];
  cancelled: ProjectRef[];
  /** Portfolio first, then each directorate in either edition, by name. */
  headlines: HeadlineChange[];
  vfmChanged: BandChange[];
  ragChanged: BandChange[];
  newExceptions: ExceptionChange[];
  resolvedExceptions: ExceptionChange[];
}

const ref = (p: FrozenProject): ProjectRef => ({ code: p.code, name: p.name, directorateName: p.directorateName });

/** Pure: what changed between two sets of frozen figures. */
export function compareFigures(since: ReportChanges['since'], then: ReportFigures, now: ReportFigures): ReportChanges {
  const before = new Map(then.projects.map((p) => [p.code, p]));
  const after = new Map(now.projects.map((p) => [p.code, p]));
  const becameStatus = (status: ProjectStatus) =>
    now.projects.filter((p) => p.status === status && before.get(p.code)?.status !== status).map(ref);
  const names = new Map<string, string>();
  for (const g of [...then.directorates, ...now.directorates]) names.set(g.code!, g.name);
  const thenGroups = new Map(then.directorates.map((g) => [g.code!, g]));
  const nowGroups = new Map(now.directorates.map((g) => [g.code!, g]));
  const directorateCodes = [...names.keys()].sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));
  const bands = (pick: (p: FrozenProject) => string | null): BandChange[] =>
    now.projects
      .filter((p) => before.has(p.code) && pick(before.get(p.code)!) !== pick(p))
      .map((p) => ({ ...ref(p), then: pick(before.get(p.code)!), now: pick(p) }));
  const isException = (p: FrozenProject | undefined) => !!p && p.exceptions.length > 0;
  return {
    since,
    added: now.projects.filter((p) => !before.has(p.code)).map(ref),
    closed: becameStatus('closed'),
    cancelled: becameStatus('cancelled'),
    headlines: [
      { code: null, name: now.portfolio.name, then: then.portfolio, now: now.portfolio },
      ...directorateCodes.map((code) => ({
        code,
        name: names.get(code)!,
        then: thenGroups.get(code) ?? null,
        now: nowGroups.get(code) ?? null,
      })),
    ],
    vfmChanged: bands((p) => p.vfm),
    ragChanged: bands((p) => p.rag),
    newExceptions: now.projects
      .filter((p) => isException(p) && !isException(before.get(p.code)))
      .map((p) => ({ ...ref(p), exceptions: p.exceptions })),
    resolvedExceptions: then.projects
      .filter((p) => isException(p) && !isException(after.get(p.code)))
      .map((p) => ({ ...ref(p), exceptions: p.exceptions })),
  };
}

function sinceOf(e: editionsRepo.EditionRow): ReportChanges['since'] {
  return { id: e.id, title: e.title, asAt: e.asAt, publishedAt: e.publishedAt, meetingDate: e.meetingDate };
}

/** The changes since the latest edition with these filters; null when none has been published. */
export async function getChangesSinceLastEdition(ctx: Ctx, f: DashboardFilter): Promise<ReportChanges | null> {
  const last = await editionsRepo.latestFor(ctx.db, filterKey(f));
  if (!last) return null;
  return compareFigures(sinceOf(last), last.figures as ReportFigures, await getReportFigures(ctx, f));
}

// ## Editions

export interface EditionSummary {
  id: number;
  title: string;
  asAt: string;
  meetingDate: string | null;
  filters: DashboardFilter;
  paper: ReportPaper;
  hasPdf: boolean;
  pdfSha256: string | null;
  publishedBy: string;
  publishedAt: string;
}

export interface Edition extends EditionSummary {
  figures: ReportFigures;
  /** Frozen when published: the changes since the edition before it with the same filters. */
  changesSinceLastEdition: ReportChanges | null;
}

function summaryOf(e: editionsRepo.EditionRow): EditionSummary {
  return {
    id: e.id,
    title: e.title,
    asAt: e.asAt,
    meetingDate: e.meetingDate,
    filters: e.filters as DashboardFilter,
    paper: e.paper as ReportPaper,
    hasPdf: e.pdfSha256 !== null,
    pdfSha256: e.pdfSha256,
    publishedBy: e.publishedBy,
    publishedAt: e.publishedAt,
  };
}

/** Every signed-in role may read the editions: they are what the board received. */
export async function listEditions(ctx: Ctx): Promise<EditionSummary[]> {
  return (await editionsRepo.list(ctx.db)).map(summaryOf);
}

export async function getEdition(ctx: Ctx, id: number): Promise<Edition> {
  const e = await editionsRepo.find(ctx.db, id);
  if (!e) throw new NotFoundError(`There is no report edition ${id}`);
  const stored = e.figures as ReportFigures & { changes?: ReportChanges | null };
  const { changes, ...figures } = stored;
  return { ...summaryOf(e), figures, changesSinceLastEdition: changes ?? null };
}

/** The PDF exactly as published; null when the edition was published without one (no Chromium). */
export async function getEditionPdf(ctx: Ctx, id: number): Promise<{ edition: EditionSummary; pdf: Buffer | null }> {
  const e = await editionsRepo.find(ctx.db, id);
  if (!e) throw new NotFoundError(`There is no report edition ${id}`);
  return { edition: summaryOf(e), pdf: await editionsRepo.pdf(ctx.db, id) };
}

export const FIGURES_CHANGED_MESSAGE =
  'The figures changed while the edition was being made: publish again to freeze the figures as they are now';

/**
 * Publishes the report with these filters as an edition: the paper as saved, the figures as they
 * are now, and the PDF `renderPdf` makes of the same report (null where the server has no
 * Chromium). If any write lands while the PDF is made, nothing is published (409), so the PDF and
 * the frozen figures are the same report.
 */
export async function publishEdition(
  ctx: Ctx,
  f: DashboardFilter,
  renderPdf: (() => Promise<Buffer>) | null,
): Promise<EditionSummary> {
  assertMayPublishReports(ctx);
  const version = await versionRepo.current(ctx.db);
  const paper = await getReportPaper(ctx);
  const figures = await getReportFigures(ctx, f);
  const changes = await getChangesSinceLastEdition(ctx, f);
  const pdf = renderPdf ? await renderPdf() : null;
  const id = await inTransaction(ctx.db, async (trx) => {
    if ((await versionRepo.current(trx)) !== version) throw new ConflictError(FIGURES_CHANGED_MESSAGE);
    const id = await editionsRepo.insert(trx, {
      filterKey: filterKey(f),
      filters: f,
      paper,
      figures: { ...figures, changes },
      asAt: f.asAt,
      title: paper.title,
      meetingDate: paper.meetingDate || null,
      pdf,
      pdfSha256: pdf ? crypto.createHash('sha256').update(pdf).digest('hex') : null,
      publishedById: ctx.actor.id,
      publishedBy: ctx.actor.label,
    });
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'report_edition',
      entityId: String(id),
      projectId: null,
      summary: `Board report edition ${id} published: ${paper.title}, as at ${f.asAt}`,
      after: { filters: f, paper, projectCount: figures.portfolio.projectCount, pdfBytes: pdf?.length ?? null },
    });
    return id;
  });
  return summaryOf((await editionsRepo.find(ctx.db, id))!);
}
