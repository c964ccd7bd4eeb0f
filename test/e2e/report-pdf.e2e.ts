/**
 * The board paper as a reader sees it (issue 15), on the demo portfolio:
 * - at A4 print size in Chromium, every chart's canvas, and every axis Chart.js drew inside it,
 *   lies within its box and the printable width, no two charts overlap, and a short category axis
 *   keeps every label (e.g. "No rating");
 * - the server's PDF, turned into page images by poppler's pdftoppm (kept in test/e2e/artifacts),
 *   has nothing drawn in the side margins, and pdftotext finds "Page X of Y" and the marking on
 *   every page, the cover on page 1 and the executive summary by page 2;
 * - the PDF button says it is preparing the PDF, cannot be pressed twice, and offers the PDF;
 * - an edition published from the page downloads byte for byte as published, twice.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { A4_PRINTABLE_WIDTH_PX } from '../../server/io/pdf';
import { ARTIFACTS, launchChromium, openCharts, signIn, startApp, type RunningApp } from './app-server';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
interface ChartBoxes {
  id: string;
  canvas: Box;
  figure: Box;
  /** Chart.js's own layout: each scale's box within the canvas, in canvas pixels. */
  canvasWidth: number;
  canvasHeight: number;
  scales: { id: string; left: number; right: number; top: number; bottom: number; labels: number; ticks: number }[];
}
// Browser globals, typed just enough for page.evaluate callbacks (no DOM library in this project).
declare const document: { querySelectorAll(s: string): ArrayLike<unknown> };
declare const window: {
  Chart: {
    getChart(c: unknown): {
      width: number;
      height: number;
      data: { labels: unknown[] };
      scales: Record<
        string,
        { left: number; right: number; top: number; bottom: number; ticks: unknown[]; options: { type?: string } }
      >;
    };
  };
};

const AS_AT = 'asAt=2026-06-30';
let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signIn(page, app, 'admin');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

function overlap(a: Box, b: Box): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

/** Every chart's boxes as laid out now (page pixels) and as Chart.js drew them (canvas pixels). */
async function chartBoxes(p: Page): Promise<ChartBoxes[]> {
  return p.evaluate(() =>
    (Array.from(document.querySelectorAll('canvas[data-chart]')) as never[]).map((c) => {
      const el = c as unknown as {
        id: string;
        getBoundingClientRect(): Box;
        closest(s: string): { getBoundingClientRect(): Box };
      };
      const chart = window.Chart.getChart(c);
      const r = (b: Box) => ({ left: b.left, right: b.right, top: b.top, bottom: b.bottom });
      return {
        id: el.id,
        canvas: r(el.getBoundingClientRect()),
        figure: r(el.closest('.app-chart__canvas').getBoundingClientRect()),
        canvasWidth: chart.width,
        canvasHeight: chart.height,
        scales: Object.entries(chart.scales).map(([id, s]) => ({
          id,
          left: s.left,
          right: s.right,
          top: s.top,
          bottom: s.bottom,
          labels: s.options.type === 'category' ? chart.data.labels.length : -1,
          ticks: s.ticks.length,
        })),
      };
    }),
  );
}

