/**
 * The board paper shared by its page, its PDF and its published editions, for the web routes and
 * the API alike (issue 15): the filters, everything the paper shows, and the PDF Chromium prints
 * from the page's HTML as the server rendered it.
 */
import { getReviewsReport } from '../domain/reviews';
import { presentReviewsReport } from './presenters/reviews';
import { getCashableSavings } from '../domain/cashable-savings';
import { presentCashableSavings } from './presenters/cashable';
import { getAssessmentsReport } from '../domain/assessment-views';
import { presentAssessmentsReport } from './presenters/assessments';
import type { Socket } from 'node:net';
import type { Request, Response } from 'express';
import { getScrutinyReport } from '../domain/dashboard';
import { listDirectorates } from '../domain/directorates';
import {
  assertMayPublishReports,
  getChangesSinceLastEdition,
  getReportFigures,
  getReportPaper,
  type ReportPaper,
} from '../domain/report-editions';
import { allows } from '../domain/permissions';
import { ConflictError } from '../errors';
import { todayIso } from '../financial-year';
import { pdfRenderer, renderPdf } from '../io/pdf';
import { readDashboardQuery, type DashboardQuery } from '../validation/dashboard-query.schema';
import { CHART_SCRIPTS } from './presenters/charts';
import { presentFilters, presentHighlights, presentReport, type FiltersView } from './presenters/dashboard';
import { formatDate } from './presenters/format';
import { groupFunding } from '../domain/funding';
import { presentFunding } from './presenters/funding';
import { presentChanges, presentExceptions, presentPaper } from './presenters/report-paper';
import { getDecisionsSinceLastEdition } from '../domain/report-decisions';
import { presentReportDecisions } from './presenters/report-decisions';

/** Each render starts a browser (~150 MB): at most this many at once; more are asked to try again. */
const MAX_CONCURRENT_RENDERS = 2;
let rendering = 0;

export async function filtersFor(
  req: Request,
  source: Record<string, unknown> = req.query,
): Promise<{ filters: FiltersView; input: DashboardQuery }> {
  const directorates = await listDirectorates(req.ctx());
  const input = readDashboardQuery(source, { directorateCodes: directorates.map((d) => d.code) });
  return { input, filters: presentFilters(input, '/reports/scrutiny', directorates) };
}

/** Everything the paper shows, for the page, its PDF and a published edition alike. */
export async function reportLocals(req: Request, input: DashboardQuery, filters: FiltersView, chromiumPath: string) {
  const ctx = req.ctx();
  const [scrutinyReport, figures, changes, paper] = await Promise.all([
    getScrutinyReport(ctx, input.filter),
    getReportFigures(ctx, input.filter),
    getChangesSinceLastEdition(ctx, input.filter),
    getReportPaper(ctx),
  ]);
  const report = presentReport(scrutinyReport, filters, formatDate(todayIso()));
  const exceptions = presentExceptions(figures);
  const mayPublish = allows(() => assertMayPublishReports(ctx));
  return {
    title: paper.title,
    report,
    highlights: presentHighlights(scrutinyReport.portfolio, '/projects'),
    paper: presentPaper(paper, figures, exceptions.total),
    exceptions,
    changes: presentChanges(changes),
    filters,
    pdfAvailable: pdfRenderer(chromiumPath) !== null,
    mayPublish,
    publishValues: publishFields(input),
    errors: input.errors,
    scripts: [...CHART_SCRIPTS, '/public/js/report-pdf.js', '/public/js/busy-forms.js'],
    breadcrumbs: [{ href: '/', text: 'Portfolio' }],
    paperRaw: paper,
    // C9: approvals and re-baselines since the last edition, for views/reports/_decisions.ejs.
    decisionsReport: presentReportDecisions(await getDecisionsSinceLastEdition(ctx, input.filter)),
    // Issue 17: overdue post-implementation reviews, for views/reports/_reviews.ejs.
    reviewsReport: presentReviewsReport(await getReviewsReport(ctx, { directorateCode: input.filter.directorateCode })),
    // Issue 18: ICT effectiveness assessments and overdue improvement actions, for views/reports/_assessments.ejs.
    assessmentsReport: presentAssessmentsReport(await getAssessmentsReport(ctx, input.filter.directorateCode)),
    // Issue 19: capital and revenue by year, from the group sums, for views/reports/_funding.ejs.
    fundingReport: presentFunding(
      await groupFunding(ctx, { directorateCode: input.filter.directorateCode, status: input.filter.status }),
      'Capital and revenue costs by financial year',
    ),
    // Issue 19: cashable realised vs taken from budgets, for views/reports/_cashable.ejs.
    cashable: presentCashableSavings(
      await getCashableSavings(ctx, {
        directorateCode: input.filter.directorateCode,
        status: input.filter.status,
        asAt: input.filter.asAt,
      }),
    ),
  };
}

