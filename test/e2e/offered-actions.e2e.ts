/**
 * Issue 14 in a real browser, on the demo portfolio. Signed in as each role, the main pages offer
 * no action that ends at "You cannot do that": every link is followed (GET, with the role's
 * session) and every form is checked through its own page or the domain's permission function
 * (test/helpers/offered-actions.ts). And GOV.UK Frontend's JavaScript runs under the real CSP:
 * after a failed save the error summary has the focus, and a double click saves once.
 * Screenshots of a project page as scrutiny and as an administrator go to test/e2e/artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, openCharts, signIn, startApp, type RunningApp } from './app-server';
import { formCheck, routeKey, sitePath, skipLink, type OfferedForm } from '../helpers/offered-actions';
import type { Role } from '../../server/records';

// Browser globals, typed just enough for page.evaluate callbacks (no DOM library in this project).
interface El {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  classList: { contains(name: string): boolean };
}
declare const document: { querySelectorAll(selector: string): ArrayLike<El>; activeElement: El | null };

const ROLES: Role[] = ['admin', 'finance', 'project_manager', 'scrutiny'];
const CHART_JS = '**/vendor/chart.js/**';
/** The main pages; the menu adds imports, the audit trail, users and settings where the role has them. */
const MAIN = [
  '/',
  '/directorates',
  '/directorates/CS',
  '/projects',
  '/projects/CS-001',
  '/projects/CS-001/benefits/B1',
  '/exports',
  '/appraisal',
];

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const role of ['scrutiny', 'admin'])
    fs.rmSync(path.join(ARTIFACTS, `project-page-${role}.png`), { force: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(role: Role): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, app, role);
  return { context, page };
}

/** The links and forms the page shows, read from the DOM the browser built. */
async function offered(page: Page): Promise<{ links: string[]; forms: OfferedForm[] }> {
  const raw = await page.evaluate(() => ({
    links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? ''),
    forms: Array.from(document.querySelectorAll('form')).flatMap((f) => {
      const method = (f.getAttribute('method') ?? 'get').toUpperCase();
      const own = { method, action: f.getAttribute('action') ?? '' };
      const alt = Array.from(f.querySelectorAll('[formaction]')).map((b) => ({
        method,
        action: b.getAttribute('formaction') ?? '',
      }));
      return [own, ...alt];
    }),
  }));
  return {
    links: raw.links.map(sitePath).filter((h): h is string => h !== null),
    forms: raw.forms.map((f) => ({ method: f.method, action: sitePath(f.action) ?? '' })),
  };
}

async function open(page: Page, url: string): Promise<void> {
  // The links and forms are in the server's HTML: no need to wait for the charts to be drawn.
  const res = await page.goto(`${app.base}${url}`, { waitUntil: 'domcontentloaded' });
  expect({ url, status: res?.status() }).toEqual({ url, status: 200 });
}

describe('every action offered on the main pages', () => {
  it.each(ROLES)('leads %s to no "You cannot do that"', async (role) => {
    const email = app.logins.find((l) => l.role === role)!.email;
    const { context, page } = await signedIn(role);
    // Chart.js draws no link or form: leave it out of the crawl, which is about the server's answers.
    const noCharts = () => context.route(CHART_JS, (r) => r.abort());
    await noCharts();
    const started = Date.now();
    try {
      await open(page, '/');
      const menu = (await offered(page)).links.filter((h) => /^\/(imports|audit|users|settings)$/.test(h));
      const seen = new Set<string>();
      const refused: string[] = [];
      const follow = async (from: string, url: string, via: string) => {
        if (skipLink(url) || seen.has(routeKey(url))) return;
        seen.add(routeKey(url));
        const res = await context.request.get(`${app.base}${url}`, { maxRedirects: 0 });
        const body = res.headers()['content-type']?.startsWith('text/html') ? await res.text() : '';
        if (res.status() === 403 || body.includes('You cannot do that'))
          refused.push(`${via} ${url} on ${from}: ${res.status()}`);
      };
      const visit = async (from: string) => {
        const { links, forms } = await offered(page);
        for (const link of links) await follow(from, link, 'link');
        for (const form of forms) {
          const verdict = await formCheck(app.knex, email, form, from.split('?')[0]);
          if ('get' in verdict) await follow(from, verdict.get, `${form.method} form to ${form.action || from}, page`);
          else if (!verdict.allowed) refused.push(`${form.method} form ${form.action} on ${from}: ${verdict.by}`);
        }
      };
      for (const url of [...MAIN, ...menu]) {
        await open(page, url);
        if (url === '/projects/CS-001') {
          const actions = await page
            .locator(
              'a:has-text("Edit project details"), a:has-text("Add a benefit"), a:has-text("Add a planned cost")',
            )
            .count();
          expect({ role, actions }).toEqual({ role, actions: role === 'admin' || role === 'finance' ? 3 : 0 });
          if (role === 'scrutiny' || role === 'admin') {
            // The screenshot shows the page as people see it, charts drawn.
            await context.unroute(CHART_JS);
            await openCharts(page, `${app.base}${url}`);
            await page.screenshot({ path: path.join(ARTIFACTS, `project-page-${role}.png`), fullPage: true });
            await noCharts();
          }
        }
        await visit(url);
      }
      // The calculator's result, where "Save as a proposed project" is offered to those who may.
      await open(page, '/appraisal');
      await page.fill('#f-rows-0-cost', '100000');
      await page.fill('#f-rows-1-cashable', '60000');
      await Promise.all([page.waitForSelector('#results'), page.click('button:has-text("Calculate")')]);
      await visit('/appraisal (result)');
      expect(refused).toEqual([]);
      expect(seen.size).toBeGreaterThan(20);
      if (process.env.CRAWL_LOG) console.log(role, seen.size, 'actions checked in', Date.now() - started, 'ms');
    } finally {
      await context.close();
    }
  });

  it('saved the project page as scrutiny (no actions) and as an administrator (its actions)', async () => {
    for (const role of ['scrutiny', 'admin'] as const)
      expect(fs.existsSync(path.join(ARTIFACTS, `project-page-${role}.png`))).toBe(true);
  });
});

describe('GOV.UK Frontend JavaScript, under the real CSP', () => {
  let admin: { context: BrowserContext; page: Page };
  beforeAll(async () => {
    admin = await signedIn('admin');
  });
  afterAll(async () => {
    await admin?.context.close();
  });

  it('moves the focus to the error summary after a failed save', async () => {
    const { page } = admin;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The 422 itself is logged as a failed resource: only script errors count here.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await open(page, '/directorates/new');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button:has-text("Save directorate")'),
    ]);
    await page.waitForSelector('html[data-govuk-frontend-ready]', { state: 'attached' });
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-module'))).toBe('govuk-error-summary');
    expect(await page.locator('body.govuk-frontend-supported').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('sends one request when a save button is double-clicked', async () => {
    const { page } = admin;
    await open(page, '/directorates/new');
    await page.waitForSelector('html[data-govuk-frontend-ready]', { state: 'attached' });
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/directorates') posts += 1;
    });
    await page.dblclick('button:has-text("Save directorate")');
    await page.waitForSelector('.govuk-error-summary');
    await page.waitForTimeout(300);
    expect(posts).toBe(1);
  });
});
