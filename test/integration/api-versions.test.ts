/**
 * Optimistic concurrency on every API change: the version comes from If-Match or a version field;
 * without one the answer is 428, with an old one 409 carrying the record as it is now.
 */
import { appForTests, countRows } from '../helpers/test-app';
import { aBenefit, aCostLine, aProject, aRealisation, twoDirectorates } from '../helpers/builders';

const ids = { cost: 0, realisation: 0 };
const { t, api: admin } = appForTests({
  api: 'admin',
  seed: async (app) => {
    await twoDirectorates(app.ctx);
    await aProject(app.ctx);
    ids.cost = (await aCostLine(app.ctx, 'CS-001')).id;
    await aBenefit(app.ctx, 'CS-001');
    ids.realisation = (await aRealisation(app.ctx, 'CS-001', 'B1')).id;
  },
});

type Method = 'patch' | 'put' | 'delete';
interface Write {
  name: string;
  method: Method;
  url: () => string;
  body: Record<string, unknown>;
  /** Where the resource is read; for deletes also the PATCH that moves it to version 2. */
  resource: () => string;
  bump: Record<string, unknown>;
}

const directorate = () => '/api/v1/directorates/RES';
const project = () => '/api/v1/projects/CS-001';
const cost = () => `/api/v1/costs/${ids.cost}`;
const benefit = () => '/api/v1/projects/CS-001/benefits/B1';
const realisation = () => `/api/v1/realisations/${ids.realisation}`;

const writes: Write[] = [
  {
    name: 'PATCH /directorates/:code',
    method: 'patch',
    url: directorate,
    resource: directorate,
    body: { name: 'Resources and Finance' },
    bump: {},
  },
  {
    name: 'DELETE /directorates/:code',
    method: 'delete',
    url: directorate,
    resource: directorate,
    body: {},
    bump: { name: 'Renamed' },
  },
  {
    name: 'PATCH /projects/:code',
    method: 'patch',
    url: project,
    resource: project,
    body: { name: 'Renamed project' },
    bump: {},
  },
  {
    name: 'DELETE /projects/:code',
    method: 'delete',
    url: project,
    resource: project,
    body: {},
    bump: { sponsor: 'New sponsor' },
  },
  { name: 'PATCH /costs/:id', method: 'patch', url: cost, resource: cost, body: { amount: '1.00' }, bump: {} },
  { name: 'DELETE /costs/:id', method: 'delete', url: cost, resource: cost, body: {}, bump: { reference: 'PO-9' } },
  {
    name: 'PATCH /projects/:code/benefits/:ref',
    method: 'patch',
    url: benefit,
    resource: benefit,
    body: { title: 'Renamed benefit' },
    bump: {},
  },
  {
    name: 'PUT /projects/:code/benefits/:ref/profile',
    method: 'put',
    url: () => `${benefit()}/profile`,
    resource: benefit,
    body: { profile: [{ year: '2026/27', amount: '9.99' }] },
    bump: {},
  },
  {
    name: 'DELETE /projects/:code/benefits/:ref',
    method: 'delete',
    url: benefit,
    resource: benefit,
    body: {},
    bump: { owner: 'New owner' },
  },
  {
    name: 'PATCH /realisations/:id',
    method: 'patch',
    url: realisation,
    resource: realisation,
    body: { evidence: 'Better evidence' },
    bump: {},
  },
  {
    name: 'DELETE /realisations/:id',
    method: 'delete',
    url: realisation,
    resource: realisation,
    body: {},
    bump: { evidence: 'Audited' },
  },
];

const send = (w: Write, body: Record<string, unknown>, ifMatch?: string) => {
  const req = admin[w.method](w.url());
  return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body);
};

describe.each(writes)('$name', (w) => {
  it('answers 428 without a version, changing nothing', async () => {
    const audits = await countRows(t.db, 'audit_log');
    const res = await send(w, w.body);
    expect(res.status).toBe(428);
    expect(res.body.error).toEqual({
      code: 'version_required',
      message: 'Send the version you last read: an If-Match: "<version>" header or a "version" field',
    });
    expect((await admin.get(w.resource())).body.version).toBe(1);
    expect(await countRows(t.db, 'audit_log')).toBe(audits);
  });

  it('answers 409 with the current record for a stale If-Match or version field, then succeeds with the current version', async () => {
    // Someone else saves first: version 1 → 2.
    const first =
      w.method === 'delete'
        ? await admin.patch(w.resource()).set('If-Match', '"1"').send(w.bump)
        : await send(w, w.body, '"1"');
    expect(first.status).toBe(200);
    const now = (await admin.get(w.resource())).body;
    expect(now.version).toBe(2);

    for (const stale of [
      send(w, w.body, '"1"'),
      send(w, { ...w.body, version: 1 }),
      send(w, { ...w.body, version: '1' }),
    ]) {
      const res = await stale;
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'stale_version',
        field: 'version',
        message: expect.stringContaining('Someone else changed this record'),
      });
      expect(res.body.error.current).toEqual(now);
    }
    const disagree = await send(w, { ...w.body, version: 1 }, '"2"');
    expect(disagree.status).toBe(400);
    expect(disagree.body.error.field).toBe('version');

    const ok = await send(w, w.body, '"2"');
    expect(ok.status).toBe(w.method === 'delete' ? 204 : 200);
    if (w.method === 'delete') expect((await admin.get(w.resource())).status).toBe(404);
    else expect(ok.body.version).toBe(3);
  });
});

describe('If-Match and version values', () => {
  it.each([['W/"1"'], ['"one"'], ['*'], ['"1", "2"']])('refuses If-Match %s with 400', async (header) => {
    const res = await admin.patch(project()).set('If-Match', header).send({ name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field: 'version' });
  });

  it.each([[1.5], [-1], ['v1'], [true], [null]])('refuses a version field of %p with 400', async (version) => {
    const res = await admin.patch(project()).send({ name: 'x', version });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('version');
  });

  it('accepts an unquoted If-Match and a version given as a string', async () => {
    expect((await admin.patch(project()).set('If-Match', '1').send({ name: 'One' })).body.version).toBe(2);
    expect((await admin.patch(project()).send({ name: 'Two', version: '2' })).body.version).toBe(3);
  });
});
