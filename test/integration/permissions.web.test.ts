/**
 * Every role × every state-changing route: allowed (anything but 403) or refused with 403 and
 * nothing written. Hiding a button is not protection, so each request is made directly.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signInAs, webClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation, twoDirectorates } from '../helpers/builders';
import { setProjectManagers } from '../../server/domain/projects';
import type { Role } from '../../server/records';

interface Fixture {
  costId: number;
  realisationId: number;
  pmId: number;
  otherUserId: number;
}

async function fixture(t: TestApp): Promise<Fixture> {
  await twoDirectorates(t.ctx);
  await aDirectorate(t.ctx, { code: 'EMP', name: 'Empty' });
  await aProject(t.ctx);
  await aProject(t.ctx, { code: 'RES-001', directorateCode: 'RES' });
  const cost = await aCostLine(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'RES-001');
  const r = await aRealisation(t.ctx, 'CS-001', 'B1');
  const pm = await makeUser(t.db, 'project_manager', { email: 'pm@council.example' });
  await setProjectManagers(t.ctx, 'CS-001', [pm.id]);
  const other = await makeUser(t.db, 'scrutiny', { email: 'other@council.example' });
  return { costId: cost.id, realisationId: r.id, pmId: pm.id, otherUserId: other.id };
}

const project = { code: 'CS-009', name: 'New project', directorateCode: 'CS', startYear: '2024/25', optimismBias: '0' };
const cost = { year: '2024/25', kind: 'actual', category: 'capital', amount: '10' };
const benefit = { ref: 'B9', title: 'More', type: 'cashable', profileYear: '2025/26', profileAmount: '5' };
const realisation = { year: '2025/26', amount: '5', recordedBy: 'PM', recordedOn: '2026-01-01', evidence: 'Ledger' };
const rows = {
  rowYear: ['2024/25', '2025/26'],
  rowCost: ['100', ''],
  rowCashable: ['', '150'],
  rowNonCashable: ['', ''],
};

type Route = [string, (f: Fixture) => string, Record<string, unknown>, Role[]];
const ALL: Role[] = ['admin', 'finance', 'project_manager', 'scrutiny'];
const routes: Route[] = [
  ['POST', () => '/directorates', { code: 'NEW', name: 'New' }, ['admin']],
  ['POST', () => '/directorates/CS/edit', { code: 'CS', name: 'Renamed', version: '1' }, ['admin']],
  ['POST', () => '/directorates/EMP/delete', {}, ['admin']],
  ['POST', () => '/projects', project, ['admin', 'finance']],
  ['POST', () => '/projects/CS-001/edit', { ...project, code: 'CS-001', version: '1' }, ['admin', 'finance']],
  ['POST', () => '/projects/CS-001/managers', {}, ['admin', 'finance']],
  ['POST', () => '/projects/CS-001/delete', {}, ['admin', 'finance']],
  ['POST', () => '/projects/CS-001/costs', cost, ['admin', 'finance']],
  ['POST', (f) => `/projects/CS-001/costs/${f.costId}/edit`, { ...cost, version: '1' }, ['admin', 'finance']],
  ['POST', (f) => `/projects/CS-001/costs/${f.costId}/delete`, {}, ['admin', 'finance']],
  ['POST', () => '/projects/CS-001/benefits', benefit, ['admin', 'finance']],
  ['POST', () => '/projects/CS-001/benefits/B1/edit', { ...benefit, ref: 'B1', version: '1' }, ['admin', 'finance']],
  ['POST', () => '/projects/CS-001/benefits/B1/delete', {}, ['admin', 'finance']],
  [
    'POST',
    () => '/projects/CS-001/benefits/B1/status',
    { status: 'realising', version: '1' },
    ['admin', 'finance', 'project_manager'],
  ],
  ['POST', () => '/projects/CS-001/benefits/B1/realisations', realisation, ['admin', 'project_manager']],
  [
    'POST',
    (f) => `/projects/CS-001/benefits/B1/realisations/${f.realisationId}/edit`,
    { ...realisation, version: '1' },
    ['admin', 'project_manager'],
  ],
  [
    'POST',
    (f) => `/projects/CS-001/benefits/B1/realisations/${f.realisationId}/delete`,
    {},
    ['admin', 'project_manager'],
  ],
  ['POST', () => '/appraisal', rows, ALL],
  [
    'POST',
    () => '/appraisal/save',
    { ...rows, code: 'CS-050', name: 'Saved', directorateCode: 'CS', costCategory: 'capital' },
    ['admin', 'finance'],
  ],
  [
    'POST',
    () => '/users',
    { email: 'new@council.example', name: 'New', role: 'scrutiny', password: 'Another-Good-Passphrase-9' },
    ['admin'],
  ],
  ['POST', (f) => `/users/${f.otherUserId}/edit`, { name: 'Changed', role: 'finance', version: '1' }, ['admin']],
  ['POST', (f) => `/users/${f.otherUserId}/password`, { password: 'Another-Good-Passphrase-9' }, ['admin']],
  ['GET', () => '/directorates/new', {}, ['admin']],
  ['GET', () => '/projects/new', {}, ['admin', 'finance']],
  ['GET', () => '/projects/CS-001/costs/new', {}, ['admin', 'finance']],
  ['GET', () => '/projects/CS-001/benefits/B1/realisations/new', {}, ['admin', 'project_manager']],
  ['GET', () => '/users', {}, ['admin']],
];

const cases = ALL.flatMap((role) =>
  routes.map(([method, url, body, allowed]) => ({ role, method, url, body, allowed: allowed.includes(role) })),
);

describe.each(ALL)('as %s', (role) => {
  let t: TestApp;
  let f: Fixture;
  beforeEach(async () => {
    t = await createTestApp();
    f = await fixture(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it.each(
    cases
      .filter((c) => c.role === role)
      .map((c) => [`${c.method} ${c.url({ costId: 0, realisationId: 0, pmId: 0, otherUserId: 0 })}`, c] as const),
  )('%s', async (_name, c) => {
    const web =
      role === 'project_manager' ? await signInAs(t.app, 'pm@council.example') : await webClient(t.app, t.db, role);
    const auditBefore = (await t.db('audit_log').count({ n: '*' }).first())!.n;
    const url = c.url(f);
    const res = c.method === 'GET' ? await web.get(url) : await web.post(url).type('form').send(c.body);
    if (c.allowed) {
      expect({ url, status: res.status }).not.toEqual({ url, status: 403 });
      expect(res.status).toBeLessThan(500);
    } else {
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
      expect((await t.db('audit_log').count({ n: '*' }).first())!.n).toBe(auditBefore);
    }
  });
});

describe('scope', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await fixture(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('limits a finance partner to their directorates', async () => {
    const res = (await t.db('directorates').where({ code: 'RES' }).first()).id;
    const web = await webClient(t.app, t.db, 'finance', { directorateIds: [res] });
    expect((await web.post('/projects/CS-001/costs').type('form').send(cost)).status).toBe(403);
    expect((await web.post('/projects/RES-001/costs').type('form').send(cost)).status).toBe(303);
    expect((await web.post('/projects').type('form').send(project)).status).toBe(403);
    expect(
      (
        await web
          .post('/projects')
          .type('form')
          .send({ ...project, code: 'RES-009', directorateCode: 'RES' })
      ).status,
    ).toBe(303);
    // Moving a project into a directorate they do not cover is refused too.
    expect(
      (
        await web
          .post('/projects/RES-001/edit')
          .type('form')
          .send({ ...project, code: 'RES-001', directorateCode: 'CS', version: '1' })
      ).status,
    ).toBe(403);
    expect((await web.get('/projects/CS-001')).text).not.toContain('Add a planned cost');
  });

  it('lets a project manager record realisations only on the projects they manage', async () => {
    const web = await signInAs(t.app, 'pm@council.example');
    expect((await web.post('/projects/CS-001/benefits/B1/realisations').type('form').send(realisation)).status).toBe(
      303,
    );
    expect((await web.post('/projects/RES-001/benefits/B1/realisations').type('form').send(realisation)).status).toBe(
      403,
    );
    expect((await web.get('/projects/RES-001/benefits/B1')).text).not.toContain('Record a realised benefit');
    expect((await web.get('/projects/CS-001/benefits/B1')).text).toContain('Record a realised benefit');
  });
});
