import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { apiClient, makeUser, signInAs, webClient } from '../helpers/clients';
import { hashToken } from '../../server/domain/users';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const URL = '/api/v1/portfolio/metrics';

describe('API authentication', () => {
  it('answers 401 JSON with no token or a malformed or unknown one', async () => {
    await makeUser(t.db, 'admin');
    for (const auth of [undefined, 'Basic abc', 'Bearer', 'Bearer rls_not-a-real-token']) {
      const req = request(t.app).get(URL);
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('accepts a valid token, stores only its hash, and records when it was used', async () => {
    const api = await apiClient(t.app, t.db, 'scrutiny');
    expect(api.token).toMatch(/^rls_[A-Za-z0-9_-]{43}$/);
    expect((await api.get(URL)).status).toBe(200);
    const row = await t.db('api_tokens').first();
    expect(row.token_hash).toBe(hashToken(api.token));
    expect(JSON.stringify(row)).not.toContain(api.token);
    expect(row.last_used_at).not.toBeNull();
  });

  it('stops a token once it is revoked from the account page', async () => {
    const user = await makeUser(t.db, 'finance');
    const web = await signInAs(t.app, user.email);
    const created = await web.post('/account/tokens').type('form').send({ name: 'Ledger import', expiresInDays: '90' });
    expect(created.status).toBe(201);
    const token = /id="new-token">([^<]+)</.exec(created.text)![1];
    expect((await request(t.app).get(URL).set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const id = (await t.db('api_tokens').first()).id;
    expect((await web.post(`/account/tokens/${id}/revoke`).send({})).status).toBe(303);
    expect((await request(t.app).get(URL).set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await web.get('/account')).text).not.toContain(token);
  });

  it('stops a token after it expires, and the tokens of a disabled user', async () => {
    const api = await apiClient(t.app, t.db, 'scrutiny');
    await t.db('api_tokens').update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expect((await api.get(URL)).status).toBe(401);
    const other = await apiClient(t.app, t.db, 'finance');
    await t.db('users').where({ id: other.userId }).update({ is_disabled: true });
    expect((await other.get(URL)).status).toBe(401);
  });

  it('lets a signed-in browser session call the API, with the CSRF header on writes', async () => {
    const web = await webClient(t.app, t.db, 'scrutiny');
    expect((await web.get(URL)).status).toBe(200);
    const body = { costs: [{ year: '2024/25', amount: '100.00' }] };
    expect((await web.agent.post('/api/v1/appraise').send(body)).status).toBe(403);
    expect((await web.post('/api/v1/appraise').send(body)).status).toBe(200);
  });
});

describe('anonymous API writes (issue 13, defect 6)', () => {
  it('answer 401 JSON, as documented, not a CSRF refusal', async () => {
    await makeUser(t.db, 'admin');
    const page = await request(t.app).get('/sign-in'); // a session without a user is still anonymous
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    const writes = [
      () => request(t.app).post('/api/v1/directorates').send({ code: 'CS', name: 'Children' }),
      () => request(t.app).patch('/api/v1/directorates/CS').send({ name: 'Children' }),
      () => request(t.app).delete('/api/v1/directorates/CS'),
      () => request(t.app).post('/api/v1/appraise').send({ costs: [] }),
      () => request(t.app).post('/api/v1/directorates').set('Cookie', cookie).send({ code: 'CS', name: 'Children' }),
    ];
    for (const write of writes) {
      const res = await write();
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 401, code: 'unauthorized' });
    }
    expect(await t.db('directorates').count({ n: '*' }).first()).toEqual({ n: 0 });
  });
});

describe('recording a token’s last use (issue 13, defect 10)', () => {
  it('writes it at most once a minute, however many reads there are', async () => {
    const api = await apiClient(t.app, t.db, 'scrutiny');
    const lastUsed = async () => new Date((await t.db('api_tokens').first()).last_used_at).toISOString();
    expect((await api.get(URL)).status).toBe(200);
    const first = await lastUsed();
    const recent = new Date(Date.now() - 30_000).toISOString();
    await t.db('api_tokens').update({ last_used_at: recent });
    for (let i = 0; i < 5; i++) expect((await api.get(URL)).status).toBe(200);
    expect(await lastUsed()).toBe(recent);
    await t.db('api_tokens').update({ last_used_at: new Date(Date.now() - 61_000).toISOString() });
    expect((await api.get(URL)).status).toBe(200);
    expect(Date.parse(await lastUsed())).toBeGreaterThanOrEqual(Date.parse(first));
  });

  it('changes the row once when many reads find it due at the same moment', async () => {
    const api = await apiClient(t.app, t.db, 'scrutiny');
    await t.db('api_tokens').update({ last_used_at: new Date(Date.now() - 120_000).toISOString() });
    let rowsWritten = 0;
    const count = (response: unknown, q: { sql: string }) => {
      if (/^update\b.*api_tokens/i.test(q.sql)) rowsWritten += Number(response);
    };
    t.db.on('query-response', count);
    try {
      const reads = await Promise.all(Array.from({ length: 10 }, () => api.get(URL)));
      expect(reads.map((r) => r.status)).toEqual(Array(10).fill(200));
    } finally {
      t.db.off('query-response', count);
    }
    expect(rowsWritten).toBe(1);
    const updated = await t.db('api_tokens').first();
    expect(Date.now() - new Date(updated.last_used_at).getTime()).toBeLessThan(10_000);
  });
});
