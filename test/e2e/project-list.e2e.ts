/**
 * The project list and the dashboards' top and bottom projects in a real browser (issue 12): the
 * list sorts on the server from its column headings, keeps its filters, and shows each project's
 * contribution; the portfolio shows its ten highest and lowest projects with their contributions.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, signIn, startApp, type RunningApp } from './app-server';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, app, 'scrutiny');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const codes = () =>
  page.$$eval('#project-list tbody th', (cells) => cells.map((c) => /\(([A-Z]+-\d+)\)/.exec(c.textContent ?? '')?.[1]));

describe('the project list', () => {
  it('sorts by a column heading on the server, either way, keeping the filter', async () => {
    await page.goto(`${app.base}/projects?directorate=CS`);
    const byName = await codes();
    expect(byName.length).toBeGreaterThan(2);
    await Promise.all([page.waitForURL(/sort=npv/), page.click('#project-list thead a:has-text("Forecast NPV")')]);
    expect(page.url()).toContain('directorate=CS');
    expect(await page.getAttribute('#project-list th[aria-sort]', 'aria-sort')).toBe('descending');
    const desc = await codes();
    await Promise.all([page.waitForURL(/dir=asc/), page.click('#project-list thead a:has-text("Forecast NPV")')]);
    const asc = await codes();
    expect(new Set(desc)).toEqual(new Set(byName));
    expect(asc[0]).toBe(desc[desc.length - 1]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'project-list.png'), fullPage: true });
  });

  it('is reached from the portfolio’s top and bottom projects, whose contributions are shown beside own NPVs', async () => {
    await page.goto(`${app.base}/`);
    expect(await page.isVisible('#chart-top-npv')).toBe(true);
    expect(await page.textContent('#chart-top-npv thead')).toContain('Contribution to the headline NPV');
    const section = await page.$('#chart-highlights');
    await section!.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-top-projects.png') });
    await Promise.all([page.waitForURL(/\/projects$/), page.click('a:has-text("in the project list")')]);
    expect(await codes()).toHaveLength(27);
  });
});
