/**
 * The demo's CS-002 project page in a real browser (issue 14, figures that mislead): its yearly
 * cost table shows the years after the as-at year as "Not yet due" and totals the cost variance to
 * date only, so the total is the tile's overrun, not an underspend made of plans not yet spent.
 * Saves a screenshot in test/e2e/artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, signIn, startApp, type RunningApp } from './app-server';
import { fyLabel, fyOfDate, todayUkIso } from '../../server/financial-year';

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

/** The yearly table's rows as [header, ...cells] text. */
async function yearRows(p: Page): Promise<string[][]> {
  type Cell = { textContent: string | null };
  type Row = { querySelectorAll(s: string): ArrayLike<Cell> };
  return p.$$eval('#by-year + .app-table-wrap table tbody tr', (rows) =>
    rows.map((r) => Array.from((r as unknown as Row).querySelectorAll('th, td'), (c) => (c.textContent ?? '').trim())),
  );
}

describe('CS-002, the demo project over budget to date with plans in later years', () => {
  it('shows later years as not yet due and a total cost variance equal to the to-date variance', async () => {
    await page.goto(`${app.base}/projects/CS-002`);
    const asAtFy = fyOfDate(todayUkIso());
    const rows = await yearRows(page);
    const years = rows.filter((r) => /^\d{4}\/\d{2}$/.test(r[0]));
    expect(years.length).toBeGreaterThan(0);
    const later = years.filter((r) => fyOfDate(`${r[0].slice(0, 4)}-04-01`) > asAtFy);
    const due = years.filter((r) => fyOfDate(`${r[0].slice(0, 4)}-04-01`) <= asAtFy);
    expect(later.length).toBeGreaterThan(0);
    // Year, planned, actual, variance, expected, realised.
    for (const r of later) {
      expect(r[3]).toBe('Not yet due');
      expect(r[1]).toMatch(/^£[\d,]+\.\d\d$/);
    }
    for (const r of due) expect(r[3]).toMatch(/^-?£[\d,]+\.\d\d$/);
    const total = rows.find((r) => r[0].startsWith('Total'))!;
    expect(total[0]).toContain(`cost variance to ${fyLabel(asAtFy)}`);
    // The tile: "Cost variance to date" with "£X: £A actual against £P planned".
    const tile = await page.textContent('.app-tile:has-text("Cost variance to date") .app-tile__note');
    const toDate = /^(-?£[\d,]+\.\d\d):/.exec((tile ?? '').trim())![1];
    expect(total[3]).toBe(toDate);
    await page.screenshot({ path: path.join(ARTIFACTS, 'project-cs-002.png'), fullPage: true });
    await page
      .locator('#by-year + .app-table-wrap')
      .screenshot({ path: path.join(ARTIFACTS, 'project-cs-002-by-year.png') });
  });
});
