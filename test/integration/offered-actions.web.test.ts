/**
 * Issue 14, "Buttons people cannot use": a page offers an action only to someone whose request the
 * server would take. Every role (and a finance partner limited to one directorate, and a project
 * manager) follows every link and checks every form on the main pages: none may lead to 403
 * "You cannot do that". Then the buttons the issue names, role by role, and that administrators
 * still see them all.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signInAs, type WebClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { setProjectManagers } from '../../server/domain/projects';
import { actionsIn, formCheck, pageKey, skipLink } from '../helpers/offered-actions';

type Who = 'admin' | 'finance' | 'financeRES' | 'pm' | 'scrutiny';
const WHO: Who[] = ['admin', 'finance', 'financeRES', 'pm', 'scrutiny'];

let t: TestApp;
const clients = {} as Record<Who, Omit<WebClient, 'userId'>>;
const emails = {} as Record<Who, string>;

const calculator = {
  rowYear: ['2024/25', '2025/26'],
  rowCost: ['100', ''],
  rowCashable: ['', '150'],
  rowNonCashable: ['', ''],
  optimismBias: '0',
  confidence: '100',
};

beforeAll(async () => {
  t = await createTestApp();
  await aDirectorate(t.ctx);
  const res = await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
  await aDirectorate(t.ctx, { code: 'EMP', name: 'Empty' });
  await aProject(t.ctx);
  await aProject(t.ctx, { code: 'RES-001', directorateCode: 'RES' });
  await aCostLine(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'CS-001', { ref: 'B2', title: 'No profile yet', profile: [] });
  await aRealisation(t.ctx, 'CS-001', 'B1');
  const users = {
    admin: await makeUser(t.db, 'admin'),
    finance: await makeUser(t.db, 'finance'),
    financeRES: await makeUser(t.db, 'finance', { directorateIds: [res.id] }),
    pm: await makeUser(t.db, 'project_manager'),
    scrutiny: await makeUser(t.db, 'scrutiny'),
  };
  await setProjectManagers(t.ctx, 'CS-001', [users.pm.id]);
  for (const who of WHO) {
    clients[who] = await signInAs(t.app, users[who].email);
    emails[who] = users[who].email;
  }
});
afterAll(async () => {
  await t.close();
});

const PAGES = [
  '/',
  '/directorates',
  '/directorates/CS',
  '/directorates/EMP',
  '/projects',
  '/projects/CS-001',
  '/projects/CS-001/benefits/B1',
  '/projects/CS-001/benefits/B2',
  '/exports',
  '/appraisal',
  '/account',
];

async function page(who: Who, url: string): Promise<string> {
  const res = await clients[who].get(url);
  expect({ url, status: res.status }).toEqual({ url, status: 200 });
  return res.text;
}

/** The calculator's result page, where "Save as a proposed project" is offered. */
async function appraisalResult(who: Who): Promise<string> {
  const res = await clients[who].post('/appraisal').type('form').send(calculator);
  expect(res.status).toBe(200);
  return res.text;
}

describe('every link and form on the main pages', () => {
  it.each(WHO)(
    'leads %s to no "You cannot do that"',
    async (who) => {
      const nav = actionsIn(await page(who, '/')).links;
      // The main pages, plus whatever the menu offers this role (imports, the audit trail, users, settings).
      const menu = nav.filter((h) => /^\/(imports|audit|users|settings|reports\/scrutiny)$/.test(h));
      const pages = [...PAGES, ...menu];
      if (who !== 'scrutiny') expect(pages).toContain('/imports');
      const seen = new Set<string>();
      const refused: string[] = [];
      const check = async (from: string, url: string, via: string) => {
        if (skipLink(url) || seen.has(pageKey(url))) return;
        seen.add(pageKey(url));
        const res = await clients[who].get(url);
        if (res.status === 403 || res.text.includes('You cannot do that'))
          refused.push(`${via} ${url} on ${from}: ${res.status}`);
      };
      const bodies: [string, string][] = await Promise.all(
        pages.map(async (p) => [p, await page(who, p)] as [string, string]),
      );
      bodies.push(['/appraisal (result)', await appraisalResult(who)]);
      for (const [from, html] of bodies) {
        const { links, forms } = actionsIn(html);
        for (const link of links) await check(from, link, 'link');
        for (const form of forms) {
          const verdict = await formCheck(t.db, emails[who], form, from.split(' ')[0]);
          if ('get' in verdict) await check(from, verdict.get, `${form.method} form to ${form.action}, page`);
          else if (!verdict.allowed)
            refused.push(`${form.method} form ${form.action} on ${from}: refused by ${verdict.by}`);
        }
      }
      expect(refused).toEqual([]);
      expect(seen.size).toBeGreaterThan(15);
    },
    30_000,
  );
});