describe('the board paper at A4', () => {
  it('lays every chart inside its box and the printable width, none overlapping, short axes keeping every label', async () => {
    // The server's PDF lays the page out this way: print media at the A4 printable width.
    const context = await browser.newContext({ viewport: { width: A4_PRINTABLE_WIDTH_PX, height: 1100 } });
    const page = await context.newPage();
    await signIn(page, app, 'scrutiny');
    await page.emulateMedia({ media: 'print' });
    const drawn = await openCharts(page, `${app.base}/reports/scrutiny?${AS_AT}`);
    expect(drawn).toBeGreaterThan(6);
    const charts = await chartBoxes(page);
    expect(charts).toHaveLength(drawn);
    const problems: string[] = [];
    for (const c of charts) {
      if (c.canvas.left < c.figure.left - 0.5 || c.canvas.right > c.figure.right + 0.5)
        problems.push(
          `${c.id}: canvas ${c.canvas.left}–${c.canvas.right} outside its box ${c.figure.left}–${c.figure.right}`,
        );
      if (c.canvas.left < 0 || c.canvas.right > A4_PRINTABLE_WIDTH_PX + 0.5)
        problems.push(`${c.id}: canvas ${c.canvas.left}–${c.canvas.right} outside the printable width`);
      for (const s of c.scales) {
        if (s.left < -0.5 || s.right > c.canvasWidth + 0.5 || s.top < -0.5 || s.bottom > c.canvasHeight + 0.5)
          problems.push(`${c.id}: axis ${s.id} drawn outside the canvas`);
        if (s.labels >= 0 && s.labels <= 8 && s.ticks !== s.labels)
          problems.push(`${c.id}: axis ${s.id} shows ${s.ticks} of its ${s.labels} labels`);
      }
    }
    // Nor does any table or list run past the printable width (a wide table would be cut off on paper).
    const wide = await page.evaluate(
      (width) =>
        (Array.from(document.querySelectorAll('.app-report table, .app-report dl, .app-report ul')) as never[])
          .map((e) => e as unknown as { id: string; className: string; getBoundingClientRect(): Box })
          .filter((e) => e.getBoundingClientRect().right > width + 0.5)
          .map((e) => `${e.id || e.className}: right edge at ${Math.round(e.getBoundingClientRect().right)}`),
      A4_PRINTABLE_WIDTH_PX,
    );
    problems.push(...wide);
    for (let i = 0; i < charts.length; i++)
      for (let j = i + 1; j < charts.length; j++)
        if (overlap(charts[i].canvas, charts[j].canvas)) problems.push(`${charts[i].id} overlaps ${charts[j].id}`);
    await context.close();
    expect(problems).toEqual([]);
  });

  it('gives a PDF with a cover, the executive summary by page 2, "Page X of Y" and the marking on every page, and nothing in the margins', async () => {
    // A loaded CI machine may take a while to start Chromium and print: allow the server's own time-box.
    const res = await page.request.get(`${app.base}/reports/scrutiny.pdf?${AS_AT}`, { timeout: 90_000 });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const pdfPath = path.join(ARTIFACTS, 'board-paper.pdf');
    fs.writeFileSync(pdfPath, await res.body());

    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    const n = pages.length;
    expect(n).toBeGreaterThan(4);
    pages.forEach((p, i) => {
      expect({ page: i + 1, numbered: p.includes(`Page ${i + 1} of ${n}`) }).toEqual({ page: i + 1, numbered: true });
      expect({ page: i + 1, marked: (p.match(/OFFICIAL/g) ?? []).length >= 2 }).toEqual({ page: i + 1, marked: true });
    });
    expect(pages[0]).toContain('ICT investment: return and benefits realised');
    // The demo seed's paper (issue 15): no "Not set" or "Not named" on the cover.
    expect(pages[0]).toContain('Scrutiny Board (Strategy and Resources)');
    expect(pages[0]).toContain('Kirkholme City Council');
    expect(pages[0]).not.toMatch(/Not set|Not named/);
    // The executive summary, from its heading to its last part (the changes since the last edition), by page 2.
    const firstTwo = pages.slice(0, 2).join('\n');
    for (const part of ['Executive summary', 'Purpose', 'Recommendations', 'Summary', 'Headline indicators'])
      expect(firstTwo).toContain(part);
    // The demo seed published the last meeting's edition (issue 15), so there are changes since it.
    expect(firstTwo).toMatch(/Exceptions[\s\S]*Changes since the last edition\s+Since the last edition/);
    expect(pages[n - 1] + pages[n - 2]).toContain('Formulas');

    // Page images: kept as artifacts (PNG) and read back (PGM, plain bytes) to check the margins.
    for (const f of fs.readdirSync(ARTIFACTS))
      if (/^board-paper-\d+\.(png|pgm)$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, path.join(ARTIFACTS, 'board-paper')]);
    execFileSync('pdftoppm', ['-gray', '-r', '60', pdfPath, path.join(ARTIFACTS, 'board-paper')]);
    const images = fs.readdirSync(ARTIFACTS).filter((f) => /^board-paper-\d+\.pgm$/.test(f));
    expect(images).toHaveLength(n);
    expect(fs.readdirSync(ARTIFACTS).filter((f) => /^board-paper-\d+\.png$/.test(f))).toHaveLength(n);
    const mm = 60 / 25.4;
    for (const f of images) {
      const img = readPgm(path.join(ARTIFACTS, f));
      // The side margins (14 mm) hold nothing: all content, charts included, is inside the printable area.
      const side = Math.floor(12 * mm);
      const inked = (x0: number, x1: number, y0: number, y1: number) => {
        let count = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (img.px[y * img.width + x] < 200) count++;
        return count;
      };
      expect({
        page: f,
        left: inked(0, side, 0, img.height),
        right: inked(img.width - side, img.width, 0, img.height),
      }).toEqual({
        page: f,
        left: 0,
        right: 0,
      });
      expect({
        page: f,
        content: inked(side, img.width - side, Math.floor(18 * mm), img.height - Math.floor(16 * mm)) > 100,
      }).toEqual({
        page: f,
        content: true,
      });
      fs.rmSync(path.join(ARTIFACTS, f));
    }
  });

  it('says the PDF is being prepared, takes no second press, and offers the PDF when it is ready', async () => {
    await openCharts(page, `${app.base}/reports/scrutiny?${AS_AT}`);
    const button = page.locator('#download-pdf');
    await button.click();
    expect(await button.textContent()).toBe('Preparing the PDF…');
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('#pdf-status').textContent()).toContain('Preparing the PDF');
    await button.click({ force: true }); // ignored while busy
    await page.waitForSelector('#pdf-ready', { timeout: 90_000 });
    expect(await page.locator('#pdf-ready').textContent()).toMatch(/save the PDF \(\d+ KB\)/);
    expect(await button.textContent()).toBe('Download PDF');
  });
});

