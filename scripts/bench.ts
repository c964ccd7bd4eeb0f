/**
 * `npm run bench -- [--size council|national] [--duration 10] [--connections 10] [--timeout 30] [--keep]`
 *
 * 1. Builds (`npm run build`) and generates a deterministic portfolio straight into a temporary
 *    SQLite database (scripts/bench/generate.ts): council = 300 projects, ~60k ledger rows;
 *    national = 5,000 projects, ~1M rows. Prints how long that took.
 * 2. Starts the built app in production mode on it (`node dist/server/main.js`, LOG_LEVEL=warn),
 *    signs in through the real form for the pages and uses an API token for the API.
 * 3. Measures with autocannon, after a warm-up, each of: home, a directorate page, a project page,
 *    the project list (page 50 when the list pages), GET /api/v1/portfolio/metrics and
 *    POST /api/v1/appraise. An endpoint whose single warm-up request takes over a second is
 *    measured with one connection and a few requests (each with a long enough timeout), so a
 *    slow page is reported rather than timed out.
 * 4. Measures the ceiling: a bare Express app with the same compression middleware answering
 *    each of those with the same body from memory (scripts/bench/ceiling.ts, its own process).
 * 5. Cost lines POSTed through the API while project pages are read, then a check that a write is
 *    visible in the very next read; then 50 clients mixing reads and writes.
 * 6. Prints the table (requests/s, p50, p99, RSS of the server, ratio to the ceiling) and writes
 *    it all as JSON to bench-results/.
 *
 * Numbers depend on the machine and on what else runs on it: compare runs on the same machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fyLabel } from '../server/financial-year';
import { generatePortfolio, prng, SIZES, type Generated, type Size } from './bench/generate';
import {
  freePort,
  memoryOf,
  probe,
  run,
  runMix,
  signIn,
  sleep,
  startServer,
  stopProcess,
  type Endpoint,
  type KindResult,
  type MixResult,
  type RunResult,
} from './bench/load';
import { table, type Row } from './bench/report';
import type { CeilingRoute } from './bench/ceiling';

const ROOT = path.resolve(__dirname, '..');
/** A warm-up request slower than this puts the endpoint on one connection and a few requests. */
const SLOW_MS = 1_000;
/** Connections of the mixed run (issue 12: "50 clients mixing reads and writes"). */
const MIXED_CONNECTIONS = 50;
/** Projects the writes go to, in turn. */
const WRITE_PROJECTS = 20;

