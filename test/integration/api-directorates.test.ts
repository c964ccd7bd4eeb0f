import { appForTests, countRows } from '../helpers/test-app';
import { aProject, twoDirectorates } from '../helpers/builders';

const { t, api: admin } = appForTests({
  api: 'admin',
  seed: async (app) => {
    await twoDirectorates(app.ctx);
    await aProject(app.ctx);
  },
});

const lastAudit = async (entityType: string) =>
  t.db('audit_log').where({ entity_type: entityType }).orderBy('id', 'desc').first();

describe('GET /api/v1/directorates', () => {
  it('lists every directorate with its version and timestamps', async () => {
    const res = await admin.get('/api/v1/directorates');
    expect(res.status).toBe(200);
    expect(res.body.directorates.map((d: { code: string }) => d.code).sort()).toEqual(['CS', 'RES']);
    expect(res.body.directorates.find((d: { code: string }) => d.code === 'RES')).toEqual({
      code: 'RES',
      name: 'Resources',
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });
});

describe('GET /api/v1/directorates/:code', () => {
  it('finds a directorate whatever the case of its code, and 404s an unknown one', async () => {
    expect((await admin.get('/api/v1/directorates/res')).body).toMatchObject({ code: 'RES', name: 'Resources' });
    const missing = await admin.get('/api/v1/directorates/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'not_found', message: 'There is no directorate with code NOPE' });
  });
});

describe('POST /api/v1/directorates', () => {
  it('creates a directorate: 201, Location, the stored row and an audit row naming the token user', async () => {
    const res = await admin.post('/api/v1/directorates').send({ code: 'ah', name: 'Adults and Health' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/directorates/AH');
    expect(res.body).toMatchObject({ code: 'AH', name: 'Adults and Health', version: 1 });
    expect(await t.db('directorates').where({ code: 'AH' }).first()).toMatchObject({
      name: 'Adults and Health',
      version: 1,
    });
    const audit = await lastAudit('directorate');
    expect(audit).toMatchObject({ action: 'created', entity_id: 'AH', actor_id: admin.userId });
    expect(audit.actor_label).toContain(admin.email);
  });

  it.each([
    ['an unknown field', { code: 'AH', name: 'Adults', colour: 'blue' }, 'colour', 'Unknown field "colour"'],
    ['a missing name', { code: 'AH' }, 'name', 'Enter a directorate name'],
    [
      'a bad code',
      { code: 'A H', name: 'Adults' },
      'code',
      'Directorate code must use only letters, numbers and hyphens, like CS',
    ],
  ])('answers 400 naming the field for %s', async (_case, body, field, message) => {
    const res = await admin.post('/api/v1/directorates').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field, fields: { [field]: message } });
    expect(await countRows(t.db, 'directorates')).toBe(2);
  });

  it('answers 400 for a body that is not a JSON object', async () => {
    const res = await admin.post('/api/v1/directorates').type('form').send('code=AH&name=Adults');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('answers 422 for a duplicate code', async () => {
    const res = await admin.post('/api/v1/directorates').send({ code: 'res', name: 'Resources again' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      field: 'code',
      fields: { code: 'A directorate with code RES already exists' },
    });
  });
});

describe('PATCH /api/v1/directorates/:code', () => {
  it('changes only the given fields and bumps the version', async () => {
    const res = await admin
      .patch('/api/v1/directorates/RES')
      .set('If-Match', '"1"')
      .send({ name: 'Resources and Finance' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'RES', name: 'Resources and Finance', version: 2 });
    expect(await t.db('directorates').where({ code: 'RES' }).first()).toMatchObject({
      name: 'Resources and Finance',
      version: 2,
    });
    expect(await lastAudit('directorate')).toMatchObject({ action: 'updated', entity_id: 'RES' });
  });

  it('renames a code and answers 422 when the new code is taken', async () => {
    expect((await admin.patch('/api/v1/directorates/RES').send({ version: 1, code: 'FIN' })).body.code).toBe('FIN');
    const taken = await admin.patch('/api/v1/directorates/FIN').send({ version: 2, code: 'CS' });
    expect(taken.status).toBe(422);
    expect(taken.body.error.field).toBe('code');
  });

  it('refuses read-only fields by name and 404s an unknown code', async () => {
    const ro = await admin.patch('/api/v1/directorates/RES').send({ version: 1, createdAt: '2020-01-01T00:00:00Z' });
    expect(ro.status).toBe(400);
    expect(ro.body.error).toMatchObject({
      field: 'createdAt',
      fields: { createdAt: 'createdAt is read-only: leave it out' },
    });
    expect((await admin.patch('/api/v1/directorates/NOPE').send({ version: 1, name: 'X' })).status).toBe(404);
  });
});

describe('DELETE /api/v1/directorates/:code', () => {
  it('deletes an empty directorate with 204 and audits it', async () => {
    const res = await admin.delete('/api/v1/directorates/RES').set('If-Match', '"1"');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await countRows(t.db, 'directorates', { code: 'RES' })).toBe(0);
    expect(await lastAudit('directorate')).toMatchObject({ action: 'deleted', entity_id: 'RES' });
  });

  it('refuses with 409 while the directorate has projects, and 404s an unknown one', async () => {
    const res = await admin.delete('/api/v1/directorates/CS').send({ version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('directorate_in_use');
    expect((await admin.delete('/api/v1/directorates/NOPE').set('If-Match', '"1"')).status).toBe(404);
  });
});
