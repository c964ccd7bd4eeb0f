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
const PDF_TIMEOUT_MS = 30_000;

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
}

/**
 * Opens the HTML page (with the cookie, e.g. as the signed-in user), in print media, waits for
 * charts.js to mark the charts drawn, and prints A4. The browser is always closed, also when the
 * time-box runs out mid-launch.
 */
export async function renderPdf(pw: Playwright, { chromiumPath, url, cookie }: PdfRequest): Promise<Buffer> {
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
        { name: cookie.name, value: cookie.value, url: new URL(url).origin, httpOnly: true, sameSite: 'Lax' },
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
