/**
 * The scrutiny board report as a committee paper (issue 15): one printable page (A4 print
 * stylesheet), the same page as a PDF rendered server-side by headless Chromium when it is
 * installed (otherwise the page tells the reader to print to PDF from their browser), the paper's
 * details form, and published editions.
 */
import { Router, type Request, type Response } from 'express';
import {
  assertMayPublishReports,
  getEdition,
  getEditionPdf,
  getReportPaper,
  listEditions,
  publishEdition,
  saveReportPaper,
} from '../../domain/report-editions';
import { NotFoundError, ValidationError } from '../../errors';
import { todayIso } from '../../financial-year';
import { parseOrThrow } from '../../validation/fields';
import { PAPER_MARKINGS, reportPaperSchema } from '../../validation/report-paper.schema';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { editionsTable, presentEdition, presentEditionRow } from '../presenters/report-paper';
import { downloadRoutes, sendTables, type DownloadExt } from '../download';
import { downloadLinks } from '../presenters/view-downloads';
import { filtersFor, PdfBusyError, publishingPdf, reportLocals, reportPdf, sendEditionPdf } from '../report-pdf';
import { submitForm } from './forms';

export function reportsRoutes(chromiumPath: string): Router {
  const router = Router();
  router.get(
    '/reports/scrutiny',
    asyncHandler((req, res) => scrutiny(req, res, chromiumPath)),
  );
  router.get(
    '/reports/scrutiny.pdf',
    asyncHandler((req, res) => scrutinyPdf(req, res, chromiumPath)),
  );
  router.get('/reports/paper', requireRole('admin', 'finance'), asyncHandler(paperForm));
  router.post('/reports/paper', requireRole('admin', 'finance'), asyncHandler(savePaper));
  router.get('/reports/editions', asyncHandler(editions));
  downloadRoutes(router, '/reports/editions', downloadEditions);
  router.post(
    '/reports/editions',
    requireRole('admin', 'finance'),
    asyncHandler((req, res) => publish(req, res, chromiumPath)),
  );
  router.get('/reports/editions/:id.pdf', asyncHandler(editionPdf));
  router.get('/reports/editions/:id', asyncHandler(edition));
  return router;
}

/** @route GET /reports/scrutiny */
async function scrutiny(req: Request, res: Response, chromiumPath: string) {
  const { input, filters } = await filtersFor(req);
  res.render('reports/scrutiny', await reportLocals(req, input, filters, chromiumPath));
}

/** @route GET /reports/scrutiny.pdf */
async function scrutinyPdf(req: Request, res: Response, chromiumPath: string) {
  const { input, filters } = await filtersFor(req);
  const fallback = (status: number, reason: string) =>
    res
      .status(status)
      .render('reports/pdf-unavailable', { title: 'Save the report as a PDF', reason, reportHref: filters.reportHref });
  try {
    const pdf = await reportPdf(req, res, chromiumPath, input, filters);
    if (!pdf) return fallback(200, 'This server cannot make PDFs: it has no headless browser installed.');
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="scrutiny-report-${todayIso()}.pdf"`)
      .send(pdf);
  } catch (err) {
    if (err instanceof PdfBusyError) return fallback(503, err.message);
    req.ctx().logger.warn({ err }, 'PDF rendering failed');
    fallback(503, 'The PDF could not be made in time.');
  }
}

// ## The paper's details

const paperLocals = {
  title: "The board paper's details",
  action: '/reports/paper',
  markingOptions: PAPER_MARKINGS.map((m) => ({ value: m, text: m })),
};

/** @route GET /reports/paper */
async function paperForm(req: Request, res: Response) {
  const ctx = req.ctx();
  assertMayPublishReports(ctx);
  const paper = await getReportPaper(ctx);
  res.render('reports/paper', { ...paperLocals, values: paper, back: backTo(req.query.back) });
}

/** Back to the report the form was opened from (a local /reports/scrutiny address only). */
function backTo(v: unknown): string {
  return typeof v === 'string' && /^\/reports\/scrutiny(\?[^\s<>"]*)?$/.test(v) ? v : '/reports/scrutiny';
}

/** @route POST /reports/paper */
async function savePaper(req: Request, res: Response) {
  const back = backTo(req.body.back);
  await submitForm(req, res, {
    view: 'reports/paper',
    locals: { ...paperLocals, back },
    save: () => saveReportPaper(req.ctx(), parseOrThrow(reportPaperSchema('form'), req.body)),
    redirect: () => `${back}${back.includes('?') ? '&' : '?'}notice=paper-saved`,
  });
}

// ## Editions

/** @route GET /reports/editions */
async function editions(req: Request, res: Response) {
  const list = await listEditions(req.ctx());
  res.render('reports/editions', {
    title: 'Published board report editions',
    editions: list.map(presentEditionRow),
    download: downloadLinks('/reports/editions', '', 'the published editions'),
    breadcrumbs: [
      { href: '/', text: 'Portfolio' },
      { href: '/reports/scrutiny', text: 'Scrutiny board report' },
    ],
  });
}

/** @route GET /reports/editions.csv and .xlsx — the list's rows (issue 19). */
async function downloadEditions(req: Request, res: Response, ext: DownloadExt) {
  const list = await listEditions(req.ctx());
  await sendTables(req, res, ext, 'report-editions', [editionsTable(list.map(presentEditionRow))]);
}

function editionId(raw: unknown): number {
  const id = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(id) || id < 1) throw new NotFoundError('There is no such report edition');
  return id;
}

/** @route GET /reports/editions/:id */
async function edition(req: Request, res: Response) {
  const e = presentEdition(await getEdition(req.ctx(), editionId(req.params.id)));
  res.render('reports/edition', {
    title: `${e.title}: edition ${e.id}`,
    e,
    breadcrumbs: [
      { href: '/', text: 'Portfolio' },
      { href: '/reports/editions', text: 'Board report editions' },
    ],
  });
}

/** @route GET /reports/editions/:id.pdf */
async function editionPdf(req: Request, res: Response) {
  const { edition, pdf } = await getEditionPdf(req.ctx(), editionId(req.params.id));
  if (!pdf) throw new NotFoundError('This edition was published without a PDF (the server had no headless browser)');
  sendEditionPdf(res, edition.id, edition.asAt, pdf);
}

/** @route POST /reports/editions */
async function publish(req: Request, res: Response, chromiumPath: string) {
  const { input, filters } = await filtersFor(req, req.body as Record<string, unknown>);
  if (Object.keys(input.errors).length) throw new ValidationError(input.errors);
  const ctx = req.ctx();
  assertMayPublishReports(ctx);
  const render = publishingPdf(req, res, chromiumPath, input, filters);
  const published = await publishEdition(ctx, input.filter, render);
  res.redirect(303, `/reports/editions/${published.id}?notice=edition-published`);
}
