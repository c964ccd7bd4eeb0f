/**
 * C10 in a real browser on the demo: the project manager attaches an evidence file to an
 * unverified realisation of a Children's Services project; the finance partner verifies it with a
 * grade; the page says so; and the dashboard's "verified realisations only" filter changes the
 * realisation tile, which always says how much of realised is verified. axe-core checks the
 * realisation page (serious or critical issues fail). Screenshots in test/e2e/artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, signIn, startApp, type RunningApp } from './app-server';

const AXE = require.resolve('axe-core/axe.min.js');
declare const window: {
  axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null }[] }> };
};
declare const document: unknown;

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let target: { href: string; id: number };

async function pageAs(role: 'project_manager' | 'finance'): Promise<Page> {
  // bypassCSP only so axe can be injected; the app's own pages need no inline script.
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, app, role);
  return page;
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  browser = await launchChromium();
  // An unverified money realisation on a CS project (the demo project manager manages them).
  const row = await app
    .knex('realisations as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .join('projects as p', 'p.id', 'b.project_id')
    .join('directorates as d', 'd.id', 'p.directorate_id')
    .where({ 'd.code': 'CS', 'r.verification_status': 'unverified' })
    .whereNotNull('r.amount_pence')
    .orderBy('r.id')
    .first('r.id', 'b.ref', 'p.code');
  target = { id: row.id, href: `/projects/${row.code}/benefits/${row.ref}/realisations/${row.id}` };
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
});

describe('verifying a realisation, with its evidence, in the browser', () => {
  it('lets the project manager attach a PDF, and the finance partner verify it with a grade', async () => {
    const pm = await pageAs('project_manager');
    await pm.goto(`${app.base}${target.href}`);
    expect(await pm.isVisible('text=Verify this realisation')).toBe(false);
    const file = path.join(ARTIFACTS, 'evidence-ledger.pdf');
    fs.writeFileSync(file, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    await pm.setInputFiles('#f-file', file);
    await Promise.all([pm.waitForURL(/notice=evidence-attached/), pm.click('button:has-text("Attach file")')]);
    expect(await pm.textContent('.govuk-notification-banner')).toContain('Evidence file attached');
    expect(await pm.isVisible('a:has-text("Download evidence-ledger.pdf")')).toBe(true);

    const finance = await pageAs('finance');
    await finance.goto(`${app.base}${target.href}`);
    expect(await finance.textContent('#verification-status')).toContain('Unverified');
    // No grade chosen: the error summary links to the radios.
    await Promise.all([finance.waitForLoadState(), finance.click('button:has-text("Verify realisation")')]);
    expect(await finance.textContent('.govuk-error-summary')).toContain('Select the evidence grade');
    await finance.check('#f-grade-management_information');
    await Promise.all([
      finance.waitForURL(/notice=realisation-verified/),
      finance.click('button:has-text("Verify realisation")'),
    ]);
    const status = (await finance.textContent('#verification-status')) ?? '';
    expect(status).toContain('Verified');
    expect(status).toContain('Management information, by Farah Finance');
    expect(await finance.isVisible('text=Return to unverified')).toBe(true);
    await finance.screenshot({ path: path.join(ARTIFACTS, 'realisation-verified.png'), fullPage: true });

    await finance.addScriptTag({ path: AXE });
    const result = await finance.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      }),
    );
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('counts verified realisations only on the dashboard when asked, and says how much is verified', async () => {
    const finance = await pageAs('finance');
    await finance.goto(`${app.base}/portfolio`);
    const all = (await finance.textContent('#headline-realisation')) ?? '';
    expect(all).toMatch(/£[\d.]+[km]? realised, of which £[\d.]+[km]? verified/);
    await finance.click('.app-filters-details summary');
    await finance.check('#f-verifiedOnly');
    await Promise.all([finance.waitForURL(/verifiedOnly=true/), finance.click('button:has-text("Apply filters")')]);
    const verified = (await finance.textContent('#headline-realisation')) ?? '';
    expect(verified).toContain('Verified realisations only');
    // Fewer realised when only the verified count: the demo leaves one in four unverified.
    const ratio = (s: string) => Number(/(\d+(?:\.\d+)?)%/.exec(s)![1]);
    expect(ratio(verified)).toBeLessThan(ratio(all));
    await finance.screenshot({ path: path.join(ARTIFACTS, 'dashboard-verified-only.png') });
  });
});
