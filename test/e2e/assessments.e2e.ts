/**
 * Assessments (issue 18) in a real browser on the demo portfolio: the assessment page draws its
 * radar chart (this assessment against the previous approved one) under the app's real CSP, the
 * blueprint heat map is drawn with its colour bands, and axe-core finds no serious or critical
 * violation on the assessment pages. Screenshots: artifacts/assessment-radar.png, assessment-heatmap.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, canvasInk, launchChromium, openCharts, signIn, startApp, type RunningApp } from './app-server';

const AXE = require.resolve('axe-core/axe.min.js');

// Browser globals, typed just enough for page.evaluate callbacks (no DOM library in this project).
interface BrowserElement {
  textContent: string | null;
  className: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}
declare const document: {
  querySelectorAll(s: string): ArrayLike<BrowserElement & { open: boolean }>;
};
declare const window: {
  getComputedStyle(e: BrowserElement): { backgroundColor: string };
  Chart: {
    getChart(
      id: string,
    ): { config: { type: string }; data: { datasets: { label: string; data: (number | null)[] }[] } } | undefined;
  };
  axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
};

let app: RunningApp;
let browser: Browser;
let page: Page;
let axePage: Page;
let latestCs: number;
let draft: number;
const errors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  const cs = await app
    .knex('assessments as a')
    .join('directorates as d', 'd.id', 'a.directorate_id')
    .where('d.code', 'CS')
    .orderBy('a.assessed_on', 'desc')
    .first('a.id');
  latestCs = Number(cs.id);
  draft = Number((await app.knex('assessments').where({ status: 'draft' }).first('id')).id);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, app, 'admin');
  // axe is injected as an inline script, which the real CSP blocks: a second context bypasses it.
  const axeContext = await browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
  axePage = await axeContext.newPage();
  await signIn(axePage, app, 'admin');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the assessment page', () => {
  it('draws the radar chart of this assessment against the previous approved one, under the real CSP', async () => {
    expect(await openCharts(page, `${app.base}/assessments/${latestCs}`)).toBe(1);
    const chart = await page.evaluate(() => {
      const c = window.Chart.getChart('chart-assessment-radar')!;
      return { type: c.config.type, datasets: c.data.datasets.map((d) => ({ label: d.label, points: d.data.length })) };
    });
    expect(chart).toEqual({
      type: 'radar',
      datasets: [
        { label: 'This assessment (15 January 2026)', points: 7 },
        { label: 'Previous approved (20 January 2025)', points: 7 },
      ],
    });
    const [ink] = await canvasInk(page);
    expect(ink.inked).toBeGreaterThan(5000);
    await page
      .locator('#chart-assessment-radar-figure')
      .screenshot({ path: path.join(ARTIFACTS, 'assessment-radar.png') });
    expect(errors).toEqual([]);
  });
});

describe('the blueprint heat map', () => {
  it('is drawn: every assessed cell coloured by its band, the never assessed directorates shown as such', async () => {
    await page.goto(`${app.base}/assessments/heatmap`);
    const cells = await page.evaluate(() =>
      Array.from(document.querySelectorAll('td.app-heat')).map((c) => ({
        band: /app-heat--(\w+)/.exec(c.className)![1],
        background: window.getComputedStyle(c).backgroundColor,
      })),
    );
    const scored = cells.filter((c) => /^[1-5]$/.test(c.band));
    expect(scored.length).toBeGreaterThan(10);
    for (const c of scored) expect(c.background).not.toMatch(/^rgba?\(255, 255, 255|rgba\(0, 0, 0, 0\)/);
    const text = await page.locator('#heatmap').innerText();
    expect(text).toContain('Never assessed');
    expect(text).toContain('15 January 2026');
    await page.locator('#heatmap').screenshot({ path: path.join(ARTIFACTS, 'assessment-heatmap.png') });
  });
});

describe('axe-core, WCAG 2.2 AA, on the assessment pages', () => {
  it('finds no serious or critical violation', async () => {
    const urls = [
      '/assessments',
      `/assessments/${latestCs}`,
      '/assessments/heatmap',
      `/assessments/${draft}/edit`,
      `/assessments/${latestCs}/actions/new`,
      '/improvement-actions',
      `/improvement-actions/${Number((await app.knex('improvement_actions').first('id')).id)}`,
      '/assessment-frameworks',
      '/directorates/CS',
    ];
    const serious: string[] = [];
    for (const url of urls) {
      const res = await axePage.goto(`${app.base}${url}`);
      expect({ url, status: res?.status() }).toEqual({ url, status: 200 });
      await axePage.evaluate(() => Array.from(document.querySelectorAll('details')).forEach((d) => (d.open = true)));
      await axePage.addScriptTag({ path: AXE });
      const found = await axePage.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }),
      );
      for (const v of found.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
        serious.push(
          `${url}: [${v.impact}] ${v.id}: ${v.help} at ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')}`,
        );
    }
    expect(serious).toEqual([]);
  }, 120_000);
});