/** The filters as hidden fields of the publish form, so the edition is the report on the page. */
function publishFields(input: DashboardQuery): { name: string; value: string }[] {
  const v = input.values;
  const out = [
    { name: 'directorate', value: input.filter.directorateCode ?? '' },
    { name: 'status', value: input.filter.status ?? '' },
    { name: 'from', value: input.errors.from || input.errors.to ? '' : v.from },
    { name: 'to', value: input.errors.from || input.errors.to ? '' : v.to },
    { name: 'asAt', value: input.filter.asAt },
  ];
  if (input.filter.riskAdjusted) out.push({ name: 'riskAdjusted', value: 'true' });
  return out.filter((f) => f.value !== '');
}

function renderToString(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) =>
    res.render(view, locals, (err: Error | null, html: string) => (err ? reject(err) : resolve(html))),
  );
}

/**
 * The report's PDF: the server renders the page's HTML from the figures and Chromium prints it at
 * A4, with the marking and "Page X of Y" in the margins. Null when this server has no Chromium.
 */
export async function reportPdf(
  req: Request,
  res: Response,
  chromiumPath: string,
  input: DashboardQuery,
  filters: FiltersView,
): Promise<Buffer | null> {
  const playwright = pdfRenderer(chromiumPath);
  if (!playwright) return null;
  if (rendering >= MAX_CONCURRENT_RENDERS) throw new PdfBusyError();
  rendering += 1;
  try {
    const locals = await reportLocals(req, input, filters, chromiumPath);
    const html = await renderToString(res, 'reports/scrutiny', { ...locals, printing: true });
    const paper = locals.paperRaw as ReportPaper;
    return await renderPdf(playwright, {
      chromiumPath,
      url: ownUrl(req.socket, filters.reportHref),
      cookie: null,
      html,
      furniture: { marking: paper.marking, title: paper.title },
    });
  } finally {
    rendering -= 1;
  }
}

export class PdfBusyError extends Error {
  constructor() {
    super('The server is busy making other PDFs.');
  }
}

/** A PDF maker for publishing: this report's PDF, or null where the server has no Chromium. */
export function publishingPdf(
  req: Request,
  res: Response,
  chromiumPath: string,
  input: DashboardQuery,
  filters: FiltersView,
): (() => Promise<Buffer>) | null {
  if (!pdfRenderer(chromiumPath)) return null;
  return async () => {
    try {
      return (await reportPdf(req, res, chromiumPath, input, filters))!;
    } catch (err) {
      if (err instanceof PdfBusyError) throw new ConflictError(`${err.message} Publish again in a minute.`);
      throw err;
    }
  };
}

export function sendEditionPdf(res: Response, id: number, asAt: string, pdf: Buffer): void {
  res
    .type('application/pdf')
    .set('Content-Disposition', `attachment; filename="scrutiny-report-edition-${id}-${asAt}.pdf"`)
    .send(pdf);
}

/** The app's own address and port, as this request reached it (loopback when run locally). */
function ownUrl(socket: Socket, path: string): string {
  const raw = socket.localAddress ?? '127.0.0.1';
  const v4 = raw.replace(/^::ffff:/, '');
  const host = v4.includes(':') ? `[${v4}]` : v4;
  return `http://${host}:${socket.localPort}${path}`;
}
