/**
 * Crash test: no acknowledged figure is lost when the server dies mid-stream.
 *
 *   npx tsx scripts/crash-test.ts [--rounds 5] [--concurrency 8]
 *
 * Each round starts the real server on a SQLite file, streams cost-line form posts at it from
 * several clients, kills it with SIGKILL at a random moment, then opens the database afresh and
 * checks that every cost line the server acknowledged (303) is there with its exact pence, and
 * that nothing it did not acknowledge half-exists (each write is one transaction with its audit row).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import request from 'supertest';
import { createKnex, migrateLatest } from '../server/knex';
import { createLogger } from '../server/logger';
import { type Ctx } from '../server/domain/types';
import { systemActor } from '../server/records';
import { createUser } from '../server/domain/users';
import { createDirectorate } from '../server/domain/directorates';
import { createProject } from '../server/domain/projects';
import { parseOrThrow } from '../server/validation/fields';
import { directorateSchema } from '../server/validation/directorates.schema';
import { projectSchema } from '../server/validation/projects.schema';

const ROOT = path.resolve(__dirname, '..');
const PASSWORD = 'Crash-Test-Passphrase-1';
const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '8' } },
});

async function prepare(dir: string): Promise<void> {
  const db = createKnex({ client: 'sqlite', filename: path.join(dir, 'realise.sqlite') });
  await migrateLatest(db);
  const ctx: Ctx = { db, actor: systemActor('crash test'), logger: createLogger({ logLevel: 'silent' }) };
  await createUser(ctx, { email: 'fin@crash.test', name: 'Crash Finance', role: 'finance', password: PASSWORD });
  await createDirectorate(ctx, parseOrThrow(directorateSchema('api'), { code: 'CS', name: 'Children' }));
  await createProject(
    ctx,
    parseOrThrow(projectSchema('api'), { code: 'CS-001', name: 'Crash', directorateCode: 'CS', startYear: '2024/25' }),
  );
  await db.destroy();
}

function start(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'server/main.ts')],
    {
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        NODE_ENV: 'production',
        DATABASE_URL: '',
      },
      stdio: 'ignore',
    },
  );
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = () => {
      request(`http://127.0.0.1:${port}`)
        .get('/readyz')
        .then(
          (r) => (r.status === 200 ? resolve(child) : setTimeout(poll, 100)),
          () => (Date.now() > deadline ? reject(new Error('server did not start')) : setTimeout(poll, 100)),
        );
    };
    poll();
  });
}

async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const form = await request(base).get('/sign-in');
  const jar = (r: request.Response) =>
    ([] as string[])
      .concat(r.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const res = await request(base)
    .post('/sign-in')
    .set('Cookie', jar(form))
    .type('form')
    .send({ email: 'fin@crash.test', password: PASSWORD, _csrf: token });
  const cookie = jar(res);
  const page = await request(base).get('/account').set('Cookie', cookie);
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] };
}

async function round(
  n: number,
  concurrency: number,
): Promise<{ acknowledged: number; stored: number; lost: number; orphans: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-crash-'));
  await prepare(dir);
  const port = 3950 + n;
  const base = `http://127.0.0.1:${port}`;
  const child = await start(dir, port);
  const { cookie, csrf } = await signIn(base);
  const acknowledged = new Map<string, string>();
  let stop = false;
  const client = async (c: number) => {
    for (let i = 0; !stop; i++) {
      const reference = `R${c}-${i}`;
      const pence = 100 + c * 7919 + i * 13;
      try {
        const res = await request(base)
          .post('/projects/CS-001/costs')
          .set('Cookie', cookie)
          .set('x-csrf-token', csrf)
          .type('form')
          .send({
            year: '2024/25',
            kind: 'actual',
            category: 'services',
            amount: `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`,
            reference,
          });
        if (res.status === 303) acknowledged.set(reference, String(pence));
      } catch {
        return; // the server has gone
      }
    }
  };
  const clients = Array.from({ length: concurrency }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2500));
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(clients);
  const db = createKnex({ client: 'sqlite', filename: path.join(dir, 'realise.sqlite') });
  const rows: { reference: string; amount_pence: number }[] = await db('cost_lines').select(
    'reference',
    'amount_pence',
  );
  const audits = Number((await db('audit_log').where({ entity_type: 'cost_line' }).count({ n: '*' }).first())!.n);
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  const stored = new Map(rows.map((r) => [r.reference, String(r.amount_pence)]));
  const lost = [...acknowledged].filter(([ref, pence]) => stored.get(ref) !== pence).length;
  return { acknowledged: acknowledged.size, stored: stored.size, lost, orphans: Math.abs(audits - stored.size) };
}

(async () => {
  let totalLost = 0;
  for (let n = 1; n <= Number.parseInt(values.rounds!, 10); n++) {
    const r = await round(n, Number.parseInt(values.concurrency!, 10));
    totalLost += r.lost + r.orphans;
    console.log(
      `round ${n}: ${r.acknowledged} acknowledged, ${r.stored} stored, ${r.lost} acknowledged but missing, ${r.orphans} rows without their audit record`,
    );
  }
  console.log(
    totalLost === 0
      ? 'PASS: every acknowledged cost line survived SIGKILL, each with its audit record'
      : `FAIL: ${totalLost} problems`,
  );
  process.exit(totalLost === 0 ? 0 : 1);
})();
