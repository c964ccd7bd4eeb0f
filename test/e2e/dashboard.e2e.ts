/**
 * The scrutiny dashboards in a real browser, under the app's real Content-Security-Policy: every
 * chart draws, filters change the figures, a bubble opens its project, the report prints and the
 * server renders it to PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, canvasInk, launchChromium, openCharts, signIn, startApp, type RunningApp } from './app-server';

// Browser globals, typed just enough for page.evaluate callbacks (no DOM library in this project).
interface BrowserElement {
  getBoundingClientRect(): { x: number; y: number };
}
interface ChartPoint {
  x: number;
  y: number;
}
declare const document: {
  getElementById(id: string): BrowserElement | null;
  querySelector(s: string): BrowserElement | null;
};
declare const window: {
  getComputedStyle(e: BrowserElement): { display: string; breakBefore: string };
  Chart: {
    getChart(
      id: string,
    ): { data: { datasets: { links?: string[] }[] }; getDatasetMeta(i: number): { data: ChartPoint[] } } | undefined;
  };
  __cspViolations: string[];
};

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Record any Content-Security-Policy violation (an inline style or script the policy blocked).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    (
      document as unknown as {
        addEventListener(t: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void;
      }
    ).addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await signIn(page, app, 'admin');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

afterEach(async () => {
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  expect({ csp, consoleErrors }).toEqual({ csp: [], consoleErrors: [] });
});

async function expectEveryChartDrawn(expected: number): Promise<void> {
  const ink = await canvasInk(page);
  expect(ink).toHaveLength(expected);
  for (const c of ink) {
    // Axes alone are a few hundred pixels; bars, lines and bubbles are thousands.
    expect({ id: c.id, drawn: c.width > 0 && c.height > 0 && c.inked > 2000 }).toEqual({ id: c.id, drawn: true });
  }
}

async function headline(id: string): Promise<string> {
  return (await page.locator(`#${id} .app-tile__value`).textContent())!.trim();
}

describe('portfolio dashboard', () => {
  it('draws every chart with the real CSP, each with an accessible name and a table alternative', async () => {
    expect(await openCharts(page, `${app.base}/?asAt=2026-06-30`)).toBe(6);
    await expectEveryChartDrawn(6);
    for (const canvas of await page.locator('canvas[data-chart]').all()) {
      expect(await canvas.getAttribute('role')).toBe('img');
      expect((await canvas.getAttribute('aria-label'))!.length).toBeGreaterThan(10);
    }
    expect(await page.locator('figure.app-chart details table').count()).toBe(6);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  });

  it('filters by directorate through the GET form, and the headline figures change', async () => {
    await openCharts(page, `${app.base}/?asAt=2026-06-30`);
    const before = { npv: await headline('headline-npv'), invested: await headline('headline-invested') };
    // The filters are one line until opened, so the headline comes first (issue 14).
    expect(await page.isVisible('#f-directorate')).toBe(false);
    await page.click('.app-filters-details summary');
    await page.selectOption('#f-directorate', 'CS');
    await Promise.all([page.waitForURL(/directorate=CS/), page.click('button:has-text("Apply filters")')]);
    await page.waitForSelector('html[data-charts-ready]', { state: 'attached' });
    expect(page.url()).toContain('asAt=2026-06-30');
    const after = { npv: await headline('headline-npv'), invested: await headline('headline-invested') };
    expect(after.npv).not.toBe(before.npv);
    expect(after.invested).not.toBe(before.invested);
    expect(await page.locator('.app-dashboard__scope').textContent()).toContain("Children's Services");
    await expectEveryChartDrawn(6);
  });

  it('shows a message for an invalid filter and still draws the unfiltered figures', async () => {
    expect(await openCharts(page, `${app.base}/?from=twenty&directorate=NOPE`)).toBe(6);
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('From year: Enter a financial year like 2024/25');
    expect(summary).toContain('There is no directorate with code NOPE');
  });

  it('opens a project when its bubble is selected, and draws the project charts', async () => {
    await openCharts(page, `${app.base}/?asAt=2026-06-30`);
    await page.locator('#chart-bubble').scrollIntoViewIfNeeded();
    const target = await page.evaluate(() => {
      const chart = window.Chart.getChart('chart-bubble')!;
      const point = chart.getDatasetMeta(0).data[0];
      const box = document.getElementById('chart-bubble')!.getBoundingClientRect();
      return { x: box.x + point.x, y: box.y + point.y, href: chart.data.datasets[0].links![0] };
    });
    await page.mouse.click(target.x, target.y);
    await page.waitForURL((url) => url.pathname === target.href);
    await page.waitForSelector('html[data-charts-ready]', { state: 'attached' });
    await expectEveryChartDrawn(3);
  });
});

describe('directorate dashboard', () => {
  it('draws its charts and sorts the ranking by the column chosen', async () => {
    expect(await openCharts(page, `${app.base}/directorates/CS?asAt=2026-06-30`)).toBe(6);
    await expectEveryChartDrawn(6);
    await Promise.all([page.waitForURL(/sort=bcr/), page.click('.app-ranking a:has-text("Benefit-cost ratio")')]);
    expect(await page.locator('.app-ranking th[aria-sort]').textContent()).toContain('Benefit-cost ratio');
    expect(await page.locator('.app-ranking th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    expect(page.url()).toContain('asAt=2026-06-30');
  });
});

describe('board report', () => {
  it('draws every chart, lays out for A4 print without navigation, and gives a PDF', async () => {
    const charts = await openCharts(page, `${app.base}/reports/scrutiny?asAt=2026-06-30`);
    expect(charts).toBeGreaterThan(6);
    await expectEveryChartDrawn(charts);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => ({
      nav: window.getComputedStyle(document.querySelector('.govuk-service-navigation')!).display,
      header: window.getComputedStyle(document.querySelector('.app-header')!).display,
      breakBefore: window.getComputedStyle(document.querySelector('.app-report__directorate')!).breakBefore,
    }));
    expect(print).toEqual({ nav: 'none', header: 'none', breakBefore: 'page' });
    await expectEveryChartDrawn(charts); // redrawn at print size, still not blank
    await page.emulateMedia({ media: 'screen' });

    const href = await page.locator('#download-pdf').getAttribute('href');
    const pdf = await page.request.get(`${app.base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    fs.writeFileSync(path.join(ARTIFACTS, 'report.pdf'), body);
  });
});
