/**
 * Two app processes on one database, as behind a load balancer: a session made on one works on
 * the other, two simultaneous edits of the same row give exactly one success and one 409, and a
 * burst of password guesses spread over both cannot get past the sign-in lockout.
 * On PostgreSQL when TEST_DATABASE_URL is set; on a shared SQLite file otherwise.
 */
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Knex } from 'knex';
import { createTestDb, destroyTestDb, testBackend, testDbUrl } from '../helpers/test-db';
import { createKnex, migrateLatest } from '../../server/knex';
import { csrfFrom, makeUser, TEST_PASSWORD } from '../helpers/clients';
import { aDirectorate, aProject } from '../helpers/builders';
import { createApiToken } from '../../server/domain/users';
import { verifySummaries } from '../../server/domain/summaries';
import { type Ctx } from '../../server/domain/types';
import { systemActor } from '../../server/records';
import { createLogger } from '../../server/logger';

const ROOT = path.resolve(__dirname, '../..');
const SECRET = 'shared-secret-for-both-instances-0123456789';
let db: Knex;
let env: NodeJS.ProcessEnv;
let dataDir: string;
const procs: ChildProcess[] = [];
let instances: Promise<[string, string]> | undefined;

/** Both instances, started once for the file and shared by its tests. */
function bothInstances(): Promise<[string, string]> {
  instances ??= Promise.all([startInstance(3911), startInstance(3912)]);
  return instances;
}

/**
 * Tests hash passwords with a tiny scrypt cost; a stored hash at the production cost (N = 2^15)
 * makes the guesses of a burst overlap while their passwords are checked, as they do in
 * production. The stored parameters are what the instances verify with.
 */
function slowHash(password: string): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 32768, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance exited early:\n${output()}`);
    try {
      if ((await request(url).get('/readyz')).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance at ${url} did not become ready:\n${output()}`);
}

async function startInstance(port: number): Promise<string> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'server/main.ts')],
    {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  procs.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child, () => out);
  return url;
}

function cookieOf(res: request.Response): string {
  return ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-multi-'));
  const base = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', SESSION_SECRET: SECRET, DATA_DIR: dataDir };
  if (testBackend() === 'pg') {
    db = await createTestDb();
    env = { ...base, DATABASE_URL: testDbUrl(db) };
  } else {
    db = createKnex({ client: 'sqlite', filename: path.join(dataDir, 'realise.sqlite') });
    await migrateLatest(db);
    env = { ...base, DATABASE_URL: '' };
  }
  const ctx: Ctx = { db, actor: systemActor('test'), logger: createLogger({ logLevel: 'silent' }) };
  await makeUser(db, 'finance', { email: 'fin@council.example' });
  for (const email of ['burst1@council.example', 'burst2@council.example']) {
    const user = await makeUser(db, 'finance', { email });
    await db('users')
      .where({ id: user.id })
      .update({ password_hash: slowHash(TEST_PASSWORD) });
  }
  await aDirectorate(ctx);
  await aProject(ctx);
}, 60_000);

