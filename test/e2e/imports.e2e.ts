/**
 * Issue 14, friction 2 and 3 in a real browser, under the app's real Content-Security-Policy: an
 * upload of a CSV disables its button and says "Checking N lines…" while the server works, then
 * lands on a preview (a GET whose URL holds no token) with the tables of lines to add; the benefit
 * form offers the appraisal period's years, adds one without JavaScript's help, and names the year
 * in its messages. Saves test/e2e/artifacts/import-preview.png and benefit-profile.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, signIn, startApp, type RunningApp } from './app-server';

// Browser globals, typed just enough for page.evaluate callbacks (no DOM library in this project).
declare const document: {
  querySelector(s: string): { disabled?: boolean; textContent: string | null } | null;
  addEventListener(t: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};
declare const window: {
  __cspViolations: string[];
  axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null }[] }> };
};

const AXE = require.resolve('axe-core/axe.min.js');

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
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page = await context.newPage();
  page.on('console', (m) => {
    // A form answered 422 is logged by Chromium as a failed resource: that is the form working.
    if (m.type() === 'error' && !/status of 422/.test(m.text())) consoleErrors.push(m.text());
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

/** 1,200 new planned cost lines for the demo's AH-001 (base year 2022/23), over three years. */
function costFile(): Buffer {
  const lines = ['project_code,year,kind,category,amount,description,reference'];
  for (let i = 0; i < 1200; i++)
    lines.push(`AH-001,${['2024/25', '2025/26', '2026/27'][i % 3]},planned,services,10.25,E2E line ${i},E2E-${i}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('importing cost lines', () => {
  it('disables the button with "Checking N lines…" while the file is checked, then shows the preview tables', async () => {
    await page.goto(`${app.base}/imports`);
    const form = page.locator('form[action="/imports/costs/preview"]');
    const button = form.locator('button[type=submit]');
    await page.setInputFiles('#f-file-costs', { name: 'ledger.csv', mimeType: 'text/csv', buffer: costFile() });
    // The script counts the file's lines as soon as it is chosen (header included).
    await page.waitForSelector('form[action="/imports/costs/preview"][data-app-lines="1201"]', { state: 'attached' });
    // Hold the upload for a moment, as a large file would, and note what the page shows meanwhile:
    // the page reports its button's state a moment after the form is sent.
    let posted = '';
    await page.route('**/imports/costs/preview', async (route) => {
      posted = route.request().url();
      await sleep(1500);
      await route.continue();
    });
    const seen: string[] = [];
    page.on('console', (m) => {
      if (m.text().startsWith('busy|')) seen.push(m.text());
    });
    await page.evaluate(() => {
      const f = document.querySelector('form[action="/imports/costs/preview"]') as unknown as {
        addEventListener(t: string, h: () => void): void;
        querySelector(s: string): { disabled: boolean; textContent: string };
      };
      f.addEventListener('submit', () => {
        setTimeout(() => {
          const b = f.querySelector('button[type=submit]');
          const status = f.querySelector('[data-app-busy-status]');
          console.info(`busy|${b.disabled}|${b.textContent}|${status.textContent}`);
        }, 100);
      });
    });
    await button.click({ noWaitAfter: true });
    await page.waitForURL(/\/imports\/previews\/[0-9a-f]{48}$/);
    await page.unroute('**/imports/costs/preview');
    expect(seen).toEqual([
      'busy|true|Checking 1,201 lines…|Checking 1,201 lines… This can take a little while for a large file.',
    ]);
    expect(posted).not.toContain('_csrf');
    expect(page.url()).not.toContain('_csrf');
    expect(await page.textContent('h1')).toContain('Check the import, then commit it');
    expect(await page.textContent('#rows-add-table-title')).toContain('Lines to add (1,200)');
    expect(await page.locator('#rows-add-table tbody tr').count()).toBe(50);
    expect(await page.textContent('#rows-add-table caption')).toContain('the first 50 of 1,200');
    const totals = await page.$$eval('#rows-add-table-totals tbody tr', (rows) =>
      rows.map((r) => (r as unknown as { textContent: string }).textContent.replace(/\s+/g, ' ').trim()),
    );
    expect(totals).toEqual([
      '2024/25 Planned costs 400 £4,100.00',
      '2025/26 Planned costs 400 £4,100.00',
      '2026/27 Planned costs 400 £4,100.00',
    ]);
    expect(await page.locator('button:has-text("Commit import")').count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-preview.png'), fullPage: true });

    // A refresh shows the same preview again: a GET, no upload sent again.
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.reload();
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual([]);
    expect(await page.textContent('#rows-add-table-title')).toContain('Lines to add (1,200)');
  });
});

describe('the benefit form', () => {
  it("offers every year of the project's appraisal period, adds a year, and names the year in its messages", async () => {
    await page.goto(`${app.base}/projects/AH-001/benefits/new`);
    const years = async () =>
      page.$$eval('input[name=profileYear]', (els) => els.map((e) => (e as unknown as { value: string }).value));
    const before = await years();
    expect(before[0]).toBe('2022/23');
    expect(before.length).toBeGreaterThanOrEqual(10);
    await page.fill('#f-ref', 'E2E1');
    await page.fill('#f-title', 'Fewer printed letters');
    await page.fill('#f-profile-1-amount', '1,250.00');
    await Promise.all([page.waitForLoadState('load'), page.click('button[name=addYear]')]);
    const after = await years();
    expect(after).toHaveLength(before.length + 1);
    expect(await page.inputValue('#f-profile-1-amount')).toBe('1,250.00');
    expect(await page.inputValue('#f-title')).toBe('Fewer printed letters');

    await page.fill('#f-profile-2-amount', 'lots');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('.govuk-button-group button:has-text("Save benefit")'),
    ]);
    const summary = (await page.textContent('.govuk-error-summary'))!.replace(/\s+/g, ' ');
    expect(summary).toContain(`Enter the ${before[2]} amount as a number, like 1250.00`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'benefit-profile.png'), fullPage: true });
  });
});

describe('axe-core, WCAG 2.2 AA', () => {
  it('finds no serious or critical violation on the upload form, a preview and the benefit form with an error', async () => {
    // axe is injected as an inline script, which the app's CSP rightly blocks: a context without it.
    const axeContext = await browser.newContext({ bypassCSP: true });
    const p = await axeContext.newPage();
    await signIn(p, app, 'admin');
    const serious: string[] = [];
    const check = async (where: string) => {
      await p.addScriptTag({ path: AXE });
      const { violations } = await p.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }),
      );
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical') serious.push(`${where}: ${v.id}`);
    };
    await p.goto(`${app.base}/imports`);
    await check('/imports');
    await p.setInputFiles('#f-file-costs', { name: 'ledger.csv', mimeType: 'text/csv', buffer: costFile() });
    await Promise.all([p.waitForURL(/\/imports\/previews\//), p.click('button:has-text("Check cost lines file")')]);
    await check('the preview');
    await p.goto(`${app.base}/projects/AH-001/benefits/new`);
    await p.fill('#f-profile-0-amount', 'lots');
    await Promise.all([p.waitForLoadState('load'), p.click('.govuk-button-group button:has-text("Save benefit")')]);
    await check('the benefit form with an error');
    await axeContext.close();
    expect(serious).toEqual([]);
  });
});
