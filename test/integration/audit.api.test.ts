import request from 'supertest';
import { appForTests } from '../helpers/test-app';
import { apiClient, webClient } from '../helpers/clients';
import { aCostLine, aDirectorate, aProject, aProjectWithDirectorate } from '../helpers/builders';

const { t, api } = appForTests({
  api: 'scrutiny',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx);
    await aCostLine(app.ctx, 'CS-001', { amount: '1234.50' });
    await aDirectorate(app.ctx, { code: 'RES', name: 'Resources' });
    await aProject(app.ctx, { code: 'RES-001', directorateCode: 'RES' });
  },
});

const summaries = (body: { entries: { summary: string }[] }) => body.entries.map((e) => e.summary);

describe('GET /api/v1/audit', () => {
  it('gives entries newest first with the values before and after as JSON', async () => {
    const res = await api.get('/api/v1/audit');
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const ids = res.body.entries.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(summaries(res.body).slice(0, 2)).toEqual(['Project RES-001 created', 'Directorate RES created']);
    const cost = res.body.entries.find((e: { entityType: string }) => e.entityType === 'cost_line');
    const projectId = (await t.db('projects').where({ code: 'CS-001' }).first()).id;
    expect(cost).toEqual({
      id: expect.any(Number),
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      actor: 'test builder',
      action: 'created',
      entityType: 'cost_line',
      entityId: expect.stringMatching(/^\d+$/),
      projectId,
      summary: 'Planned cost £1,234.50 in 2024/25 added on CS-001',
      before: null,
      after: {
        year: '2024/25',
        kind: 'planned',
        // The builder's old category name "capital" is stored as capital funding, category other (issue 19).
        category: 'other',
        funding: 'capital',
        recurrence: null,
        amount: '1234.50',
        isCredit: false,
        description: '',
        reference: '',
      },
      requestId: null,
    });
  });

  it('pages with limit and an opaque cursor, without gaps or repeats', async () => {
    const all = (await api.get('/api/v1/audit')).body.entries.map((e: { id: number }) => e.id);
    const seen: number[] = [];
    let url = '/api/v1/audit?limit=2';
    for (;;) {
      const res = await api.get(url);
      expect(res.status).toBe(200);
      expect(res.body.entries.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.entries.map((e: { id: number }) => e.id));
      if (res.body.nextCursor === null) break;
      expect(typeof res.body.nextCursor).toBe('string');
      url = `/api/v1/audit?limit=2&cursor=${res.body.nextCursor}`;
    }
    expect(seen).toEqual(all);
  });

  it('filters by project, user, kind of record and date range', async () => {
    const admin = await webClient(t.app, t.db, 'admin');
    await admin
      .post('/directorates')
      .type('form')
      .set('x-request-id', 'req-audit-1')
      .send({ code: 'AH', name: 'Adults and Health' });

    expect(summaries((await api.get('/api/v1/audit?project=cs-001')).body)).toEqual([
      'Planned cost £1,234.50 in 2024/25 added on CS-001',
      'Project CS-001 created',
    ]);
    const byUser = (await api.get(`/api/v1/audit?user=${admin.userId}`)).body;
    expect(byUser.entries).toHaveLength(1);
    expect(byUser.entries[0]).toMatchObject({
      summary: 'Directorate AH created',
      actor: expect.stringContaining('<admin'),
      requestId: 'req-audit-1',
      after: { code: 'AH', name: 'Adults and Health' },
    });
    expect(summaries((await api.get('/api/v1/audit?entity=directorate')).body)).toEqual([
      'Directorate AH created',
      'Directorate RES created',
      'Directorate CS created',
    ]);

    await t.db('audit_log').update({ occurred_at: '2025-01-15T10:00:00.000Z' });
    await t
      .db('audit_log')
      .where({ summary: 'Directorate RES created' })
      .update({ occurred_at: '2025-03-30T23:30:00.000Z' }); // 31 March, 00:30 BST
    expect(summaries((await api.get('/api/v1/audit?from=2025-03-31&to=2025-03-31')).body)).toEqual([
      'Directorate RES created',
    ]);
    expect(summaries((await api.get('/api/v1/audit?to=2025-03-30&entity=directorate')).body)).toEqual([
      'Directorate AH created',
      'Directorate CS created',
    ]);
    expect((await api.get('/api/v1/audit?from=2025-04-01')).body.entries).toEqual([]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['cursor=abc', 'cursor'],
    ['from=2025-13-01', 'from'],
    ['to=31/03/2025', 'to'],
    ['from=2025-04-02&to=2025-04-01', 'to'],
    ['user=me', 'user'],
    ['entity=Cost%20line', 'entity'],
    ['project=CS%20001', 'project'],
  ])('answers 400 naming the parameter for %s', async (query, field) => {
    const res = await api.get(`/api/v1/audit?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'bad_request', message: expect.stringContaining(field), field });
  });

  it('accepts the largest limit', async () => {
    expect((await api.get('/api/v1/audit?limit=500')).status).toBe(200);
  });

  it('answers 404 for an unknown project code', async () => {
    const res = await api.get('/api/v1/audit?project=NOPE');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', message: 'There is no project with code NOPE' });
  });
});

describe('who may read the audit trail through the API', () => {
  it.each(['finance', 'project_manager'] as const)('refuses a %s token with a 403', async (role) => {
    const client = await apiClient(t.app, t.db, role);
    const res = await client.get('/api/v1/audit');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('lets an admin token read it', async () => {
    const client = await apiClient(t.app, t.db, 'admin');
    expect((await client.get('/api/v1/audit')).status).toBe(200);
  });

  it('refuses a request with no token', async () => {
    const res = await request(t.app).get('/api/v1/audit');
    expect(res.status).toBe(401);
  });
});

describe('audit rows cannot be changed through the API', () => {
  it('has no endpoint that edits or deletes them', async () => {
    const admin = await apiClient(t.app, t.db, 'admin');
    const before = await t.db('audit_log').select('*').orderBy('id');
    const id = before[0].id;
    for (const res of [
      await admin.delete('/api/v1/audit'),
      await admin.delete(`/api/v1/audit/${id}`),
      await admin.post('/api/v1/audit').send({ summary: 'x' }),
      await admin.put(`/api/v1/audit/${id}`).send({ summary: 'x' }),
      await admin.patch(`/api/v1/audit/${id}`).send({ summary: 'x' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await t.db('audit_log').select('*').orderBy('id')).toEqual(before);
  });
});