afterAll(async () => {
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on('exit', r)))));
  // .ci/run keeps this database to run `npm run db:summaries -- verify` on it afterwards (C8).
  const keep = process.env.MULTI_INSTANCE_KEEP_DB;
  if (testBackend() === 'pg' && keep) {
    fs.writeFileSync(keep, testDbUrl(db) ?? '');
    await db.destroy();
  } else if (testBackend() === 'pg') await destroyTestDb(db);
  else await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('two instances on one database', () => {
  it('keep the C8 summaries and headlines exact under simultaneous writes to one project on both', async () => {
    const [a, b] = await bothInstances();
    const ctx: Ctx = { db, actor: systemActor('test'), logger: createLogger({ logLevel: 'silent' }) };
    const user = await makeUser(db, 'finance', { email: 'writer@council.example' });
    const { token } = await createApiToken(ctx, user.id, 'multi-instance writer', null);
    const add = (url: string, i: number) =>
      request(url)
        .post('/api/v1/projects/CS-001/costs')
        .set('Authorization', `Bearer ${token}`)
        .send({
          year: i % 3 === 0 ? '2024/25' : '2025/26',
          kind: 'planned',
          category: 'revenue_recurring',
          amount: `${1000 + i * 37}.25`,
          description: `Burst ${i}`,
        });
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => add(i % 2 === 0 ? a : b, i)));
    expect(results.map((r) => r.status)).toEqual(Array(16).fill(201));
    // Each write refreshed the project's series and headline; none may have read the other's ledger half-way.
    expect(await verifySummaries(db)).toEqual([]);
  }, 90_000);

  it('share sessions and refuse the second of two simultaneous edits with 409', async () => {
    const [a, b] = await bothInstances();
    // Sign in on A.
    const form = await request(a).get('/sign-in');
    expect({ status: form.status, location: form.headers.location }).toEqual({ status: 200, location: undefined });
    const signIn = await request(a)
      .post('/sign-in')
      .set('Cookie', cookieOf(form))
      .type('form')
      .send({ email: 'fin@council.example', password: TEST_PASSWORD, _csrf: csrfFrom(form.text) });
    expect(signIn.status).toBe(303);
    const cookie = cookieOf(signIn);
    // The same session works on B.
    const onB = await request(b).get('/projects/CS-001/edit').set('Cookie', cookie);
    expect(onB.status).toBe(200);
    const csrf = csrfFrom(onB.text);
    const edit = (url: string, name: string) =>
      request(url).post('/projects/CS-001/edit').set('Cookie', cookie).type('form').send({
        _csrf: csrf,
        code: 'CS-001',
        name,
        directorateCode: 'CS',
        startYear: '2024/25',
        optimismBias: '0',
        version: '1',
      });
    const results = await Promise.all([edit(a, 'Saved on A'), edit(b, 'Saved on B')]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const winner = results[0].status === 303 ? 'Saved on A' : 'Saved on B';
    const row = await db('projects').where({ code: 'CS-001' }).first();
    expect({ name: row.name, version: Number(row.version) }).toEqual({ name: winner, version: 2 });
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.text).toContain('Someone else changed this record');
  }, 90_000);

  describe('a burst of sign-in guesses spread over both (issue 13, defect 2)', () => {
    /** One burst, alternating between the instances; the right password, if any, is sent last. */
    async function burst(email: string, wrong: number, right: boolean) {
      const [a, b] = await bothInstances();
      const form = await request(a).get('/sign-in');
      const send = (url: string, password: string) =>
        request(url)
          .post('/sign-in')
          .set('Cookie', cookieOf(form))
          .type('form')
          .send({ email, password, _csrf: csrfFrom(form.text) });
      const passwords = Array.from({ length: wrong }, (_, i) => `Wrong-Guess-${i}-abcdef`);
      if (right) passwords.push(TEST_PASSWORD);
      return Promise.all(passwords.map((p, i) => send(i % 2 === 0 ? a : b, p)));
    }

    const lockedFor = async (email: string) => {
      const row = await db('users').where({ email }).first();
      const minutes =
        row.locked_until === null ? null : Math.round((new Date(row.locked_until).getTime() - Date.now()) / 60_000);
      return { failed: Number(row.failed_sign_ins), lockedMinutes: minutes };
    };

    it('does not sign in the right password sent with 29 wrong ones, and leaves the account locked', async () => {
      const results = await burst('burst1@council.example', 29, true);
      expect(results.map((r) => r.status)).toEqual(Array(30).fill(401));
      const user = await db('users').where({ email: 'burst1@council.example' }).first();
      expect(await db('sessions').where({ user_id: user.id }).count({ n: '*' }).first()).toEqual({ n: 0 });
      expect(await lockedFor('burst1@council.example')).toEqual({ failed: 30, lockedMinutes: 15 });
    }, 90_000);

    it('locks the account after 20 wrong passwords in one burst', async () => {
      const results = await burst('burst2@council.example', 20, false);
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(401));
      expect(await lockedFor('burst2@council.example')).toEqual({ failed: 20, lockedMinutes: 15 });
    }, 90_000);
  });
});
