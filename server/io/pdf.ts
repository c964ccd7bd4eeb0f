/**
 * A web page printed to PDF by headless Chromium (Debian's /usr/bin/chromium, driven through
 * playwright-core). The scrutiny board report uses it; the caller says which page to open and
 * with which session cookie.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';

/** The flags every headless Chromium here starts with (the PDF renderer and the browser tests). */
export const CHROMIUM_ARGS = [
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
const PDF_TIMEOUT_MS = 60_000;

export type Playwright = typeof import('playwright-core');
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

/** playwright-core, when Chromium is installed at `chromiumPath` and playwright-core can be loaded; otherwise null. */
export function pdfRenderer(chromiumPath: string): Playwright | null {
  return fs.existsSync(chromiumPath) ? loadPlaywright() : null;
}

export interface PdfRequest {
  chromiumPath: string;
  /** The page to print, at an address the server can reach itself. */
  url: string;
  /** The cookie to send with it (the reader's session), if any. */
  cookie: { name: string; value: string } | null;
  /**
   * The page's HTML, already rendered by the server: the browser is given it for `url` instead of
   * asking for it, and fetches only the page's public assets (stylesheet, scripts). Then no session
   * is needed, and the PDF is exactly the page rendered from the caller's figures.
   */
  html?: string;
  /** A paper's furniture: the protective marking at the top and foot of every page, and its title. */
  furniture?: { marking: string; title: string };
}

/**
 * The printable width of the report's A4 page in CSS pixels (210 mm less the 14 mm side margins
 * of public/scss/app/_report.scss, at 96 px to the inch): the page is laid out at this width before
 * the charts are drawn, so each chart is drawn at the size it is printed and nothing is clipped.
 */
export const A4_PRINTABLE_WIDTH_PX = Math.floor(((210 - 2 * 14) / 25.4) * 96);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Chromium's header and footer templates (they sit in the page margins): the marking centred at
 * the top; the title, the marking and "Page X of Y" at the foot. Their own styles: they inherit none.
 */
export function pageTemplates(f: { marking: string; title: string }): {
  headerTemplate: string;
  footerTemplate: string;
} {
  const box = 'font-family: arial, sans-serif; font-size: 8pt; color: #0b0c0c; width: 100%; margin: 0 14mm;';
  const marking = `<strong style="letter-spacing: 0.05em">${escapeHtml(f.marking)}</strong>`;
  return {
    headerTemplate: `<div style="${box} text-align: center;">${marking}</div>`,
    footerTemplate:
      `<div style="${box} display: flex; justify-content: space-between;">` +
      `<span style="flex: 1">${escapeHtml(f.title)}</span>` +
      `<span style="flex: 1; text-align: center">${marking}</span>` +
      `<span style="flex: 1; text-align: right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>` +
      `</div>`,
  };
}

/**
 * Opens the HTML page (with the cookie, e.g. as the signed-in user), in print media at the A4
 * printable width, waits for charts.js to mark the charts drawn, and prints A4, with the paper's
 * marking and page numbers in the margins when `furniture` is given. The browser is always closed, also when the
 * time-box runs out mid-launch.
 */
export async function renderPdf(
  pw: Playwright,
  { chromiumPath, url, cookie, furniture, html }: PdfRequest,
): Promise<Buffer> {
  const state: { browser?: Browser; finished: boolean } = { finished: false };
  const work = async (): Promise<Buffer> => {
    const browser = await pw.chromium.launch({
      executablePath: chromiumPath,
      args: CHROMIUM_ARGS,
      timeout: PDF_TIMEOUT_MS,
    });
    state.browser = browser;
    if (state.finished) throw new Error('PDF time-box ran out during launch');
    const context = await browser.newContext({ viewport: { width: A4_PRINTABLE_WIDTH_PX, height: 1100 } });
    if (cookie)
      await context.addCookies([
        { name: cookie.name, value: cookie.value, url: new URL(url).origin, httpOnly: true, sameSite: 'Lax' },
      ]);
    const page = await context.newPage();
    // Print media from the start: the page is laid out, and its charts drawn, as they are printed.
    await page.emulateMedia({ media: 'print' });
    if (html !== undefined) {
      const href = new URL(url).href;
      await page.route(
        (u) => u.href === href,
        (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      );
    }
    await page.goto(url, { waitUntil: 'load', timeout: PDF_TIMEOUT_MS });
    await page.waitForSelector('html[data-charts-ready]', { state: 'attached', timeout: PDF_TIMEOUT_MS });
    return page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      ...(furniture ? { displayHeaderFooter: true, ...pageTemplates(furniture) } : {}),
    });
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
