/**
 * The scrutiny board report: one printable page (A4 print stylesheet), and the same page as a PDF
 * rendered server-side by headless Chromium when it is installed. Otherwise the page tells the
 * reader to print to PDF from their browser.
 */
import fs from 'node:fs';
import type { Socket } from 'node:net';
import { Router, type Request, type Response } from 'express';
import type { Browser } from 'playwright-core';
import { getScrutinyReport } from '../../domain/dashboard';
import { listDirectorates } from '../../domain/directorates';
import { todayIso } from '../../financial-year';
import { readDashboardQuery, type DashboardQuery } from '../../validation/dashboard-query.schema';
import { asyncHandler } from '../middleware/async-handler';
import { CHART_SCRIPTS } from '../presenters/charts';
import { presentFilters, presentReport, type FiltersView } from '../presenters/dashboard';
import { formatDate } from '../presenters/format';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The whole render (launch, load, charts, PDF) must finish within this, or the browser is closed. */
const PDF_TIMEOUT_MS = 30_000;
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
  const pdfAvailable = fs.existsSync(chromiumPath) && loadPlaywright() !== null;
  res.render('reports/scrutiny', {
    title: 'Scrutiny board report',
    report,
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
  const playwright = fs.existsSync(chromiumPath) ? loadPlaywright() : null;
  if (!playwright) return fallback(200, 'This server cannot make PDFs: it has no headless browser installed.');
  if (rendering >= MAX_CONCURRENT_RENDERS) return fallback(503, 'The server is busy making other PDFs.');
  rendering += 1;
  try {
    const pdf = await renderPdf(playwright, chromiumPath, ownUrl(req.socket, filters.reportHref), sessionCookie(req));
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

type Playwright = typeof import('playwright-core');
let playwrightModule: Playwright | null | undefined;

/** playwright-core is a development dependency: a production install without it simply has no PDF link. */
function loadPlaywright(): Playwright | null {
  if (playwrightModule === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      playwrightModule = require('playwright-core') as Playwright;
    } catch {
      playwrightModule = null;
    }
  }
  return playwrightModule;
}

/** The app's own address and port, as this request reached it (loopback when run locally). */
function ownUrl(socket: Socket, path: string): string {
  const raw = socket.localAddress ?? '127.0.0.1';
  const v4 = raw.replace(/^::ffff:/, '');
  const host = v4.includes(':') ? `[${v4}]` : v4;
  return `http://${host}:${socket.localPort}${path}`;
}

function sessionCookie(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return null;
}

/**
 * Opens the HTML report as the signed-in user (their session cookie), in print media, waits for
 * charts.js to mark the charts drawn, and prints A4. The browser is always closed, also when the
 * time-box runs out mid-launch.
 */
async function renderPdf(pw: Playwright, chromiumPath: string, url: string, cookie: string | null): Promise<Buffer> {
  const state: { browser?: Browser; finished: boolean } = { finished: false };
  const work = async (): Promise<Buffer> => {
    const browser = await pw.chromium.launch({
      executablePath: chromiumPath,
      args: CHROMIUM_ARGS,
      timeout: PDF_TIMEOUT_MS,
    });
    state.browser = browser;
    if (state.finished) throw new Error('PDF time-box ran out during launch');
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    if (cookie)
      await context.addCookies([
        { name: SESSION_COOKIE, value: cookie, url: new URL(url).origin, httpOnly: true, sameSite: 'Lax' },
      ]);
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.goto(url, { waitUntil: 'load', timeout: PDF_TIMEOUT_MS });
    await page.waitForSelector('html[data-charts-ready]', { state: 'attached', timeout: PDF_TIMEOUT_MS });
    return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  };
  let timer: NodeJS.Timeout | undefined;
  const running = work();
  try {
    return await Promise.race([
      running,
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`PDF took longer than ${PDF_TIMEOUT_MS} ms`)), PDF_TIMEOUT_MS)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
    state.finished = true;
    running.catch(() => undefined);
    // Launch may still be finishing: close whichever browser it gives us.
    const close = (b?: Browser) => b?.close().catch(() => undefined);
    if (state.browser) await close(state.browser);
    else
      void running.then(
        () => close(state.browser),
        () => close(state.browser),
      );
  }
}
