/**
 * Issue 19 in a real browser: the benefits register (filter, sort from a heading, the download
 * link carrying the view), a budget reduction recorded on a cashable benefit and seen on the
 * cashable savings report, and the council priorities page; axe-core finds no serious or critical
 * WCAG 2.2 AA violation on them. Screenshots: benefit-register.png, cashable-savings.png,
 * priorities.png, budget-reduction-form.png.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, signIn, startApp, type RunningApp } from './app-server';

const AXE = require.resolve('axe-core/axe.min.js');
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
}
declare const window: { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } };
declare const document: unknown;

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  // axe is injected as an inline script, which the CSP rightly blocks: this context bypasses it.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  page = await context.newPage();
  await signIn(page, app, 'finance');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function serious(p: Page): Promise<string[]> {
  await p.addScriptTag({ path: AXE });
  const r = await p.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } }),
  );
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const rows = () =>
  page.$$eval('#benefit-register tbody tr', (trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ')));

describe('the benefits register', () => {
  it('filters, sorts from a heading on the server and offers the same view as a download', async () => {
    await page.goto(`${app.base}/benefits`);
    const all = await page.textContent('#benefit-register caption');
    await page.click('summary:has-text("Filter the register")');
    await page.selectOption('#f-type', 'cashable');
    await Promise.all([page.waitForURL(/type=cashable/), page.click('button:has-text("Filter benefits")')]);
    expect(await page.textContent('#benefit-register caption')).not.toBe(all);
    for (const r of await rows()) expect(r).toContain('Cashable');
    await Promise.all([
      page.waitForURL(/sort=realised/),
      page.click('#benefit-register thead a:has-text("Realised to date")'),
    ]);
    expect(await page.getAttribute('#benefit-register th[aria-sort]', 'aria-sort')).toBe('descending');
    const href = await page.getAttribute('a:has-text("CSV")', 'href');
    expect(href).toContain('type=cashable');
    expect(href).toContain('sort=realised');
    await page.screenshot({ path: path.join(ARTIFACTS, 'benefit-register.png'), fullPage: true });
    expect(await serious(page)).toEqual([]);
  });
});

describe('savings taken from budgets', () => {
  it('records a budget reduction on a cashable benefit and shows it on the cashable savings report', async () => {
    await page.goto(`${app.base}/benefits?type=cashable`);
    await Promise.all([page.waitForURL(/\/benefits\/B\d+$/), page.click('#benefit-register tbody th a >> nth=0')]);
    await Promise.all([
      page.waitForURL(/budget-reductions\/new/),
      page.click('a:has-text("Record a budget reduction")'),
    ]);
    await page.fill('#f-amount', '£1,234.56');
    await page.fill('#f-budget', 'Browser test cost centre');
    await page.screenshot({ path: path.join(ARTIFACTS, 'budget-reduction-form.png') });
    expect(await serious(page)).toEqual([]);
    await Promise.all([page.waitForURL(/notice=budget-reduction-recorded/), page.click('button:has-text("Save")')]);
    expect(await page.textContent('#budget-reductions ~ div table')).toContain('£1,234.56');
    await page.goto(`${app.base}/reports/cashable-savings`);
    expect(await page.textContent('main')).toContain('Taken from budgets');
    await page.screenshot({ path: path.join(ARTIFACTS, 'cashable-savings.png'), fullPage: true });
    expect(await serious(page)).toEqual([]);
  });
});

describe('council priorities', () => {
  it('shows each priority’s investment and return, linking to its benefits', async () => {
    await page.goto(`${app.base}/priorities`);
    expect(await page.$$eval('#priorities tbody tr', (r) => r.length)).toBeGreaterThan(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'priorities.png'), fullPage: true });
    expect(await serious(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/benefits\?priority=/), page.click('#priorities tbody th a >> nth=0')]);
    expect(await page.textContent('#benefit-register caption')).toMatch(/\d+ benefits?/);
  });
});
