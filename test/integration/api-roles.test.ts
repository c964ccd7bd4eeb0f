/**
 * Roles on the API: the route's first filter (requireRole) and the domain's scope checks
 * (finance directorates, named project managers). A refused write changes nothing.
 */
import request from 'supertest';
import { createTestApp, countRows, type TestApp } from '../helpers/test-app';
import { apiClient, type ApiClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { setProjectManagers } from '../../server/domain/projects';
import type { Role } from '../../server/records';

let t: TestApp;
const ids = { cost: 0, realisation: 0, otherRealisation: 0, pm: 0, res: 0 };
beforeAll(async () => {
  t = await createTestApp();
  await aDirectorate(t.ctx);
  ids.res = (await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' })).id;
  await aDirectorate(t.ctx, { code: 'EMP', name: 'Empty' });
  for (const [code, directorateCode] of [
    ['CS-001', 'CS'],
    ['RES-001', 'RES'],
  ]) {
    await aProject(t.ctx, { code, directorateCode });
    await aBenefit(t.ctx, code);
  }
  ids.cost = (await aCostLine(t.ctx, 'CS-001')).id;
  ids.realisation = (await aRealisation(t.ctx, 'CS-001', 'B1')).id;
  ids.otherRealisation = (await aRealisation(t.ctx, 'RES-001', 'B1')).id;
});
afterAll(async () => {
  await t.close();
});

type Method = 'post' | 'patch' | 'put' | 'delete';
type Write = [name: string, method: Method, url: () => string, body: Record<string, unknown>];
const realisationBody = {
  year: '2025/26',
  amount: '10.00',
  recordedBy: 'PM',
  recordedOn: '2025-10-01',
  evidence: 'Ledger',
};

const directorateWrites: Write[] = [
  ['POST /directorates', 'post', () => '/api/v1/directorates', { code: 'AH', name: 'Adults' }],
  ['PATCH /directorates/:code', 'patch', () => '/api/v1/directorates/EMP', { version: 1, name: 'x' }],
  ['DELETE /directorates/:code', 'delete', () => '/api/v1/directorates/EMP', { version: 1 }],
];
const projectWrites = (code: string): Write[] => [
  [
    'POST /projects',
    'post',
    () => '/api/v1/projects',
    { code: `${code}-9`, name: 'New', directorateCode: code.split('-')[0], startYear: '2024/25' },
  ],
  ['PATCH /projects/:code', 'patch', () => `/api/v1/projects/${code}`, { version: 1, name: 'x' }],
  ['DELETE /projects/:code', 'delete', () => `/api/v1/projects/${code}`, { version: 1 }],
  [
    'POST /projects/:code/costs',
    'post',
    () => `/api/v1/projects/${code}/costs`,
    { year: '2024/25', kind: 'planned', category: 'capital', amount: '1.00' },
  ],
  [
    'POST /projects/:code/benefits',
    'post',
    () => `/api/v1/projects/${code}/benefits`,
    { ref: 'B7', title: 'x', type: 'cashable' },
  ],
  [
    'PATCH /projects/:code/benefits/:ref',
    'patch',
    () => `/api/v1/projects/${code}/benefits/B1`,
    { version: 1, title: 'x' },
  ],
  [
    'PUT /projects/:code/benefits/:ref/profile',
    'put',
    () => `/api/v1/projects/${code}/benefits/B1/profile`,
    { version: 1, profile: [] },
  ],
  ['DELETE /projects/:code/benefits/:ref', 'delete', () => `/api/v1/projects/${code}/benefits/B1`, { version: 1 }],
];
const costWrites: Write[] = [
  ['PATCH /costs/:id', 'patch', () => `/api/v1/costs/${ids.cost}`, { version: 1, amount: '2.00' }],
  ['DELETE /costs/:id', 'delete', () => `/api/v1/costs/${ids.cost}`, { version: 1 }],
];
const realisationWrites = (code: string, id: () => number): Write[] => [
  [
    'POST /projects/:code/benefits/:ref/realisations',
    'post',
    () => `/api/v1/projects/${code}/benefits/B1/realisations`,
    realisationBody,
  ],
  ['PATCH /realisations/:id', 'patch', () => `/api/v1/realisations/${id()}`, { version: 1, evidence: 'x' }],
  ['DELETE /realisations/:id', 'delete', () => `/api/v1/realisations/${id()}`, { version: 1 }],
];
const everyWrite = [
  ...directorateWrites,
  ...projectWrites('CS-001'),
  ...costWrites,
  ...realisationWrites('CS-001', () => ids.realisation),
];

async function expectForbidden(api: ApiClient, writes: Write[]) {
  const audits = await countRows(t.db, 'audit_log');
  for (const [name, method, url, body] of writes) {
    const res = await api[method](url()).send(body);
    expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status: 403, code: 'forbidden' });
  }
  expect(await countRows(t.db, 'audit_log')).toBe(audits);
}