interface Options {
  size: Size;
  duration: number;
  connections: number;
  timeout: number;
  keep: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'council' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      timeout: { type: 'string', default: '30' },
      keep: { type: 'boolean', default: false },
    },
  });
  const whole = (name: string, raw: string) => {
    const n = Number.parseInt(raw, 10);
    if (!(n > 0) || String(n) !== raw) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  if (!(values.size! in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  return {
    size: values.size as Size,
    duration: whole('duration', values.duration!),
    connections: whole('connections', values.connections!),
    timeout: whole('timeout', values.timeout!),
    keep: values.keep!,
  };
}

interface Measured {
  endpoint: Endpoint;
  probe: { status: number; ms: number; bytes: number; contentType: string };
  mode: 'normal' | 'slow';
  result: MixResult;
  ceiling: RunResult | null;
  /** Where the answer body was kept for the ceiling. */
  bodyFile: string;
}

function loadLabel(r: RunResult, mode: 'normal' | 'slow' | 'mixed'): string {
  return mode === 'slow' ? `1 conn, ${r.ok + r.errors} req` : `${r.connections} conns, ${Math.round(r.seconds)} s`;
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Waits until the server answers /healthz again, i.e. has finished what a run left in flight. */
async function settle(base: string): Promise<void> {
  await sleep(300);
  await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(600_000) }).catch(() => undefined);
}

async function measure(base: string, e: Endpoint, o: Options, pid: number, dir: string): Promise<Measured> {
  // The warm-up request: JIT, view cache, SQLite page cache; and the body the ceiling answers with.
  const first = await probe(base, e, 600_000);
  if (first.status !== e.expect)
    throw new Error(`${e.method} ${e.path} answered ${first.status}: ${first.body.toString('utf8', 0, 300)}`);
  const bodyFile = path.join(dir, `body-${e.name.replace(/[^a-z0-9]+/gi, '-')}`);
  fs.writeFileSync(bodyFile, first.body);
  const slow = first.ms > SLOW_MS;
  log(
    `${e.name}: warm-up ${Math.round(first.ms)} ms, ${Math.round(first.body.length / 1024)} KB${slow ? ' (slow: 1 connection)' : ''}`,
  );
  let result: MixResult;
  const only = [{ endpoint: e, weight: 1 }];
  const pick = () => 0;
  if (slow) {
    const amount = Math.min(5, Math.max(2, Math.floor((o.duration * 1000) / first.ms)));
    result = await runMix(base, only, pick, {
      connections: 1,
      amount,
      timeout: Math.max(o.timeout, Math.ceil((3 * first.ms) / 1000)),
      watchPid: pid,
    });
  } else {
    await run(base, e, { connections: o.connections, duration: Math.min(3, o.duration), timeout: o.timeout });
    await settle(base);
    result = await runMix(base, only, pick, {
      connections: o.connections,
      duration: o.duration,
      timeout: o.timeout,
      watchPid: pid,
    });
  }
  await settle(base);
  return {
    endpoint: e,
    probe: { status: first.status, ms: first.ms, bytes: first.body.length, contentType: first.contentType },
    mode: slow ? 'slow' : 'normal',
    result,
    ceiling: null,
    bodyFile,
  };
}

async function measureCeilings(measured: Measured[], o: Options, dir: string): Promise<void> {
  const routes: CeilingRoute[] = measured.map((m, i) => ({
    method: m.endpoint.method,
    path: `/ceiling/${i}`,
    file: m.bodyFile,
    type: m.probe.contentType || 'text/html; charset=utf-8',
    status: m.probe.status,
  }));
  const spec = path.join(dir, 'ceiling.json');
  fs.writeFileSync(spec, JSON.stringify(routes));
  const port = await freePort();
  // The ceiling runs under the same loader as this script (tsx), as its own process.
  const ceiling = await startServer(
    process.execPath,
    [...process.execArgv, path.join(__dirname, 'bench', 'ceiling.ts'), spec],
    { ...process.env, NODE_ENV: 'production', PORT: String(port) },
    port,
    path.join(dir, 'ceiling.log'),
    '/ceiling/0',
  );
  try {
    for (const [i, m] of measured.entries()) {
      const e = { ...m.endpoint, path: `/ceiling/${i}` };
      await run(ceiling.base, e, { connections: o.connections, duration: Math.min(2, o.duration), timeout: o.timeout });
      m.ceiling = await run(ceiling.base, e, {
        connections: o.connections,
        duration: o.duration,
        timeout: o.timeout,
        watchPid: ceiling.pid,
      });
      log(`ceiling for ${m.endpoint.name}: ${Math.round(m.ceiling.rps)} req/s`);
    }
  } finally {
    await stopProcess(ceiling.child);
  }
}

/** POST a cost line, then read the project straight away: is the write in the very next read? */
async function writeVisible(base: string, write: Endpoint, api: Record<string, string>, code: string) {
  const metrics = `${base}/api/v1/projects/${code}/metrics`;
  const before = await (await fetch(metrics, { headers: api })).text();
  const posted = await fetch(`${base}${write.path}`, { method: 'POST', headers: write.headers, body: write.body });
  if (posted.status !== 201) return { visible: false, detail: `POST answered ${posted.status}` };
  const id = ((await posted.json()) as { id: number }).id;
  const costs = (await (await fetch(`${base}/api/v1/projects/${code}/costs`, { headers: api })).json()) as {
    costs: { id: number }[];
  };
  const after = await (await fetch(metrics, { headers: api })).text();
  const listed = costs.costs.some((c) => c.id === id);
  const changed = after !== before;
  return {
    visible: listed && changed,
    detail: `cost line ${id} ${listed ? 'is' : 'is NOT'} in the next cost list; the project's metrics ${changed ? 'changed' : 'did NOT change'}`,
  };
}

function kindRow(name: string, k: KindResult, seconds: number, connections: number, rssMb: number | null): Row {
  return {
    name,
    load: `${connections} conns, ${Math.round(seconds)} s`,
    ok: k.ok,
    rps: seconds > 0 ? k.ok / seconds : 0,
    p50: k.p50,
    p99: k.p99,
    p50AtLeast: k.p50AtLeast,
    p99AtLeast: k.p99AtLeast,
    errors: k.errors,
    open: k.unanswered,
    kb: null,
    rssMb,
    ceilingRps: null,
  };
}

async function main(): Promise<void> {
  const o = options();
  const startedAt = new Date();
  log(`npm run build`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `realise-bench-${o.size}-`));
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    log(`generating the ${o.size} portfolio into ${dir}`);
    const gen: Generated = await generatePortfolio(path.join(dir, 'realise.sqlite'), o.size);
    const rows = gen.ledgerRows + gen.counts.benefits + gen.counts.projects + gen.counts.directorates;
    log(
      `generated ${gen.counts.projects} projects, ${gen.ledgerRows.toLocaleString('en-GB')} ledger rows ` +
        `(${gen.counts.cost_lines} cost lines, ${gen.counts.benefit_profile} profile amounts, ` +
        `${gen.counts.realisations} realisations; ${rows.toLocaleString('en-GB')} rows with benefits, projects ` +
        `and directorates) in ${(gen.ms.total / 1000).toFixed(1)} s (migrate ${gen.ms.migrate} ms, insert ` +
        `${gen.ms.insert} ms, summaries ${gen.ms.summaries} ms, users ${gen.ms.users} ms)`,
    );
    if (o.size === 'national' && gen.ms.total > 120_000) log('WARNING: generating took longer than 2 minutes');

    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
    };
    for (const name of ['DATABASE_URL', 'DATABASE_URL_FILE', 'SESSION_SECRET', 'SESSION_SECRET_FILE', 'DATA_DIR_FILE'])
      delete env[name];
    const serverLog = path.join(dir, 'server.log');
    server = await startServer(process.execPath, [path.join(ROOT, 'dist/server/main.js')], env, port, serverLog);
    const { base, pid } = server;
    log(`app (pid ${pid}) listening on ${base}, RSS ${Math.round(memoryOf(pid)?.rssMb ?? 0)} MB`);

    const cookie = await signIn(base, gen.email, gen.password);
    const web = { cookie, 'accept-encoding': 'gzip' };
    const api = {
      authorization: `Bearer ${gen.token}`,
      'accept-encoding': 'gzip',
      'content-type': 'application/json',
    };
    const directorate = gen.directorateCodes[0];
    const project = gen.projectCodes[Math.floor(gen.projectCodes.length / 2)];
    const y = (offset: number) => fyLabel(gen.currentFy + offset);

    // The project list's page 50, when the list pages; otherwise the whole list.
    const paged = await probe(
      base,
      { name: 'list', method: 'GET', path: '/projects?page=50', headers: web, expect: 200 },
      600_000,
    );
    const listPages = paged.status === 200 && paged.body.includes('govuk-pagination');
    const list: Endpoint = listPages
      ? { name: 'project list, page 50', method: 'GET', path: '/projects?page=50', headers: web, expect: 200 }
      : {
          name: 'project list (/projects: no paging yet)',
          method: 'GET',
          path: '/projects',
          headers: web,
          expect: 200,
        };

    const appraiseBody = JSON.stringify({
      optimismBias: '0.2',
      costs: [
        { year: y(0), amount: '250000.00' },
        { year: y(1), amount: '150000.00' },
        ...[2, 3, 4, 5, 6, 7, 8, 9].map((t) => ({ year: y(t), amount: '20000.00' })),
      ],
      benefits: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((t) => ({
        year: y(t),
        amount: '90000.00',
        type: t % 2 ? 'cashable' : 'non_cashable',
        confidence: '0.8',
      })),
    });
    const reads: Endpoint[] = [
      { name: 'home (portfolio dashboard)', method: 'GET', path: '/', headers: web, expect: 200 },
      {
        name: `directorate page ${directorate}`,
        method: 'GET',
        path: `/directorates/${directorate}`,
        headers: web,
        expect: 200,
      },
      { name: `project page ${project}`, method: 'GET', path: `/projects/${project}`, headers: web, expect: 200 },
      list,
      {
        name: 'GET /api/v1/portfolio/metrics',
        method: 'GET',
        path: '/api/v1/portfolio/metrics',
        headers: api,
        expect: 200,
      },
      {
        name: 'POST /api/v1/appraise',
        method: 'POST',
        path: '/api/v1/appraise',
        headers: api,
        body: appraiseBody,
        expect: 200,
      },
    ];
    const writes: Endpoint[] = gen.projectCodes.slice(0, WRITE_PROJECTS).map((code, i) => ({
      name: 'write: POST a cost line (API)',
      method: 'POST',
      path: `/api/v1/projects/${code}/costs`,
      headers: api,
      body: JSON.stringify({
        year: y(0),
        kind: 'actual',
        category: 'licences',
        amount: '125.00',
        reference: `BENCH-${i + 1}`,
        description: 'npm run bench',
      }),
      expect: 201,
    }));

    // Reads, one endpoint at a time.
    const measured: Measured[] = [];
    for (const e of reads) measured.push(await measure(base, e, o, pid, dir));
    await measureCeilings(measured, o, dir);

    // Writes while project pages are read.
    const readDuringWrites = { ...reads[2], name: `  ${reads[2].name}, during the writes` };
    const writeMix = [
      { endpoint: readDuringWrites, weight: 1 },
      ...writes.map((w) => ({ endpoint: w, weight: 1 / writes.length })),
    ];
    log(`writes while reads run: ${o.connections} connections, half cost-line POSTs, half project pages`);
    await runMix(base, writeMix, prng(1), {
      connections: o.connections,
      duration: Math.min(3, o.duration),
      timeout: o.timeout,
    });
    await settle(base);
    const writesRun = await runMix(base, writeMix, prng(2), {
      connections: o.connections,
      duration: o.duration,
      timeout: o.timeout,
      watchPid: pid,
    });
    await settle(base);
    const visibility = await writeVisible(base, writes[0], api, gen.projectCodes[0]);
    log(`write visible in the very next read: ${visibility.visible ? 'yes' : 'NO'} (${visibility.detail})`);

    // 50 clients mixing reads and writes.
    const mix = [
      { endpoint: reads[0], weight: 5 },
      { endpoint: reads[1], weight: 10 },
      { endpoint: reads[2], weight: 30 },
      { endpoint: reads[3], weight: 5 },
      { endpoint: reads[4], weight: 5 },
      { endpoint: reads[5], weight: 15 },
      ...writes.map((w) => ({ endpoint: w, weight: 30 / writes.length })),
    ];
    log(`mixed: ${MIXED_CONNECTIONS} clients for ${o.duration} s, request timeout ${o.timeout} s`);
    const mixed = await runMix(base, mix, prng(3), {
      connections: MIXED_CONNECTIONS,
      duration: o.duration,
      timeout: o.timeout,
      watchPid: pid,
    });
    const memory = memoryOf(pid);
    await stopProcess(server.child, 15_000);
    server = null;

    // The report.
    const rowsOut: Row[] = measured.map((m) => ({
      name: m.endpoint.name,
      load: loadLabel(m.result.all, m.mode),
      ok: m.result.total.ok,
      rps: m.result.total.ok / m.result.all.seconds,
      p50: m.result.total.p50,
      p99: m.result.total.p99,
      p50AtLeast: m.result.total.p50AtLeast,
      p99AtLeast: m.result.total.p99AtLeast,
      errors: m.result.total.errors,
      open: m.result.total.unanswered,
      kb: m.probe.bytes / 1024,
      rssMb: m.result.all.rssMb,
      ceilingRps: m.ceiling?.rps ?? null,
    }));
    const w = writesRun.kinds;
    const writeName = writes[0].name;
    rowsOut.push(kindRow(writeName, w[writeName], writesRun.all.seconds, o.connections, writesRun.all.rssMb));
    rowsOut.push(
      kindRow(
        readDuringWrites.name,
        w[readDuringWrites.name],
        writesRun.all.seconds,
        o.connections,
        writesRun.all.rssMb,
      ),
    );
    rowsOut.push(
      kindRow('50 clients, reads and writes mixed', mixed.total, mixed.all.seconds, MIXED_CONNECTIONS, mixed.all.rssMb),
    );
    for (const [name, k] of Object.entries(mixed.kinds))
      rowsOut.push(kindRow(`  of which ${name}`, k, mixed.all.seconds, MIXED_CONNECTIONS, null));

    const { text, markdown } = table(rowsOut);
    const cpus = os.cpus();
    console.log(
      `\n${o.size}: ${gen.counts.projects} projects, ${gen.ledgerRows.toLocaleString('en-GB')} ledger rows, generated in ` +
        `${(gen.ms.total / 1000).toFixed(1)} s; ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, load average ` +
        `${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}; autocannon, pages gzip, ratio = req/s ÷ the ceiling's ` +
        `(bare Express + compression, same body from memory)\n`,
    );
    console.log(text);
    const waiting = (m: MixResult) =>
      `${m.unanswered.count} request(s) still unanswered when the run ended` +
      (m.unanswered.count
        ? ` (oldest waiting ${(m.unanswered.oldestMs / 1000).toFixed(1)} s: column "open"; in the percentiles as lower bounds, marked ≥)`
        : '');
    console.log(`\nwrites while reads run: ${waiting(writesRun)}\n50 clients mixed: ${waiting(mixed)}`);
    console.log(
      `write visible in the very next read: ${visibility.visible ? 'yes' : 'NO'} (${visibility.detail})` +
        `\nserver peak RSS (VmHWM): ${memory ? Math.round(memory.hwmMb) : '?'} MB; RSS at the end ${memory ? Math.round(memory.rssMb) : '?'} MB`,
    );

    const resultsDir = path.join(ROOT, 'bench-results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${o.size}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(
        {
          startedAt: startedAt.toISOString(),
          options: o,
          machine: {
            cpus: cpus.length,
            model: cpus[0]?.model,
            memoryMb: Math.round(os.totalmem() / 2 ** 20),
            loadavg: os.loadavg(),
            node: process.version,
          },
          generated: {
            size: o.size,
            counts: gen.counts,
            ledgerRows: gen.ledgerRows,
            ms: gen.ms,
            summaryProjects: gen.summaryProjects,
            currentFy: gen.currentFy,
          },
          endpoints: measured.map((m) => ({ ...m, bodyFile: undefined })),
          writes: writesRun,
          writeVisibleInNextRead: visibility,
          mixed: { connections: MIXED_CONNECTIONS, mix: mix.map((m) => [m.endpoint.name, m.weight]), ...mixed },
          serverMemoryMb: memory,
          table: rowsOut,
          markdown,
        },
        null,
        2,
      ),
    );
    console.log(`results: ${path.relative(ROOT, file)}`);
  } finally {
    if (server) await stopProcess(server.child, 15_000);
    if (o.keep) log(`kept ${dir} (the database is realise.sqlite; server.log beside it)`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ''}` : err);
  process.exit(1);
});
