/**
 * Load for the benchmark: processes (the app and the ceiling server), a real sign-in, RSS from
 * /proc, and autocannon runs with the numbers the report needs.
 */
import fs from 'node:fs';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

// ## Processes

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  pid: number;
  base: string;
}

/** Spawns a server writing its output to `logFile` and waits until `ready` answers 200. */
export async function startServer(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  logFile: string,
  ready = '/healthz',
  timeoutMs = 120_000,
): Promise<Started> {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${base}${ready}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not answer ${ready} within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  return { child, pid: child.pid!, base };
}

/** SIGTERM, then SIGKILL if the process has not gone after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ## Memory

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number.parseInt(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? '0', 10);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the largest seen. */
export function sampleRss(pid: number): () => number {
  let max = memoryOf(pid)?.rssMb ?? 0;
  const timer = setInterval(() => {
    max = Math.max(max, memoryOf(pid)?.rssMb ?? 0);
  }, 200);
  return () => {
    clearInterval(timer);
    return Math.max(max, memoryOf(pid)?.rssMb ?? 0);
  };
}

// ## Signing in

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]);
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('No CSRF token on the page');
  return m[1];
}

/** Signs in through the real form (CSRF token and all) and returns the session's Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const before = cookiesOf(form);
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: before.join('; ') },
    body: new URLSearchParams({ email, password, _csrf: csrfFrom(await form.text()) }).toString(),
  });
  if (res.status !== 303) throw new Error(`Sign-in answered ${res.status}, expected 303`);
  const after = cookiesOf(res);
  if (after.length === 0) throw new Error('Sign-in set no session cookie');
  return after.join('; ');
}

// ## Requests

export interface Endpoint {
  /** Row label in the report. */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Status a successful answer has. */
  expect: number;
}

export interface Probe {
  status: number;
  ms: number;
  /** The uncompressed answer. */
  body: Buffer;
  contentType: string;
}

