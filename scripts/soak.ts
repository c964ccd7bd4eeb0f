/**
 * Soak test: many clients for a bounded time, then proof that nothing went wrong.
 *
 *   npm run soak -- [--minutes 2] [--clients 50] [--think-ms 100]
 *   npm run soak -- --url http://127.0.0.1:3000 --token rls_… [--pid N] [--minutes 2]
 *
 * By default it seeds the demo portfolio into a fresh SQLite database in a temporary folder and
 * starts the built server on a free loopback port (`node dist/server/main.js`). With --url it soaks
 * a server that is already running instead: loopback only (anything else is refused, so it cannot
 * be pointed at a live service by mistake), with an admin API token; it writes to that database.
 *
 * Each client loops (with a random pause of up to twice --think-ms) over a mix of
 *   80% reads: the portfolio dashboard, directorate and project pages, the project and portfolio
 *       metrics API;
 *   15% realisation updates: PATCH one of the client's own realisations to a new amount (If-Match);
 *    5% imports: a cost CSV through POST /api/v1/imports/costs: the client's own 10 lines on one
 *       project with new amounts (the first import adds them, later ones update them), so the
 *       ledger does not grow through the run and memory is compared like for like.
 * Afterwards it checks:
 *   - 0 errors: every request answered 2xx (a redirect, a 4xx, a 5xx or a dropped connection is one);
 *   - 0 lost updates: each realisation holds its last acknowledged amount, and every acknowledged
 *     import's lines are there to the penny; with its own server it also checks the database-wide
 *     totals: realisations and cost lines moved by exactly the sum of the acknowledged writes;
 *   - no memory growth: the server's RSS, sampled every second, has no upward trend over the
 *     second half: a least-squares line through its floors (the lowest sample in each 15-second
 *     window, below the garbage collector's sawtooth) rises less than 5% of the mean RSS or 10 MB,
 *     whichever is more; run at least 2 minutes (4 or more give a steadier reading);
 *   - with its own server: it stops on SIGTERM with exit code 0 and `integrity_check` is ok.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { currentFy } from '../server/financial-year';
import { createKnex, migrateLatest } from '../server/knex';
import { createLogger } from '../server/logger';
import { type Ctx } from '../server/domain/types';
import { systemActor } from '../server/records';
import { createApiToken, createUser } from '../server/domain/users';
import { seedDemoPortfolio } from '../db/seeds/demo-portfolio';

const ROOT = path.resolve(__dirname, '..', path.basename(path.dirname(__dirname)) === 'dist' ? '..' : '');
const SERVER = path.join(ROOT, 'dist/server/main.js');
const PASSWORD = 'Soak-Test-Passphrase-2026';
const IMPORT_LINES = 10;

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    clients: { type: 'string', default: '50' },
    'think-ms': { type: 'string', default: '100' },
    url: { type: 'string' },
    token: { type: 'string' },
    pid: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const DURATION_MS = Math.round(Number.parseFloat(args.minutes!) * 60_000);
const CLIENTS = Number.parseInt(args.clients!, 10);
const THINK_MS = Number.parseInt(args['think-ms']!, 10);

class Refusal extends Error {}

// ---------------------------------------------------------------------------------------------
// Money as exact pence (BigInt), never a float

function toPence(amount: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!m) throw new Error(`not an API amount: ${amount}`);
  const p = BigInt(m[2]) * 100n + BigInt(m[3]);
  return m[1] ? -p : p;
}

function amountText(pence: bigint): string {
  const sign = pence < 0n ? '-' : '';
  const a = pence < 0n ? -pence : pence;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

function randomPence(): bigint {
  return BigInt(100 + Math.floor(Math.random() * 5_000_000)) * 100n + BigInt(Math.floor(Math.random() * 100));
}

// ---------------------------------------------------------------------------------------------
// The target

/** Loopback only: an IP in 127.0.0.0/8 or ::1, or a name that resolves to nothing else. */
async function assertLoopback(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = (ip: string) =>
    (net.isIPv4(ip) && ip.startsWith('127.')) || ip === '::1' || /^::ffff:127\./.test(ip);
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true })).map((a) => a.address);
  if (addresses.length === 0 || !addresses.every(loopback))
    throw new Refusal(
      `The soak test runs only against this machine's loopback interface (127.0.0.1, ::1 or localhost); ${url.host} is ${addresses.join(', ') || 'unresolvable'}.`,
    );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Own {
  dir: string;
  file: string;
  child: ChildProcess;
}

