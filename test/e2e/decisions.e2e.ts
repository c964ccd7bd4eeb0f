/**
 * C9 in a real browser: a finance partner records the approval on the decision form (keyboard and
 * mouse as a user would), the project page then shows baseline, plan and forecast side by side and
 * the decision history; axe-core finds no serious or critical violation on the form (with its
 * error summary) or the page. Screenshots: decision-form.png, project-baseline.png.
 */
import path from 'node:path';
import { ARTIFACTS, browserOnTestApp, seriousViolations as serious } from './app-server';
import { aBenefit, aCostLine, aDirectorate, aProject } from '../helpers/builders';
import { makeUser } from '../helpers/clients';

let email: string;
const run = browserOnTestApp(async (t) => {
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
});

it('records the approval from the project page and shows the baseline beside the plan and forecast', async () => {
  const { context, page } = await run.signedIn(email);

  await page.goto(`${run.base}/projects/CS-001`);
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

  await aCostLine(run.t.ctx, 'CS-001', { year: '2024/25', amount: '20000.00' });
  await page.goto(`${run.base}/projects/CS-001#decisions`);
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
