/**
 * The scrutiny board report: one printable page (A4 print stylesheet), and the same page as a PDF
 * rendered server-side by headless Chromium when it is installed. Otherwise the page tells the
 * reader to print to PDF from their browser.
 */
import type { Socket } from 'node:net';
import { Router, type Request, type Response } from 'express';
import { getScrutinyReport } from '../../domain/dashboard';
import { listDirectorates } from '../../domain/directorates';
import { todayIso } from '../../financial-year';
import { pdfRenderer, renderPdf } from '../../io/pdf';
import { readDashboardQuery, type DashboardQuery } from '../../validation/dashboard-query.schema';
import { asyncHandler } from '../middleware/async-handler';
import { CHART_SCRIPTS } from '../presenters/charts';
import { presentFilters, presentReport, type FiltersView } from '../presenters/dashboard';
import { formatDate } from '../presenters/format';
import { getCashableSavings } from '../../domain/cashable-savings';
import { presentCashableSavings } from '../presenters/cashable';

/** Each render starts a browser (~150 MB): at most this many at once; more are asked to try again. */
const MAX_CONCURRENT_RENDERS = 2;
const SESSION_COOKIE = 'realise.sid'; // as named in app.ts
let rendering = 0;

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
  return router;
}

async function filtersFor(req: Request): Promise<{ filters: FiltersView; input: DashboardQuery }> {
  const directorates = await listDirectorates(req.ctx());
  const input = readDashboardQuery(req.query, { directorateCodes: directorates.map((d) => d.code) });
  return { input, filters: presentFilters(input, '/reports/scrutiny', directorates) };
}

/** @route GET /reports/scrutiny */
async function scrutiny(req: Request, res: Response, chromiumPath: string) {
  const { input, filters } = await filtersFor(req);
  const report = presentReport(await getScrutinyReport(req.ctx(), input.filter), filters, formatDate(todayIso()));
  const pdfAvailable = pdfRenderer(chromiumPath) !== null;
  // Issue 19: the gap between cashable realised and taken from budgets (views/reports/_cashable.ejs).
  const cashable = presentCashableSavings(
    await getCashableSavings(req.ctx(), {
      directorateCode: input.filter.directorateCode,
      status: input.filter.status,
      asAt: input.filter.asAt,
    }),
  );
  res.render('reports/scrutiny', {
    title: 'Scrutiny board report',
    report,
    cashable,
    filters,
    pdfAvailable,
    errors: input.errors,
    scripts: CHART_SCRIPTS,
    breadcrumbs: [{ href: '/', text: 'Portfolio' }],
  });
}

/** @route GET /reports/scrutiny.pdf */
async function scrutinyPdf(req: Request, res: Response, chromiumPath: string) {
  const { filters } = await filtersFor(req);
  const fallback = (status: number, reason: string) =>
    res
      .status(status)
      .render('reports/pdf-unavailable', { title: 'Save the report as a PDF', reason, reportHref: filters.reportHref });
  const playwright = pdfRenderer(chromiumPath);
  if (!playwright) return fallback(200, 'This server cannot make PDFs: it has no headless browser installed.');
  if (rendering >= MAX_CONCURRENT_RENDERS) return fallback(503, 'The server is busy making other PDFs.');
  rendering += 1;
  try {
    const url = ownUrl(req.socket, filters.reportHref);
    const pdf = await renderPdf(playwright, { chromiumPath, url, cookie: sessionCookie(req) });
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="scrutiny-report-${todayIso()}.pdf"`)
      .send(pdf);
  } catch (err) {
    req.ctx().logger.warn({ err }, 'PDF rendering failed');
    fallback(503, 'The PDF could not be made in time.');
  } finally {
    rendering -= 1;
  }
}

/** The app's own address and port, as this request reached it (loopback when run locally). */
function ownUrl(socket: Socket, path: string): string {
  const raw = socket.localAddress ?? '127.0.0.1';
  const v4 = raw.replace(/^::ffff:/, '');
  const host = v4.includes(':') ? `[${v4}]` : v4;
  return `http://${host}:${socket.localPort}${path}`;
}

/** The reader's session cookie, for the browser that prints the report as them. */
function sessionCookie(req: Request): { name: string; value: string } | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return { name, value: rest.join('=') };
  }
  return null;
}