async function startOwnServer(): Promise<{ base: string; token: string; pid: number; own: Own; email: string }> {
  if (!fs.existsSync(SERVER)) throw new Refusal(`${SERVER} is missing: run npm run build first (npm run soak does).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-soak-'));
  const file = path.join(dir, 'realise.sqlite');
  const db = createKnex({ client: 'sqlite', filename: file });
  await migrateLatest(db);
  const logger = createLogger({ logLevel: 'silent' });
  const counts = await seedDemoPortfolio(db, logger);
  const ctx: Ctx = { db, actor: systemActor('soak test'), logger };
  const admin = await createUser(ctx, {
    email: 'admin@soak.test',
    name: 'Soak Admin',
    role: 'admin',
    password: PASSWORD,
  });
  await createUser(ctx, { email: 'scrutiny@soak.test', name: 'Soak Scrutiny', role: 'scrutiny', password: PASSWORD });
  const { token } = await createApiToken(ctx, admin.id, 'soak test', null);
  await db.destroy();
  console.log(
    `Demo portfolio: ${counts.directorates} directorates, ${counts.projects} projects, ${counts.costLines} cost lines, ` +
      `${counts.benefits} benefits, ${counts.realisations} realisations (${dir})`,
  );
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      DATABASE_URL: '',
      SESSION_SECRET: 'soak-test-session-secret-0123456789abcdef',
    },
    stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'server.log'), 'a')],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} at start-up`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error('the server did not become ready in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`Server: node dist/server/main.js, pid ${child.pid}, ${base}`);
  return { base, token, pid: child.pid!, own: { dir, file, child }, email: 'scrutiny@soak.test' };
}

/** A session for the pages, as a browser would have (own server only: it knows the password). */
async function signIn(base: string, email: string): Promise<string> {
  const jar = (r: Response) =>
    r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  const form = await fetch(`${base}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar(form) },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: csrf }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
  return jar(res);
}

// ---------------------------------------------------------------------------------------------
// RSS

function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number.parseInt(m[1], 10) * 1024 : null;
  } catch {
    return null;
  }
}

/** Least-squares slope (bytes per ms) of samples [t, rss]. */
function slope(samples: [number, number][]): number {
  const n = samples.length;
  const mt = samples.reduce((s, [t]) => s + t, 0) / n;
  const mr = samples.reduce((s, [, r]) => s + r, 0) / n;
  const num = samples.reduce((s, [t, r]) => s + (t - mt) * (r - mr), 0);
  const den = samples.reduce((s, [t]) => s + (t - mt) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// ---------------------------------------------------------------------------------------------
// The load

type Kind =
  'dashboard' | 'directorate page' | 'project page' | 'project metrics' | 'portfolio metrics' | 'update' | 'import';

interface Stats {
  count: number;
  ms: number[];
}

interface Owned {
  id: number;
  pence: bigint;
  initial: bigint;
  version: number;
}

async function main(): Promise<void> {
  let base: string;
  let token: string;
  let pid: number | null;
  let own: Own | null = null;
  let cookie: string | null = null;
  if (args.url) {
    const url = new URL(args.url);
    await assertLoopback(url);
    if (!args.token) throw new Refusal('--url needs --token: an API token of an administrator');
    base = url.origin;
    token = args.token;
    pid = args.pid ? Number.parseInt(args.pid, 10) : null;
  } else {
    const started = await startOwnServer();
    ({ base, token, pid, own } = started);
    cookie = await signIn(base, started.email);
  }
  const api = async (method: string, url: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${url}`, {
      method,
      redirect: 'manual',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  };
  const page = async (url: string) => {
    const res = await fetch(`${base}${url}`, {
      redirect: 'manual',
      headers: cookie ? { Cookie: cookie } : { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(60_000),
    });
    await res.arrayBuffer();
    return { status: res.status };
  };

  // What there is to read and write.
  const projects: string[] = [];
  const baseYear = new Map<string, string>();
  const directorates = new Set<string>();
  for (let cursor: string | null = null; ;) {
    const res = await api('GET', `/api/v1/projects?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.status !== 200) throw new Error(`GET /api/v1/projects answered ${res.status}`);
    const body = res.json() as {
      projects: { code: string; directorateCode: string; baseYear: string }[];
      nextCursor: string | null;
    };
    for (const p of body.projects) {
      projects.push(p.code);
      baseYear.set(p.code, p.baseYear);
      directorates.add(p.directorateCode);
    }
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  const targets: { code: string; ref: string; year: string }[] = [];
  const thisFy = currentFy();
  for (const code of projects) {
    const res = await api('GET', `/api/v1/projects/${code}/benefits`);
    const body = res.json() as { benefits: { ref: string; type: string; profile: { year: string }[] }[] };
    for (const b of body.benefits) {
      // C6: a realisation's year may not be after the current financial year.
      const year = b.profile.map((e) => e.year).find((y) => Number.parseInt(y, 10) <= thisFy);
      if (b.type !== 'qualitative' && year) targets.push({ code, ref: b.ref, year });
    }
  }
  if (!projects.length || !targets.length) throw new Refusal('The target has no projects with money benefits to soak');
  console.log(
    `Target ${base}: ${projects.length} projects, ${directorates.size} directorates, ${targets.length} money benefits`,
  );

  // Each client owns two realisations, so its updates never race another client's.
  const owned: Owned[][] = [];
  for (let c = 0; c < CLIENTS; c++) {
    owned.push([]);
    for (let k = 0; k < 2; k++) {
      const t = targets[(c * 2 + k) % targets.length];
      const pence = randomPence();
      const res = await api(
        'POST',
        `/api/v1/projects/${t.code}/benefits/${t.ref}/realisations`,
        JSON.stringify({
          year: t.year,
          amount: amountText(pence),
          evidence: `soak client ${c}`,
          recordedBy: 'Soak test',
          recordedOn: new Date().toISOString().slice(0, 10),
        }),
      );
      if (res.status !== 201)
        throw new Error(`creating a realisation answered ${res.status}: ${res.text.slice(0, 300)}`);
      const r = res.json() as { id: number; version: number };
      owned[c].push({ id: r.id, pence, initial: pence, version: r.version });
    }
  }

  const totalsBefore = own ? databaseTotals(own.file) : null;
  const dirs = [...directorates];
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  const stats = new Map<Kind, Stats>();
  const errors: string[] = [];
  let errorCount = 0;
  /** Per client: its import project and the amounts of its last acknowledged import. */
  const ledgers = Array.from({ length: CLIENTS }, (_, c) => ({
    code: projects[c % projects.length],
    rows: null as { reference: string; pence: bigint }[] | null,
  }));
  let importCount = 0;
  const record = (kind: Kind, ms: number) => {
    const s = stats.get(kind) ?? { count: 0, ms: [] };
    s.count++;
    s.ms.push(ms);
    stats.set(kind, s);
  };
  const fail = (what: string) => {
    errorCount++;
    if (errors.length < 20) errors.push(what);
  };

  const readOps: [Kind, () => string, boolean][] = [
    ['dashboard', () => '/', false],
    ['directorate page', () => `/directorates/${pick(dirs)}`, false],
    ['project page', () => `/projects/${pick(projects)}`, false],
    ['project metrics', () => `/api/v1/projects/${pick(projects)}/metrics`, true],
    ['portfolio metrics', () => '/api/v1/portfolio/metrics', true],
  ];

  const started = Date.now();
  const endAt = started + DURATION_MS;
  const samples: [number, number][] = [];
  const sampler = setInterval(() => {
    if (pid === null) return;
    const rss = rssOf(pid);
    if (rss !== null) samples.push([Date.now() - started, rss]);
  }, 1000);

  const client = async (c: number) => {
    let importNo = 0;
    while (Date.now() < endAt) {
      await new Promise((r) => setTimeout(r, Math.random() * 2 * THINK_MS));
      const roll = Math.random();
      const t0 = Date.now();
      try {
        if (roll < 0.8) {
          const [kind, url, isApi] = pick(readOps);
          const u = url();
          const res = isApi ? await api('GET', u) : await page(u);
          if (res.status !== 200) fail(`GET ${u} answered ${res.status}`);
          else record(kind, Date.now() - t0);
        } else if (roll < 0.95) {
          const r = pick(owned[c]);
          const pence = randomPence();
          const res = await api(
            'PATCH',
            `/api/v1/realisations/${r.id}`,
            JSON.stringify({ amount: amountText(pence) }),
            {
              'If-Match': `"${r.version}"`,
            },
          );
          if (res.status !== 200) fail(`PATCH /realisations/${r.id} answered ${res.status}: ${res.text.slice(0, 200)}`);
          else {
            r.pence = pence;
            r.version = (res.json() as { version: number }).version;
            record('update', Date.now() - t0);
          }
        } else {
          const ledger = ledgers[c];
          const rows = Array.from({ length: IMPORT_LINES }, (_, k) => ({
            reference: `SOAK-${c}-${k}`,
            pence: randomPence(),
          }));
          importNo++;
          const csv = [
            'project_code,year,kind,category,amount,description,reference',
            ...rows.map(
              (r) =>
                `${ledger.code},${baseYear.get(ledger.code)},actual,services,${amountText(r.pence)},soak import,${r.reference}`,
            ),
          ].join('\n');
          const res = await api('POST', `/api/v1/imports/costs?fileName=soak-${c}-${importNo}.csv`, csv, {
            'Content-Type': 'text/csv',
          });
          if (res.status !== 201)
            fail(`POST /imports/costs (${ledger.code}) answered ${res.status}: ${res.text.slice(0, 200)}`);
          else {
            ledger.rows = rows;
            importCount++;
            record('import', Date.now() - t0);
          }
        }
      } catch (err) {
        fail(`request failed: ${(err as Error).message}`);
      }
    }
  };
  const progress = setInterval(() => {
    const done = [...stats.values()].reduce((s, x) => s + x.count, 0);
    const rss = pid === null ? null : rssOf(pid);
    console.log(
      `  ${Math.round((Date.now() - started) / 1000)} s: ${done} requests, ${errorCount} errors${rss ? `, RSS ${mb(rss)}` : ''}`,
    );
  }, 15_000);
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  clearInterval(sampler);
  clearInterval(progress);
  const elapsed = (Date.now() - started) / 1000;

  // Lost updates: each realisation holds its last acknowledged amount, each import is all there.
  let lost = 0;
  const lostDetail: string[] = [];
  for (const r of owned.flat()) {
    const res = await api('GET', `/api/v1/realisations/${r.id}`);
    const got = res.status === 200 ? toPence((res.json() as { amount: string }).amount) : null;
    if (got !== r.pence) {
      lost++;
      if (lostDetail.length < 10) lostDetail.push(`realisation ${r.id}: ${got} pence, acknowledged ${r.pence}`);
    }
  }
  const byProject = new Map<string, Map<string, bigint>>();
  for (const ledger of ledgers) {
    if (!ledger.rows) continue;
    if (!byProject.has(ledger.code)) {
      const res = await api('GET', `/api/v1/projects/${ledger.code}/costs`);
      const lines = (res.json() as { costs: { reference: string; amount: string }[] }).costs;
      byProject.set(ledger.code, new Map(lines.map((l) => [l.reference, toPence(l.amount)])));
    }
    const stored = byProject.get(ledger.code)!;
    for (const row of ledger.rows)
      if (stored.get(row.reference) !== row.pence) {
        lost++;
        if (lostDetail.length < 10)
          lostDetail.push(`cost line ${row.reference}: ${stored.get(row.reference)} pence, acknowledged ${row.pence}`);
      }
  }

  // With our own server: stop it, then the database-wide totals and integrity.
  let totalsLine = '';
  let shutdownOk = true;
  let integrity = 'not checked';
  if (own) {
    const exited = new Promise<number | null>((r) => own!.child.once('exit', (code) => r(code)));
    own.child.kill('SIGTERM');
    const code = await exited;
    shutdownOk = code === 0;
    const after = databaseTotals(own.file);
    const updates = owned.flat().reduce((s, r) => s + (r.pence - r.initial), 0n);
    const imported = ledgers.reduce((s, l) => s + (l.rows ?? []).reduce((t, r) => t + r.pence, 0n), 0n);
    const realisationsOk = after.realisations - totalsBefore!.realisations === updates;
    const costsOk = after.costLines - totalsBefore!.costLines === imported;
    if (!realisationsOk || !costsOk) lost++;
    totalsLine =
      `database totals: realisations moved ${amountText(after.realisations - totalsBefore!.realisations)} ` +
      `(acknowledged updates: ${amountText(updates)}) ${realisationsOk ? 'equal' : 'DIFFERENT'}; cost lines moved ` +
      `${amountText(after.costLines - totalsBefore!.costLines)} (the clients' last acknowledged imports: ${amountText(imported)}) ${costsOk ? 'equal' : 'DIFFERENT'}`;
    integrity = after.integrity;
  }

  // RSS trend over the second half. The garbage collector makes RSS a sawtooth, so the trend is
  // fitted to its floors (the lowest sample in each 15-second window, long enough to hold a
  // collection), which is where retained memory shows; the raw samples' trend is given beside it.
  const second = samples.filter(([t]) => t >= DURATION_MS / 2);
  let rssOk = true;
  let rssLine = 'RSS: not sampled (give --pid for a server started elsewhere)';
  if (second.length >= 30) {
    const first = samples.filter(([t]) => t < DURATION_MS / 2);
    const mean = (xs: [number, number][]) => xs.reduce((s, [, r]) => s + r, 0) / xs.length;
    const t0 = second[0][0];
    const span = second[second.length - 1][0] - t0;
    const windows = Math.max(2, Math.floor(span / 15_000));
    const floors: [number, number][] = [];
    for (let w = 0; w < windows; w++) {
      const inWindow = second.filter(
        ([t]) => t - t0 >= (w * span) / windows && (w === windows - 1 || t - t0 < ((w + 1) * span) / windows),
      );
      if (inWindow.length) floors.push(inWindow.reduce((lo, x) => (x[1] < lo[1] ? x : lo)));
    }
    const rise = slope(floors) * span;
    const rawRise = slope(second) * span;
    const allowed = Math.max(0.05 * mean(second), 10 * 1024 * 1024);
    rssOk = rise < allowed;
    const signed = (b: number) => `${b >= 0 ? '+' : ''}${mb(b)}`;
    rssLine =
      `RSS (${samples.length} samples, 1 a second): first half mean ${mb(mean(first))}, second half mean ${mb(mean(second))}, ` +
      `min ${mb(Math.min(...samples.map(([, r]) => r)))}, max ${mb(Math.max(...samples.map(([, r]) => r)))}\n` +
      `  second half: floors ${floors.map(([, r]) => mb(r).replace(' MB', '')).join(', ')} MB; trend of the floors ` +
      `${signed(rise)} across it (limit ${mb(allowed)}); trend of all samples ${signed(rawRise)}`;
  }

  const all = [...stats.values()].reduce((s, x) => s + x.count, 0);
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  };
  console.log(
    `\n${CLIENTS} clients for ${elapsed.toFixed(0)} s: ${all} requests answered (${(all / elapsed).toFixed(1)} a second), ${errorCount} errors`,
  );
  const kinds: Kind[] = [
    'dashboard',
    'directorate page',
    'project page',
    'project metrics',
    'portfolio metrics',
    'update',
    'import',
  ];
  for (const k of kinds) {
    const s = stats.get(k);
    if (!s) continue;
    console.log(
      `  ${k.padEnd(18)} ${String(s.count).padStart(6)}  median ${String(pct(s.ms, 50)).padStart(5)} ms  p95 ${String(pct(s.ms, 95)).padStart(5)} ms  max ${String(Math.max(...s.ms)).padStart(5)} ms`,
    );
  }
  console.log(
    `lost updates: ${lost} (${owned.flat().length} realisations with ${stats.get('update')?.count ?? 0} acknowledged updates, ` +
      `${importCount} acknowledged imports of ${IMPORT_LINES} lines)`,
  );
  if (totalsLine) console.log(totalsLine);
  console.log(rssLine);
  if (own) console.log(`shutdown on SIGTERM: ${shutdownOk ? 'exit code 0' : 'FAILED'}; integrity_check: ${integrity}`);
  for (const e of errors) console.log(`  error: ${e}`);
  for (const l of lostDetail) console.log(`  lost: ${l}`);
  const pass = errorCount === 0 && lost === 0 && rssOk && shutdownOk && (own === null || integrity === 'ok');
  console.log(pass ? 'PASS: 0 errors, 0 lost updates, no RSS growth over the second half' : 'FAIL');
  if (own && pass && !args.keep) fs.rmSync(own.dir, { recursive: true, force: true });
  process.exit(pass ? 0 : 1);
}

/** Exact totals of realised amounts and cost lines, and the integrity check, from the file itself. */
function databaseTotals(file: string): { realisations: bigint; costLines: bigint; integrity: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const sum = (table: string) => {
      let total = 0n;
      const values = db
        .prepare(`SELECT CAST(amount_pence AS TEXT) FROM ${table} WHERE amount_pence IS NOT NULL`)
        .pluck()
        .iterate() as IterableIterator<string>;
      for (const v of values) total += BigInt(v);
      return total;
    };
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    return { realisations: sum('realisations'), costLines: sum('cost_lines'), integrity };
  } finally {
    db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Refusal ? err.message : err);
  process.exit(err instanceof Refusal ? 2 : 1);
});