describe('the buttons issue 14 names', () => {
  it('shows scrutiny no add, edit or delete action and no save of a proposal', async () => {
    const directorates = await page('scrutiny', '/directorates');
    expect(directorates).not.toContain('Add a directorate');
    const cs = await page('scrutiny', '/directorates/CS');
    expect(cs).not.toContain('Add a project');
    expect(cs).not.toContain('href="/directorates/CS/edit"');
    expect(cs).not.toContain('href="/directorates/CS/delete"');
    expect(await page('scrutiny', '/directorates/EMP')).not.toContain('Add its first project');
    expect(await page('scrutiny', '/projects')).not.toContain('Add a project');
    const project = await page('scrutiny', '/projects/CS-001');
    expect(project).not.toMatch(/href="[^"]*\/(edit|delete|new)(\?[^"]*)?"/);
    expect(project).toContain('href="/audit?project=CS-001"'); // scrutiny reads the audit trail
    expect(await page('scrutiny', '/projects/CS-001/benefits/B2')).not.toContain('Add the expected profile');
    expect(await appraisalResult('scrutiny')).not.toContain('Save as a proposed project');
  });

  it('shows scrutiny no Import in the menu or on the export page (imports answer 403 to scrutiny)', async () => {
    expect((await clients.scrutiny.get('/imports')).status).toBe(403);
    expect(await page('scrutiny', '/')).not.toContain('href="/imports"');
    expect(await page('scrutiny', '/exports')).not.toContain('href="/imports"');
  });

  it('shows finance and project managers no directorate actions', async () => {
    for (const who of ['finance', 'pm'] as const) {
      expect(await page(who, '/directorates')).not.toContain('Add a directorate');
      const cs = await page(who, '/directorates/CS');
      expect(cs).not.toContain('href="/directorates/CS/edit"');
      expect(cs).not.toContain('href="/directorates/CS/delete"');
    }
    expect(await page('finance', '/directorates/CS')).toContain('Add a project');
    expect(await page('pm', '/directorates/CS')).not.toContain('Add a project');
    expect(await page('pm', '/projects')).not.toContain('Add a project');
  });

  it('offers a finance partner limited to RES a new project only in RES, and saves proposals only there', async () => {
    expect(await page('financeRES', '/directorates/CS')).not.toContain('Add a project');
    expect(await page('financeRES', '/directorates/RES')).toContain('Add a project');
    const result = await appraisalResult('financeRES');
    expect(result).toContain('Save as a proposed project');
    expect(result).toContain('<option value="RES"');
    expect(result).not.toContain('<option value="CS"');
  });

  it('shows the audit trail only to those who may read it (finance and project managers may not)', async () => {
    for (const who of ['finance', 'pm'] as const) {
      expect(await page(who, '/projects/CS-001')).not.toContain('/audit?project=');
      expect(await page(who, '/exports')).not.toContain('href="/audit"');
      expect(await page(who, '/')).not.toContain('href="/audit"');
    }
    expect(await page('scrutiny', '/exports')).toContain('href="/audit"');
  });

  it('still shows administrators every action', async () => {
    expect(await page('admin', '/directorates')).toContain('href="/directorates/new"');
    const cs = await page('admin', '/directorates/CS');
    expect(cs).toContain('href="/projects/new?directorate=CS"');
    expect(cs).toContain('href="/directorates/CS/edit"');
    expect(cs).toContain('href="/directorates/CS/delete"');
    expect(await page('admin', '/directorates/EMP')).toContain('Add its first project');
    expect(await page('admin', '/projects')).toContain('href="/projects/new"');
    const project = await page('admin', '/projects/CS-001');
    for (const href of ['/projects/CS-001/edit', '/projects/CS-001/delete', '/projects/CS-001/benefits/new'])
      expect(project).toContain(`href="${href}"`);
    expect(await page('admin', '/projects/CS-001/benefits/B2')).toContain('Add the expected profile');
    expect(await appraisalResult('admin')).toContain('Save as a proposed project');
    const home = await page('admin', '/');
    for (const href of ['/imports', '/audit', '/users', '/settings']) expect(home).toContain(`href="${href}"`);
  });
});