/** One request, timed, with the body uncompressed (fetch decompresses). */
export async function probe(base: string, e: Endpoint, timeoutMs: number): Promise<Probe> {
  const started = performance.now();
  const res = await fetch(`${base}${e.path}`, {
    method: e.method,
    headers: { ...e.headers },
    body: e.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    ms: performance.now() - started,
    body,
    contentType: res.headers.get('content-type') ?? '',
  };
}

export interface RunResult {
  connections: number;
  /** Seconds the run took. */
  seconds: number;
  /** Answers with the expected status. */
  ok: number;
  /** Answers with another status, connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** ok / seconds. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Largest RSS of the watched process during the run, MB. */
  rssMb: number | null;
}

export interface RunOptions {
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration?: number;
  amount?: number;
  /** Seconds before a request counts as timed out. */
  timeout: number;
  /** Process whose RSS to sample during the run. */
  watchPid?: number;
}

function resultOf(r: autocannon.Result, connections: number, rssMb: number | null): RunResult {
  const ok = r['2xx'];
  return {
    connections,
    seconds: r.duration,
    ok,
    errors: r.non2xx + r.errors,
    timeouts: r.timeouts,
    rps: r.duration > 0 ? ok / r.duration : 0,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    rssMb,
  };
}

/** autocannon against one endpoint. */
export async function run(base: string, e: Endpoint, o: RunOptions): Promise<RunResult> {
  const stop = o.watchPid ? sampleRss(o.watchPid) : null;
  const r = await autocannon({
    url: `${base}${e.path}`,
    method: e.method,
    headers: { ...e.headers },
    body: e.body,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    timeout: o.timeout,
  });
  return resultOf(r, o.connections, stop ? stop() : null);
}

/**
 * Latencies and failures of one kind of request within a mixed run. Requests still unanswered
 * when the run ended count in the percentiles with the time they had waited; when a percentile
 * falls on one of those, it is only a lower bound (`p50AtLeast`, `p99AtLeast`).
 */
export interface KindResult {
  ok: number;
  errors: number;
  unanswered: number;
  p50: number;
  p99: number;
  p50AtLeast: boolean;
  p99AtLeast: boolean;
  max: number;
}

interface Sample {
  ms: number;
  /** Unanswered at the end: the request took at least `ms`. */
  open: boolean;
}

function kindResult(samples: Sample[], errors: number): KindResult {
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : null;
  const p50 = at(50);
  const p99 = at(99);
  return {
    ok: samples.filter((x) => !x.open).length,
    errors,
    unanswered: samples.filter((x) => x.open).length,
    p50: p50?.ms ?? Number.NaN,
    p99: p99?.ms ?? Number.NaN,
    p50AtLeast: p50?.open ?? false,
    p99AtLeast: p99?.open ?? false,
    max: sorted.length ? sorted[sorted.length - 1].ms : Number.NaN,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface MixResult {
  all: RunResult;
  kinds: Record<string, KindResult>;
  /** Every request of the run together, on the same terms as `kinds`. */
  total: KindResult;
  /** Requests still unanswered, within their timeout, when the run ended. */
  unanswered: { count: number; oldestMs: number };
}

interface MixContext {
  id?: number;
}

/**
 * autocannon with each request drawn from `mix` (weights) by `pick`, timed per kind. A request
 * answered with a status other than its endpoint's `expect` is an error of its kind, and so is
 * one left unanswered for longer than the timeout (autocannon drops it and reconnects).
 * Requests still in flight when the run ends, within their timeout, count as lower bounds.
 */
export async function runMix(
  base: string,
  mix: { endpoint: Endpoint; weight: number }[],
  pick: () => number,
  o: RunOptions,
): Promise<MixResult> {
  const weights = mix.reduce((s, m) => s + m.weight, 0);
  const latencies = new Map<string, Sample[]>(mix.map((m) => [m.endpoint.name, []]));
  const errors = new Map<string, number>(mix.map((m) => [m.endpoint.name, 0]));
  const byName = new Map(mix.map((m) => [m.endpoint.name, m.endpoint]));
  const pending = new Map<number, { kind: string; started: number }>();
  let nextId = 0;
  const choose = (): Endpoint => {
    let x = pick() * weights;
    for (const m of mix) if ((x -= m.weight) < 0) return m.endpoint;
    return mix[mix.length - 1].endpoint;
  };
  const stop = o.watchPid ? sampleRss(o.watchPid) : null;
  const r = await autocannon({
    url: base,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    timeout: o.timeout,
    requests: [
      {
        setupRequest: (req, context) => {
          const e = choose();
          const id = nextId++;
          (context as MixContext).id = id;
          pending.set(id, { kind: e.name, started: performance.now() });
          return { ...req, method: e.method, path: e.path, headers: { ...e.headers }, body: e.body };
        },
        onResponse: (status, _body, context) => {
          const id = (context as MixContext).id;
          const p = id === undefined ? undefined : pending.get(id);
          if (!p) return;
          pending.delete(id!);
          if (status === byName.get(p.kind)!.expect)
            latencies.get(p.kind)!.push({ ms: performance.now() - p.started, open: false });
          else errors.set(p.kind, errors.get(p.kind)! + 1);
        },
      },
    ],
  });
  const ended = performance.now();
  const unanswered: MixResult['unanswered'] = { count: 0, oldestMs: 0 };
  for (const p of pending.values()) {
    if (ended - p.started >= o.timeout * 1000) errors.set(p.kind, errors.get(p.kind)! + 1);
    else {
      unanswered.count += 1;
      unanswered.oldestMs = Math.max(unanswered.oldestMs, ended - p.started);
      latencies.get(p.kind)!.push({ ms: ended - p.started, open: true });
    }
  }
  const kinds: Record<string, KindResult> = {};
  for (const [name, samples] of latencies) kinds[name] = kindResult(samples, errors.get(name)!);
  const total = kindResult(
    [...latencies.values()].flat(),
    [...errors.values()].reduce((a, b) => a + b, 0),
  );
  return { all: resultOf(r, o.connections, stop ? stop() : null), kinds, total, unanswered };
}
