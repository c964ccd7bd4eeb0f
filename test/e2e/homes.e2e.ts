/**
 * Issue 17 in a real browser: each role's home shows exactly its due items, each linking to the
 * form that clears it, with the day's digest; a review is recorded and completed from the project
 * manager's home; axe-core finds no serious or critical violation on the homes and review pages.
 * Built on its own small portfolio (the builders), so the counts are known exactly.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserOnTestApp, seriousViolations as serious } from './app-server';
import { aBenefit, aCostLine, aProject, aRealisation, twoDirectorates } from '../helpers/builders';
import { makeUser } from '../helpers/clients';
import { scheduleReview } from '../../server/domain/reviews';
import type { Role } from '../../server/records';

const emails: Partial<Record<Role, string>> = {};
const run = browserOnTestApp(async (t) => {
  const [cs] = await twoDirectorates(t.ctx);
  await aProject(t.ctx, { status: 'live' });
  await aCostLine(t.ctx, 'CS-001', { year: '2024/25', amount: '100000.00' });
  await aCostLine(t.ctx, 'CS-001', { year: '2024/25', kind: 'actual', amount: '110000.00' });
  await aBenefit(t.ctx, 'CS-001', {
    profile: [
      { year: '2024/25', amount: '10000.00' },
      { year: '2025/26', amount: '20000.00' },
    ],
  });
  await aRealisation(t.ctx, 'CS-001', 'B1', { year: '2025/26', amount: '20000.00' });
  await scheduleReview(t.ctx, 'CS-001', { dueOn: '2025-01-31' });
  await aProject(t.ctx, { code: 'CS-002', name: 'Payments portal', status: 'in_delivery' });
  for (const role of ['admin', 'finance', 'project_manager', 'scrutiny'] as Role[]) {
    const u = await makeUser(t.db, role, role === 'finance' ? { directorateIds: [cs.id] } : {});
    emails[role] = u.email;
    if (role === 'project_manager') await t.db('project_managers').insert({ project_id: 1, user_id: u.id });
  }
});
const signedIn = (role: Role) => run.signedIn(emails[role]!);

const sections = (page: Page) => page.$$eval('section h2', (hs) => hs.map((h) => (h.textContent ?? '').trim()));
const actions = (page: Page) =>
  page.$$eval('section td:last-child a', (as) => as.map((a) => [(a.textContent ?? '').trim(), a.getAttribute('href')]));

describe("each role's home", () => {
  it('shows the project manager its project, the realisation due and the overdue review, and records the review', async () => {
    const { context, page } = await signedIn('project_manager');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.textContent('h1')).toBe('My projects');
    // The menu's Portfolio goes to the portfolio dashboard, not back to this home.
    expect(await page.getAttribute('.govuk-service-navigation__link:text-is("Portfolio")', 'href')).toBe('/portfolio');
    expect((await page.textContent('#digest'))?.trim()).toContain('1 realisation due, 1 review overdue');
    expect(await sections(page)).toEqual([
      'Realisations due: 1 realisation due',
      'Re-forecasts older than a quarter: 0 re-forecasts to refresh',
      'Reviews due: 1 review due',
    ]);
    const links = await actions(page);
    expect(links[0]).toEqual(['Record B1 for 2024/25', '/projects/CS-001/benefits/B1/realisations/new']);
    expect(links[1][0]).toBe('Record the additional review of CS-001');
    expect(await serious(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'home-project-manager.png'), fullPage: true });

    // The review link opens its form; completing it clears the item from the home.
    await page.click(`a[href="${links[1][1]}"]`);
    expect(await serious(page)).toEqual([]);
    await page.fill('#f-heldOn', new Date().toISOString().slice(0, 10));
    await page.fill('#f-reviewers', 'ICT board');
    await page.fill('#f-findings', 'Live in every team');
    await Promise.all([page.waitForURL(/notice=review-completed/), page.click('button[value=complete]')]);
    expect(await page.textContent('.govuk-notification-banner')).toContain('Review completed');
    expect(await serious(page)).toEqual([]);
    await page.goto(`${run.base}/`);
    expect(await sections(page)).toContain('Reviews due: 0 reviews due');
    await context.close();
  });

  it('shows the finance partner its directorate: awaiting verification, stale costs, over budget', async () => {
    const { context, page } = await signedIn('finance');
    expect(await page.textContent('h1')).toBe('My directorates');
    expect(await sections(page)).toEqual([
      'Realisations awaiting verification: 1 realisation awaiting verification',
      'Cost lines not updated this quarter: 1 project',
      'Projects over budget: 1 project over budget',
    ]);
    expect((await actions(page)).map(([text]) => text)).toEqual([
      'Verify B1 2025/26',
      'Add actual costs to CS-002',
      'Review the costs of CS-001',
    ]);
    expect(await serious(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'home-finance.png'), fullPage: true });
    await context.close();
  });

  it('shows scrutiny the portfolio with the exception counts above it', async () => {
    const { context, page } = await signedIn('scrutiny');
    expect(await page.textContent('h1')).toBe('Portfolio overview');
    const tiles = await page.$$eval('#exceptions + .app-summary-tiles .app-tile', (ts) =>
      ts.map((x) =>
        Array.from(x.children as ArrayLike<{ textContent: string | null }>, (c) => (c.textContent ?? '').trim()).join(
          ' ',
        ),
      ),
    );
    // The project manager completed the overdue review above; the go-live review is months away.
    expect(tiles).toEqual([
      'Reviews overdue 0',
      'Reviews due in 30 days 0',
      'Realisations due 1',
      'Awaiting verification 1',
      'Costs not updated this quarter 1',
      'Projects over budget 1',
      'Re-forecasts older than a quarter 0',
    ]);
    expect(await serious(page)).toEqual([]);
    await page.goto(`${run.base}/reviews?overdue=true`);
    expect(await serious(page)).toEqual([]);
    await context.close();
  });
});
