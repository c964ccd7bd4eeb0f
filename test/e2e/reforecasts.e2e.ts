/**
 * C9 re-forecasts in a real browser on the demo: the project manager opens a Children's Services
 * benefit the demo re-forecast, enters a new re-forecast, and sees it as the year's latest with the
 * earlier one kept in the history; a past year is refused with the error summary. axe-core checks
 * the form and the benefit page (serious or critical issues fail). Screenshots in test/e2e/artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, signIn, startApp, type RunningApp } from './app-server';
import { currentFy, fyLabel } from '../../server/financial-year';

const AXE = require.resolve('axe-core/axe.min.js');
declare const window: {
  axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null }[] }> };
};
declare const document: unknown;

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let target: { href: string; year: string; project: string };

async function axe(page: Page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  browser = await launchChromium();
  const row = await app
    .knex('benefit_reforecasts as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .join('projects as p', 'p.id', 'b.project_id')
    .orderBy('r.id')
    .first('b.ref', 'p.code', 'r.fy_start');
  target = { href: `/projects/${row.code}/benefits/${row.ref}`, year: fyLabel(row.fy_start), project: row.code };
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

describe('re-forecasting a benefit in the browser', () => {
  it('lets the project manager enter one; the latest shows, the earlier stays in the history', async () => {
    // bypassCSP only so axe can be injected; the app's own pages need no inline script.
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, app, 'project_manager');
    await page.goto(`${app.base}${target.href}`);
    expect(await page.isVisible('text=Every re-forecast, newest first')).toBe(true);
    await page.click('text=Enter a re-forecast');
    await page.fill('#f-year', fyLabel(currentFy() - 1));
    await page.fill('#f-amount', '1,234.56');
    await page.click('button:has-text("Save re-forecast")');
    expect(await page.isVisible('.govuk-error-summary')).toBe(true);
    expect(await page.textContent('.govuk-error-summary')).toContain('has ended');
    await page.screenshot({ path: path.join(ARTIFACTS, 'reforecast-form-error.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);
    await page.fill('#f-year', target.year);
    await page.fill('#f-amount', '£1,234.56');
    await page.fill('#f-note', 'Checked with the service lead');
    await page.click('button:has-text("Save re-forecast")');
    expect(await page.textContent('.govuk-notification-banner')).toContain('Re-forecast saved');
    const history = page.locator('table:has(caption:has-text("Every re-forecast")) tbody tr');
    expect(await history.count()).toBe(2);
    expect(await history.first().textContent()).toContain('£1,234.56');
    const latest = page.locator(
      `table:has(caption:has-text("latest re-forecast")) tr:has(th:has-text("${target.year}"))`,
    );
    expect(await latest.textContent()).toContain('£1,234.56');
    await page.screenshot({ path: path.join(ARTIFACTS, 'reforecast-benefit-page.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);
    await page.goto(`${app.base}/projects/${target.project}#benefit-years`);
    await page
      .locator('#benefit-years + p + .app-table-wrap')
      .screenshot({ path: path.join(ARTIFACTS, 'reforecast-project-page.png') });
    expect(await page.textContent('#benefit-years + p + .app-table-wrap')).toContain('£1,234.56');
  });
});
