/**
 * C9 in a real browser: a finance partner records the approval on the decision form (keyboard and
 * mouse as a user would), the project page then shows baseline, plan and forecast side by side and
 * the decision history; axe-core finds no serious or critical violation on the form (with its
 * error summary) or the page. Screenshots: decision-form.png, project-baseline.png.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from './app-server';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject } from '../helpers/builders';
import { makeUser, TEST_PASSWORD } from '../helpers/clients';

const AXE = require.resolve('axe-core/axe.min.js');
interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}
declare const window: { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } };
declare const document: unknown;

let t: TestApp;
let server: Server;
let base: string;
let browser: Browser;
let email: string;

beforeAll(async () => {
  t = await createTestApp();
  await aDirectorate(t.ctx);
  await aProject(t.ctx);
  await aCostLine(t.ctx, 'CS-001', { year: '2024/25', amount: '100000.00' });
  await aBenefit(t.ctx, 'CS-001', {
    profile: [
      { year: '2025/26', amount: '60000.00' },
      { year: '2026/27', amount: '60000.00' },
    ],
  });
  email = (await makeUser(t.db, 'finance')).email;
  server = await new Promise((resolve) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

async function serious(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

it('records the approval from the project page and shows the baseline beside the plan and forecast', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', TEST_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.click('button[type=submit]')]);

  await page.goto(`${base}/projects/CS-001`);
  await Promise.all([page.waitForURL(/decisions\/new/), page.click('text=Record the approval decision')]);
  // Submitted empty: the error summary takes focus and names each field.
  await page.fill('#f-decidedOn', '');
  const save = 'form[action$="/decisions"] button[type=submit]';
  await Promise.all([page.waitForURL(/\/decisions$/), page.click(save)]);
  expect(await page.textContent('.govuk-error-summary')).toContain('Enter the deciding body or person');
  expect(await serious(page)).toEqual([]);
  await page.fill('#f-decidedOn', '2024-05-14');
  await page.fill('#f-decidedBy', 'CLT');
  await page.fill('#f-reference', 'CLT/2024/031');
  await page.fill('#f-fundingSource', 'ICT capital programme');
  await page.fill('#f-note', 'Approved subject to a benefits review at go-live');
  await page.screenshot({ path: path.join(ARTIFACTS, 'decision-form.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/projects\/CS-001\?notice=decision-approval/), page.click(save)]);
  expect(await page.textContent('.govuk-notification-banner')).toContain('baseline 1 is frozen');

  await aCostLine(t.ctx, 'CS-001', { year: '2024/25', amount: '20000.00' });
  await page.goto(`${base}/projects/CS-001#decisions`);
  const table = await page.textContent('#decisions + .app-table-wrap table');
  expect(table).toContain('Baseline 1');
  expect(table).toContain('£13,981.66');
  expect(table).toContain('-£6,018.34');
  expect(table).toContain('Low → Poor');
  expect(await page.textContent('#decisions ~ .app-table-wrap table >> nth=1')).toContain('CLT/2024/031');
  expect(await serious(page)).toEqual([]);
  const section = await page.$('#decisions');
  await section!.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'project-baseline.png'), fullPage: true });
  await context.close();
}, 120_000);
