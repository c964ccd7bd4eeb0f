import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { csrfFrom, makeUser, signInAs, TEST_PASSWORD } from '../helpers/clients';
import { SIGN_IN_FAILED } from '../../server/domain/users';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function sessionCookie(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith('realise.sid='))?.split(';')[0];
}

describe('first run', () => {
  it('sends every page to the one-time set-up page, and the API answers 503', async () => {
    expect((await request(t.app).get('/projects')).headers.location).toBe('/setup');
    const api = await request(t.app).get('/api/v1/portfolio/metrics');
    expect(api.status).toBe(503);
    expect(api.body.error.code).toBe('setup_required');
  });

  it('creates the first admin, signs them in, and is never offered again', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/setup');
    const weak = await agent
      .post('/setup')
      .type('form')
      .send({ name: 'Ada', email: 'ada@council.gov.uk', password: 'password1234', _csrf: csrfFrom(form.text) });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('This password is too common');
    expect(weak.text).toContain('value="ada@council.gov.uk"');
    const ok = await agent
      .post('/setup')
      .type('form')
      .send({ name: 'Ada', email: 'Ada@Council.gov.uk', password: TEST_PASSWORD, _csrf: csrfFrom(form.text) });
    expect(ok.status).toBe(303);
    expect((await agent.get('/')).status).toBe(200);
    expect(await t.db('users').select('email', 'role')).toEqual([{ email: 'ada@council.gov.uk', role: 'admin' }]);
    expect((await request(t.app).get('/setup')).headers.location).toBe('/sign-in');
    const again = await agent
      .post('/setup')
      .type('form')
      .send({
        name: 'Eve',
        email: 'eve@x.uk',
        password: TEST_PASSWORD,
        _csrf: csrfFrom((await agent.get('/account')).text),
      });
    expect(again.status).toBe(303);
    expect(await t.db('users').count({ n: '*' }).first()).toEqual({ n: 1 });
  });
});

describe('POST /sign-in', () => {
  beforeEach(async () => {
    await makeUser(t.db, 'finance', { email: 'fin@council.gov.uk' });
  });

  it('gives the same answer for an unknown email and a wrong password, never echoing the password', async () => {
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/sign-in')).text);
    const unknown = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'nobody@council.gov.uk', password: 'Whatever-Password-1', _csrf: csrf });
    const wrong = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'fin@council.gov.uk', password: 'Whatever-Password-1', _csrf: csrf });
    for (const res of [unknown, wrong]) {
      expect(res.status).toBe(401);
      expect(res.text).toContain(SIGN_IN_FAILED.slice(0, 40));
      expect(res.text).not.toContain('Whatever-Password-1');
    }
  });

  it('rotates the session id at sign-in (no session fixation)', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/sign-in');
    const before = sessionCookie(page);
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'fin@council.gov.uk', password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    expect(res.status).toBe(303);
    const after = sessionCookie(res);
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';');
    expect(cookies).toMatch(/HttpOnly/i);
    expect(cookies).toMatch(/SameSite=Lax/i);
  });

  it('locks the account after 5 failures, even against the right password, until the lock expires', async () => {
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/sign-in')).text);
    for (let i = 0; i < 5; i++)
      await agent
        .post('/sign-in')
        .type('form')
        .send({ email: 'fin@council.gov.uk', password: 'Wrong-Password-000', _csrf: csrf });
    const locked = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'fin@council.gov.uk', password: TEST_PASSWORD, _csrf: csrf });
    expect(locked.status).toBe(401);
    await t
      .db('users')
      .where({ email: 'fin@council.gov.uk' })
      .update({ locked_until: new Date(Date.now() - 1000).toISOString() });
    const later = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'fin@council.gov.uk', password: TEST_PASSWORD, _csrf: csrf });
    expect(later.status).toBe(303);
    expect((await t.db('users').where({ email: 'fin@council.gov.uk' }).first()).failed_sign_ins).toBe(0);
  });

  it('only redirects to paths on this site after sign-in', async () => {
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/sign-in?next=//evil.example')).text);
    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'fin@council.gov.uk', password: TEST_PASSWORD, next: '//evil.example', _csrf: csrf });
    expect(res.headers.location).toBe('/');
  });
});

describe('sessions', () => {
  it('signs out, and sign-out everywhere ends the user’s other sessions', async () => {
    const user = await makeUser(t.db, 'scrutiny');
    const a = await signInAs(t.app, user.email);
    const b = await signInAs(t.app, user.email);
    expect((await b.get('/projects')).status).toBe(200);
    await a.post('/account/sign-out-everywhere').send({});
    expect((await b.get('/projects')).headers.location).toBe('/sign-in?next=%2Fprojects');
    expect((await a.get('/projects')).status).toBe(303);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const user = await makeUser(t.db, 'scrutiny');
    const web = await signInAs(t.app, user.email);
    const row = await t.db('sessions').where({ user_id: user.id }).first();
    const sess = JSON.parse(row.sess);
    sess.signedInAt = Date.now() - 13 * 60 * 60 * 1000;
    await t
      .db('sessions')
      .where({ sid: row.sid })
      .update({ sess: JSON.stringify(sess) });
    expect((await web.get('/projects')).status).toBe(303);
  });

  it('stops a disabled user’s session at once', async () => {
    const user = await makeUser(t.db, 'finance');
    const web = await signInAs(t.app, user.email);
    await t.db('users').where({ id: user.id }).update({ is_disabled: true });
    expect((await web.get('/projects')).status).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing form without the token, or with a wrong one, and writes nothing', async () => {
    const user = await makeUser(t.db, 'admin');
    const web = await signInAs(t.app, user.email);
    const missing = await web.agent.post('/directorates').type('form').send({ code: 'CS', name: 'Children' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('This form has expired');
    const wrong = await web.agent
      .post('/directorates')
      .type('form')
      .send({ code: 'CS', name: 'Children', _csrf: 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect(await t.db('directorates').count({ n: '*' }).first()).toEqual({ n: 0 });
    const right = await web.agent
      .post('/directorates')
      .type('form')
      .send({ code: 'CS', name: 'Children', _csrf: web.csrf });
    expect(right.status).toBe(303);
  });
});

describe('passwords', () => {
  it('stores only a salted scrypt hash, and changing it needs the current password', async () => {
    const user = await makeUser(t.db, 'finance');
    const row = await t.db('users').where({ id: user.id }).first();
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
    const web = await signInAs(t.app, user.email);
    const bad = await web
      .post('/account/password')
      .type('form')
      .send({ currentPassword: 'nope-nope-nope', password: 'Another-Good-Passphrase-9' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Your current password is not right');
    const ok = await web
      .post('/account/password')
      .type('form')
      .send({ currentPassword: TEST_PASSWORD, password: 'Another-Good-Passphrase-9' });
    expect(ok.status).toBe(303);
    await expect(signInAs(t.app, user.email)).rejects.toThrow('Sign-in failed with 401');
    expect((await signInAs(t.app, user.email, 'Another-Good-Passphrase-9')).csrf).toBeTruthy();
  });
});
