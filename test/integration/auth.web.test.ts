import crypto from 'node:crypto';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { apiClient, csrfFrom, makeUser, signInAs, TEST_PASSWORD } from '../helpers/clients';
import { MAX_FAILED_SIGN_INS, SIGN_IN_FAILED } from '../../server/domain/users';

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

/**
 * Issue 13, defect 2. Tests hash passwords with a tiny scrypt cost; these store a costlier hash
 * (N = 2^13; production uses 2^15), so that the guesses of a burst overlap while their passwords
 * are being checked, as they do in production.
 */
function slowHash(password: string): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32, { N: 8192, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 8192, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('the lockout under parallel guessing', () => {
  const email = 'target@council.gov.uk';
  let form: { cookie: string; csrf: string };

  beforeEach(async () => {
    const user = await makeUser(t.db, 'finance', { email });
    await t
      .db('users')
      .where({ id: user.id })
      .update({ password_hash: slowHash(TEST_PASSWORD) });
    await freshForm();
  });

  async function freshForm() {
    const page = await request(t.app).get('/sign-in');
    form = { cookie: sessionCookie(page)!, csrf: csrfFrom(page.text) };
  }

  const attempt = (password: string) =>
    request(t.app).post('/sign-in').set('Cookie', form.cookie).type('form').send({ email, password, _csrf: form.csrf });

  const row = () => t.db('users').where({ email }).first();

  it('does not sign in the right password sent with 29 wrong ones, and leaves the account locked', async () => {
    const burst = await Promise.all([
      ...Array.from({ length: 29 }, (_, i) => attempt(`Wrong-Password-${i}-xyz`)),
      attempt(TEST_PASSWORD),
    ]);
    expect(burst.map((r) => r.status)).toEqual(Array(30).fill(401));
    const after = await row();
    expect(new Date(after.locked_until).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(after.failed_sign_ins).toBeGreaterThanOrEqual(MAX_FAILED_SIGN_INS);
    expect(await t.db('sessions').where({ user_id: after.id }).count({ n: '*' }).first()).toEqual({ n: 0 });
  }, 30_000);

  it('locks the account after 20 wrong passwords in one burst', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(`Wrong-Password-${i}-xyz`)));
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(401));
    const after = await row();
    expect(after.failed_sign_ins).toBe(20);
    expect(new Date(after.locked_until).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  }, 30_000);

  it('still lets the right password in on the fifth attempt, and a lock does not grow while it holds', async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) expect((await attempt('Wrong-Password-000')).status).toBe(401);
    expect((await attempt(TEST_PASSWORD)).status).toBe(303);
    expect((await row()).failed_sign_ins).toBe(0);
    await freshForm(); // signing in rotated the form's session away
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await attempt('Wrong-Password-000');
    const lockedUntil = (await row()).locked_until;
    expect(lockedUntil).not.toBeNull();
    await attempt('Wrong-Password-000');
    expect((await row()).locked_until).toEqual(lockedUntil);
  }, 30_000);
});

describe('sessions are stored only when there is something to keep (issue 13, defect 4)', () => {
  const sessionRows = async () => Number((await t.db('sessions').count({ n: '*' }).first())!.n);

  it('stores no session for anonymous pages, API calls or token calls', async () => {
    await makeUser(t.db, 'admin');
    const api = await apiClient(t.app, t.db, 'scrutiny');
    for (let i = 0; i < 10; i++) {
      expect((await request(t.app).get('/')).status).toBe(303);
      expect((await request(t.app).get('/projects')).status).toBe(303);
      expect((await request(t.app).get('/api/v1/portfolio/metrics')).status).toBe(401);
      await request(t.app).post('/api/v1/directorates').send({ code: 'X', name: 'X' }); // 401: tokens.api.test.ts
      // A form posted with no session at all is refused without starting one.
      expect((await request(t.app).post('/sign-in').type('form').send({ email: 'a@b.uk' })).status).toBe(403);
      expect((await api.get('/api/v1/portfolio/metrics')).status).toBe(200);
      expect((await api.get('/api/v1/projects')).status).toBe(200);
    }
    expect(await sessionRows()).toBe(0);
  });

  it('stores one for the sign-in form, whose token then signs in', async () => {
    const user = await makeUser(t.db, 'finance');
    const page = await request(t.app).get('/sign-in');
    expect(sessionCookie(page)).toBeDefined();
    expect(await sessionRows()).toBe(1);
    const res = await request(t.app)
      .post('/sign-in')
      .set('Cookie', sessionCookie(page)!)
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    expect(res.status).toBe(303);
    // Rotated at sign-in: the form's session is gone and the signed-in one is kept.
    expect(await t.db('sessions').select('user_id')).toEqual([{ user_id: user.id }]);
  });
});