describe.each<[Role, string, () => Write[]]>([
  ['scrutiny', 'every write', () => everyWrite],
  [
    'finance',
    'directorate and realisation writes',
    () => [...directorateWrites, ...realisationWrites('CS-001', () => ids.realisation)],
  ],
  [
    'project_manager',
    'directorate, project, cost and benefit writes, even on a project they manage',
    () => [...directorateWrites, ...projectWrites('CS-001'), ...costWrites],
  ],
])('a %s token', (role, what, writes) => {
  it(`answers 403 to ${what}, changing nothing`, async () => {
    const api = await apiClient(t.app, t.db, role);
    if (role === 'project_manager') await setProjectManagers(t.ctx, 'CS-001', [api.userId]);
    await expectForbidden(api, writes());
  });
});

describe('scope checked in the domain', () => {
  it('refuses a finance user limited to another directorate, and lets them write in their own', async () => {
    const api = await apiClient(t.app, t.db, 'finance', { directorateIds: [ids.res] });
    await expectForbidden(api, [...projectWrites('CS-001'), ...costWrites]);
    const res = await api
      .post('/api/v1/projects')
      .send({ code: 'RES-002', name: 'Allowed', directorateCode: 'RES', startYear: '2024/25' });
    expect(res.status).toBe(201);
    const moved = await api.patch('/api/v1/projects/RES-002').send({ version: 1, directorateCode: 'CS' });
    expect(moved.status).toBe(403);
    expect(moved.body.error.message).toBe(
      'You cannot change project RES-002: ask a finance partner for its directorate',
    );
  });

  it('lets a project manager record, correct and delete realisations on a project they manage, and nowhere else', async () => {
    const api = await apiClient(t.app, t.db, 'project_manager');
    await setProjectManagers(t.ctx, 'CS-001', [api.userId]);
    const created = await api.post('/api/v1/projects/CS-001/benefits/B1/realisations').send(realisationBody);
    expect(created.status).toBe(201);
    expect(
      (await api.patch(`/api/v1/realisations/${created.body.id}`).send({ version: 1, amount: '11.00' })).status,
    ).toBe(200);
    expect((await api.delete(`/api/v1/realisations/${created.body.id}`).set('If-Match', '"2"')).status).toBe(204);

    const audits = await countRows(t.db, 'audit_log');
    for (const [name, method, url, body] of realisationWrites('RES-001', () => ids.otherRealisation)) {
      const res = await api[method](url()).send(body);
      expect({ name, status: res.status, message: res.body.error?.message }).toEqual({
        name,
        status: 403,
        message: 'Only the project managers of RES-001 can record its realised benefits',
      });
    }
    expect(await countRows(t.db, 'audit_log')).toBe(audits);
  });
});

describe('reads', () => {
  it.each<Role>(['scrutiny', 'project_manager', 'finance', 'admin'])('are open to the %s role', async (role) => {
    const api = await apiClient(t.app, t.db, role);
    for (const url of [
      '/api/v1/directorates',
      '/api/v1/directorates/CS',
      '/api/v1/projects',
      '/api/v1/projects/CS-001',
      '/api/v1/projects/CS-001/costs',
      `/api/v1/costs/${ids.cost}`,
      '/api/v1/projects/CS-001/benefits',
      '/api/v1/projects/CS-001/benefits/B1',
      '/api/v1/projects/CS-001/benefits/B1/realisations',
      `/api/v1/realisations/${ids.realisation}`,
      '/api/v1/openapi.json',
    ]) {
      expect({ url, status: (await api.get(url)).status }).toEqual({ url, status: 200 });
    }
  });

  it('need a token or session: 401 JSON without one', async () => {
    // The OpenAPI document holds no data and is open to read (issue 14, friction 6).
    for (const url of ['/api/v1/projects', '/api/v1/portfolio/metrics']) {
      const res = await request(t.app).get(url);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });
});
