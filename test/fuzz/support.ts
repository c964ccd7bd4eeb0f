/**
 * What the fuzz properties share: a small portfolio to aim at, a fingerprint of every table that
 * holds data (to prove a refused request wrote nothing), requests bounded at 5 seconds, the value
 * generators, and a tally printed at the end of each file.
 *
 * FUZZ_RUNS (default 25) is the number of cases per property; FUZZ_SEED replays a run;
 * FUZZ_SHRINK=0 reports a failure as found.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import type { Knex } from 'knex';
import type request from 'supertest';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import type { TestApp } from '../helpers/test-app';

export const RUNS = Math.max(1, Number.parseInt(process.env.FUZZ_RUNS ?? '25', 10) || 25);
const SEED = process.env.FUZZ_SEED ? Number.parseInt(process.env.FUZZ_SEED, 10) : undefined;
export const HANG_MS = 5000;

/**
 * fast-check's options for every property: the run count and the seed. A failure is shrunk to a
 * small case for at most two minutes (each step of a hang costs 5 s), or not at all with FUZZ_SHRINK=0.
 */
export function params(runs = RUNS): fc.Parameters<unknown> {
  return {
    numRuns: runs,
    seed: SEED,
    endOnFailure: process.env.FUZZ_SHRINK === '0',
    interruptAfterTimeLimit: 2 * 60_000 + runs * HANG_MS,
    markInterruptAsFailure: false,
  };
}

export interface Fixture {
  costId: number;
  realisationId: number;
  qualitativeRealisationId: number;
}

/** Two directorates, a project with a cost line, a money and a qualitative benefit and a realisation of each. */
export async function fixture(t: TestApp): Promise<Fixture> {
  await aDirectorate(t.ctx);
  await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
  await aProject(t.ctx);
  await aProject(t.ctx, { code: 'RES-001', directorateCode: 'RES' });
  const cost = await aCostLine(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'CS-001', { ref: 'Q1', type: 'qualitative', profile: [] });
  const r = await aRealisation(t.ctx, 'CS-001', 'B1');
  const q = await aRealisation(t.ctx, 'CS-001', 'Q1', { amount: null, value: 'Good' });
  return { costId: cost.id, realisationId: r.id, qualitativeRealisationId: q.id };
}

/** Tables a request may touch without changing any data: the session store and token last-use times. */
const BOOKKEEPING = new Set(['sessions', 'api_tokens', 'knex_migrations', 'knex_migrations_lock']);

async function dataTables(db: Knex): Promise<string[]> {
  const pg = db.client.config.client === 'pg';
  const rows: { name: string }[] = pg
    ? (await db.raw(`select tablename as name from pg_tables where schemaname = current_schema()`)).rows
    : await db.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`);
  return rows.map((r) => r.name).filter((n) => !BOOKKEEPING.has(n));
}

/** A digest of every row of every data table (rows sorted, so storage order does not matter). */
export async function fingerprint(db: Knex, except: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await dataTables(db)) {
    if (except.includes(table)) continue;
    const rows = (await db(table).select('*')).map((r) => JSON.stringify(r)).sort();
    out[table] = `${rows.length}:${crypto.createHash('sha1').update(rows.join('\n')).digest('hex').slice(0, 12)}`;
  }
  return out;
}

/** What one file's properties saw: cases, answers by status, and the slowest answer. */
export class Tally {
  cases = 0;
  private statuses = new Map<number, number>();
  slowestMs = 0;
  private started = Date.now();
  constructor(private readonly name: string) {}

  record(status: number, ms: number): void {
    this.cases++;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.slowestMs = Math.max(this.slowestMs, ms);
  }

  print(): void {
    const by = [...this.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    process.stdout.write(
      `\nfuzz ${this.name}: ${this.cases} cases in ${seconds} s (FUZZ_RUNS=${RUNS}${SEED === undefined ? '' : `, FUZZ_SEED=${SEED}`}); ` +
        `answers ${by}; slowest ${this.slowestMs} ms; no partial write, and no 5xx or hang\n`,
    );
  }
}

/** Sends a request, failing if no answer comes within HANG_MS; returns it with its time. */
export async function timed(req: request.Test): Promise<{ res: request.Response; ms: number }> {
  const start = Date.now();
  const res = await req.timeout({ deadline: HANG_MS });
  return { res, ms: Date.now() - start };
}

/**
 * The invariants of every case: an answer within 5 s, never a 5xx, and when the request was refused
 * (anything but `ok`) every data table exactly as before.
 */
export async function checkCase(
  tally: Tally,
  db: Knex,
  send: () => request.Test,
  opts: {
    ok: (status: number) => boolean;
    label: string;
    except?: string[];
  },
): Promise<request.Response | null> {
  const before = await fingerprint(db, opts.except);
  let answer;
  try {
    answer = await timed(send());
  } catch (err) {
    throw new Error(`${opts.label}: no answer within ${HANG_MS} ms (${(err as Error).message})`, { cause: err });
  }
  const { res, ms } = answer;
  tally.record(res.status, ms);
  if (res.status >= 500) throw new Error(`${opts.label}: answered ${res.status}: ${res.text.slice(0, 300)}`);
  if (!opts.ok(res.status)) {
    const after = await fingerprint(db, opts.except);
    expect({ label: opts.label, status: res.status, tables: after }).toEqual({
      label: opts.label,
      status: res.status,
      tables: before,
    });
  }
  return res;
}

// ## Values

const LONG = fc.nat({ max: 40_000 }).map((n) => 'x'.repeat(n));
const SPECIAL = fc.constantFrom(
  '',
  ' ',
  '0',
  '-0',
  '1e3',
  'NaN',
  'Infinity',
  '-1',
  '999999999999.99',
  '1000000000000.00',
  '-999999999999.99',
  '9'.repeat(400),
  '0.001',
  '£1,234.50',
  '2024/25',
  '2024-25',
  'FY2024/25',
  '1899/00',
  '2199/00',
  '2025-02-30',
  '0000-00-00',
  'true',
  'null',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "'; drop table projects; --",
  '=SUM(A1)',
  '\u0000',
  '\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  'e\u0301',
  '👩🏽‍💻',
  'CS-001',
  'B1',
  'cashable',
  'qualitative',
  'planned',
  'capital',
);

/** Strings that stress parsers: any code point (lone surrogates included), long, numeric-looking. */
export const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: SPECIAL, weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.stringMatching(/^-?\d{1,16}(\.\d{0,4})?$/), weight: 3 },
  { arbitrary: fc.stringMatching(/^(19|20|21|99)\d\d[/-]\d\d$/), weight: 2 },
  { arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), weight: 1 },
  { arbitrary: LONG, weight: 1 },
);

/** A value of any JSON type, nested a little, with the strings above inside. */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: text, weight: 5 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.constantFrom(0, -0, 1, 2, 3, 1e308, -1e308, 2 ** 53, 2 ** 63, 1.005, 0.1), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.array(text, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(text, text, { maxKeys: 3 }), weight: 1 },
);

/** A JSON text nested `depth` deep: arrays, objects, or a mix. */
export function deeplyNested(depth: number, kind: 'array' | 'object' | 'mixed'): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    const array = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    open.push(array ? '[' : '{"a":');
    close.push(array ? ']' : '}');
  }
  return `${open.join('')}1${close.reverse().join('')}`;
}
