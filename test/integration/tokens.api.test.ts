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