describe('editions', () => {
  it('publishes from the page, lists the edition, and downloads its PDF byte for byte as published', async () => {
    await openCharts(page, `${app.base}/reports/scrutiny?${AS_AT}`);
    await Promise.all([
      page.waitForURL(/\/reports\/editions\/\d+/, { timeout: 90_000 }),
      page.click('#publish-edition'),
    ]);
    expect(
      await page.locator('.govuk-notification-banner, [role=alert], .govuk-panel').first().textContent(),
    ).toContain('Edition published');
    const sha = (await page.locator('#edition-facts').textContent())!.match(/SHA-256 ([0-9a-f]{64})/)![1];
    const href = (await page.locator('#edition-pdf').getAttribute('href'))!;
    const first = await (await page.request.get(`${app.base}${href}`, { timeout: 90_000 })).body();
    const second = await (await page.request.get(`${app.base}${href}`)).body();
    expect(crypto.createHash('sha256').update(first).digest('hex')).toBe(sha);
    expect(Buffer.compare(first, second)).toBe(0);
    fs.writeFileSync(path.join(ARTIFACTS, 'board-paper-edition.pdf'), first);
    await page.goto(`${app.base}/reports/editions`);
    // The demo's last-meeting edition, and this one.
    expect(await page.locator('#editions tbody tr').count()).toBe(2);
    // The next report compares itself with this edition.
    await openCharts(page, `${app.base}/reports/scrutiny?${AS_AT}`);
    expect(await page.locator('#changes-since').textContent()).toContain('edition 2');
    await page.screenshot({ path: path.join(ARTIFACTS, 'board-paper-screen.png'), fullPage: true });
  });
});

/** A binary PGM (P5, 8-bit grey) as pdftoppm -gray writes it. */
function readPgm(file: string): { width: number; height: number; px: Buffer } {
  const buf = fs.readFileSync(file);
  const header: string[] = [];
  let at = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[at]))) at++;
    let token = '';
    while (!/\s/.test(String.fromCharCode(buf[at]))) token += String.fromCharCode(buf[at++]);
    header.push(token);
  }
  at++; // the single whitespace after maxval
  const [magic, w, h] = header;
  if (magic !== 'P5') throw new Error(`${file} is not a binary PGM`);
  return { width: Number(w), height: Number(h), px: buf.subarray(at) };
}
