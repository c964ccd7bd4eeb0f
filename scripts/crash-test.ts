/**
 * Crash test: no acknowledged write is lost, and no import is half-applied, when the server
 * process dies mid-stream.
 *
 *   npm run crash-test -- [--rounds 20] [--clients 6] [--import-rows 250] [--port N] [--keep]
 *
 * (--port: a free loopback port is picked when it is not given; --keep keeps the database.)
 *
 * The server is the built app itself (`node dist/server/main.js`, no wrapper process), so the
 * SIGKILL reaches the process that holds the database. Every round, on one SQLite database that
 * lives across all rounds:
 *   1. start the server and wait until /readyz answers;
 *   2. stream writes at it through the API: clients creating cost lines and updating the lines
 *      they created (each update with its If-Match version), and one client importing CSV batches;
 *   3. at a random moment, while an import request is in flight, SIGKILL the server, then check it
 *      is gone: its pid no longer exists and its port is free;
 *   4. open the database afresh and check: `PRAGMA integrity_check` and `foreign_key_check`;
 *      every acknowledged create is there with its exact pence and its audit record; every line
 *      holds its last acknowledged amount and version (or, when an update was in flight, exactly
 *      that update); every version bump has its audit record; every import batch is all there
 *      (its lines, its batch row, its per-row undo records and its audit record) or not there at
 *      all, and an acknowledged one is all there; the C8 summaries (project_year_summaries) equal a
 *      recomputation from the ledger.
 * A write whose answer never came may or may not have been committed; either is correct, and the
 * next round carries on from what the database holds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createKnex, migrateLatest } from '../server/knex';
import { createLogger } from '../server/logger';
import { type Ctx } from '../server/domain/types';
import { systemActor } from '../server/records';
import { createApiToken, createUser } from '../server/domain/users';
import { createDirectorate } from '../server/domain/directorates';
import { createProject } from '../server/domain/projects';
import { verifySummaries } from '../server/domain/summaries';
import { parseOrThrow } from '../server/validation/fields';
import { directorateSchema } from '../server/validation/directorates.schema';
import { projectSchema } from '../server/validation/projects.schema';

// Compiled into dist/scripts, or run from scripts/ with tsx: either way the project root is above.
const ROOT = path.resolve(__dirname, '..', path.basename(path.dirname(__dirname)) === 'dist' ? '..' : '');
const SERVER = path.join(ROOT, 'dist/server/main.js');

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '6' },
    'import-rows': { type: 'string', default: '250' },
    port: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number.parseInt(args.rounds!, 10);
const CLIENTS = Number.parseInt(args.clients!, 10);
const IMPORT_ROWS = Number.parseInt(args['import-rows']!, 10);
let PORT = 0;
let BASE = '';

/** A port nothing listens on now: the OS picks one, and we let it go again. */
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

// ---------------------------------------------------------------------------------------------
// What the clients were told

interface Line {
  id: number;
  reference: string;
  /** Last acknowledged amount and version. */
  pence: bigint;
  version: number;
  /** An update sent whose answer never came: it may or may not have been committed. */
  pending: bigint | null;
}

interface PendingCreate {
  reference: string;
  pence: bigint;
}

interface ImportBatch {
  name: string;
  rows: { reference: string; pence: bigint }[];
  acknowledged: boolean;
}

const lines = new Map<string, Line>();
const pendingCreates = new Map<string, PendingCreate>();
const imports: ImportBatch[] = [];

const totals = {
  creates: 0,
  updates: 0,
  imports: 0,
  importLines: 0,
  inFlightWrites: 0,
  inFlightFoundCommitted: 0,
  inFlightImports: 0,
  inFlightImportsCommitted: 0,
  killsDuringImport: 0,
  problems: 0,
};

function amountText(pence: bigint): string {
  return `${pence / 100n}.${String(pence % 100n).padStart(2, '0')}`;
}

function randomPence(): bigint {
  return BigInt(1 + Math.floor(Math.random() * 9_999_999)) * 100n + BigInt(Math.floor(Math.random() * 100));
}

// ---------------------------------------------------------------------------------------------
// Set-up, server and clients

async function prepare(dir: string): Promise<string> {
  const db = createKnex({ client: 'sqlite', filename: path.join(dir, 'realise.sqlite') });
  await migrateLatest(db);
  const ctx: Ctx = { db, actor: systemActor('crash test'), logger: createLogger({ logLevel: 'silent' }) };
  const user = await createUser(ctx, {
    email: 'admin@crash.test',
    name: 'Crash Admin',
    role: 'admin',
    password: 'Crash-Test-Passphrase-1',
  });
  const { token } = await createApiToken(ctx, user.id, 'crash test', null);
  await createDirectorate(ctx, parseOrThrow(directorateSchema('api'), { code: 'CS', name: 'Children' }));
  await createProject(
    ctx,
    parseOrThrow(projectSchema('api'), { code: 'CS-001', name: 'Crash', directorateCode: 'CS', startYear: '2024/25' }),
  );
  await db.destroy();
  return token;
}

function start(dir: string, log: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      DATABASE_URL: '',
      SESSION_SECRET: 'crash-test-session-secret-0123456789abcdef',
    },
    stdio: ['ignore', log, log],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`the server exited with ${child.exitCode} at start-up`));
      try {
        const res = await fetch(`${BASE}/readyz`);
        if (res.status === 200) return resolve(child);
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) return reject(new Error('the server did not become ready in 30 s'));
      setTimeout(poll, 50);
    };
    void poll();
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** SIGKILL the server itself, wait for it to die, and prove it is gone. */
async function kill(child: ChildProcess): Promise<void> {
  const pid = child.pid!;
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  child.kill('SIGKILL');
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`the server ended with ${signal ?? 'an exit code'}, not SIGKILL`);
  for (let i = 0; alive(pid); i++) {
    if (i > 100) throw new Error(`pid ${pid} is still alive after SIGKILL`);
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let i = 0; !(await portFree(PORT)); i++) {
    if (i > 100) throw new Error(`port ${PORT} is still in use after the server died`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Answer {
  status: number;
  body: { id: number; version: number } | null;
}

async function call(
  token: string,
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Answer['body'] };
}

// ---------------------------------------------------------------------------------------------
// One round

interface RoundResult {
  creates: number;
  updates: number;
  imports: number;
  inFlightWrites: number;
  inFlightImport: boolean;
  problems: string[];
}

async function round(n: number, dir: string, token: string, log: number): Promise<RoundResult> {
  const child = await start(dir, log);
  const result: RoundResult = {
    creates: 0,
    updates: 0,
    imports: 0,
    inFlightWrites: 0,
    inFlightImport: false,
    problems: [],
  };
  let stop = false;
  /** The import request in flight (its batch number), if any, and how long the last one took. */
  let importInFlight: number | null = null;
  let lastImportMs = 300;

  const writer = async (c: number) => {
    for (let i = 0; !stop; i++) {
      const mine = [...lines.values()].filter((l) => l.reference.startsWith(`C${c}-`) && l.pending === null);
      if (mine.length > 0 && Math.random() < 0.5) {
        const line = mine[Math.floor(Math.random() * mine.length)];
        const pence = randomPence();
        line.pending = pence;
        let res;
        try {
          res = await call(token, 'PATCH', `/api/v1/costs/${line.id}`, JSON.stringify({ amount: amountText(pence) }), {
            'If-Match': `"${line.version}"`,
          });
        } catch {
          result.inFlightWrites++;
          return; // the server has gone: this update may or may not have been committed
        }
        if (res.status !== 200) {
          result.problems.push(`PATCH /costs/${line.id} answered ${res.status}: ${JSON.stringify(res.body)}`);
          line.pending = null;
          continue;
        }
        line.pence = pence;
        line.version = res.body!.version;
        line.pending = null;
        result.updates++;
      } else {
        const reference = `C${c}-${n}-${i}`;
        const pence = randomPence();
        pendingCreates.set(reference, { reference, pence });
        let res;
        try {
          res = await call(
            token,
            'POST',
            '/api/v1/projects/CS-001/costs',
            JSON.stringify({
              year: '2024/25',
              kind: 'actual',
              category: 'services',
              amount: amountText(pence),
              reference,
            }),
          );
        } catch {
          result.inFlightWrites++;
          return;
        }
        pendingCreates.delete(reference);
        if (res.status !== 201) {
          result.problems.push(`POST /costs answered ${res.status}: ${JSON.stringify(res.body)}`);
          continue;
        }
        lines.set(reference, { id: res.body!.id, reference, pence, version: res.body!.version, pending: null });
        result.creates++;
      }
    }
  };

  const importer = async () => {
    for (let i = 0; !stop; i++) {
      const name = `crash-I${n}-${i}.csv`;
      const rows = Array.from({ length: IMPORT_ROWS }, (_, k) => ({
        reference: `I${n}-${i}-${k}`,
        pence: randomPence(),
      }));
      const batch: ImportBatch = { name, rows, acknowledged: false };
      imports.push(batch);
      const csv = [
        'project_code,year,kind,category,amount,description,reference',
        ...rows.map((r) => `CS-001,2024/25,planned,licences,${amountText(r.pence)},crash import,${r.reference}`),
      ].join('\n');
      const startedAt = Date.now();
      importInFlight = i;
      let res;
      try {
        res = await call(token, 'POST', `/api/v1/imports/costs?fileName=${name}`, csv, { 'Content-Type': 'text/csv' });
      } catch {
        result.inFlightImport = true;
        return;
      } finally {
        lastImportMs = Date.now() - startedAt;
        importInFlight = null;
      }
      if (res.status !== 201) {
        result.problems.push(`POST /imports/costs answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
        continue;
      }
      batch.acknowledged = true;
      result.imports++;
      // A pause between batches, so the single SQLite writer also serves the other clients.
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 400));
    }
  };

  const clients = [...Array.from({ length: CLIENTS }, (_, c) => writer(c)), importer()];
  // Let the stream run a while, then strike at a random point of an import request: pick a delay
  // within the last import's duration, and if that import has finished by then, try the next one.
  await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2500));
  let duringImport = false;
  for (let attempt = 0; attempt < 20 && !duringImport; attempt++) {
    const waitFrom = Date.now();
    while (importInFlight === null && Date.now() - waitFrom < 5000) await new Promise((r) => setTimeout(r, 2));
    const target = importInFlight;
    await new Promise((r) => setTimeout(r, Math.random() * lastImportMs));
    duringImport = target !== null && importInFlight === target;
  }
  await kill(child);
  stop = true;
  await Promise.all(clients);
  // Counted by what the importer saw (its request failed), not by our aim: its answer can just win the race.
  if (result.inFlightImport) totals.killsDuringImport++;
  result.problems.push(...check(dir, n), ...(await checkSummaries(dir)));
  return result;
}

// ---------------------------------------------------------------------------------------------
// The checks, on the database as the dead server left it

function check(dir: string, n: number): string[] {
  const problems: string[] = [];
  const db = new Database(path.join(dir, 'realise.sqlite'), { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.join('; ')}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.push(`${fk.length} foreign key violations`);

    const stored = new Map(
      (
        db
          .prepare(
            "SELECT id, reference, CAST(amount_pence AS TEXT) AS pence, version FROM cost_lines WHERE reference LIKE 'C%'",
          )
          .all() as { id: number; reference: string; pence: string; version: number }[]
      ).map((r) => [r.reference, r]),
    );
    const audits = db.prepare(
      "SELECT action, COUNT(*) AS n FROM audit_log WHERE entity_type = 'cost_line' AND entity_id = ? GROUP BY action",
    );
    const auditCounts = (id: number) =>
      Object.fromEntries((audits.all(String(id)) as { action: string; n: number }[]).map((r) => [r.action, r.n]));

    // Creates whose answer never came: committed or not, both are fine; adopt what is there.
    for (const p of pendingCreates.values()) {
      totals.inFlightWrites++;
      const row = stored.get(p.reference);
      if (!row) continue;
      totals.inFlightFoundCommitted++;
      if (row.pence !== p.pence.toString()) problems.push(`${p.reference}: ${row.pence} pence stored, ${p.pence} sent`);
      lines.set(p.reference, {
        id: row.id,
        reference: p.reference,
        pence: p.pence,
        version: row.version,
        pending: null,
      });
    }
    pendingCreates.clear();

    for (const line of lines.values()) {
      const row = stored.get(line.reference);
      if (!row) {
        problems.push(`LOST: ${line.reference} (id ${line.id}) was acknowledged but is not in the database`);
        continue;
      }
      if (line.pending !== null) {
        totals.inFlightWrites++;
        const committed = row.pence === line.pending.toString() && row.version === line.version + 1;
        const notCommitted = row.pence === line.pence.toString() && row.version === line.version;
        if (committed) totals.inFlightFoundCommitted++;
        if (!committed && !notCommitted)
          problems.push(
            `${line.reference}: ${row.pence} pence v${row.version}; expected ${line.pence} v${line.version} or ${line.pending} v${line.version + 1}`,
          );
        line.pence = BigInt(row.pence);
        line.version = row.version;
        line.pending = null;
      } else if (row.pence !== line.pence.toString() || row.version !== line.version) {
        problems.push(
          `WRONG: ${line.reference} holds ${row.pence} pence v${row.version}, acknowledged ${line.pence} v${line.version}`,
        );
      }
      const a = auditCounts(row.id);
      if ((a.created ?? 0) !== 1 || (a.updated ?? 0) !== row.version - 1)
        problems.push(
          `${line.reference}: ${a.created ?? 0} created and ${a.updated ?? 0} updated audit records at v${row.version}`,
        );
    }

    // Imports: all or nothing, and all when acknowledged.
    const batchByName = db.prepare('SELECT id FROM import_batches WHERE file_name = ?');
    const lineRows = db.prepare(
      "SELECT reference, CAST(amount_pence AS TEXT) AS pence FROM cost_lines WHERE reference LIKE ? ESCAPE '\\'",
    );
    const undoRows = db.prepare('SELECT COUNT(*) FROM import_batch_rows WHERE batch_id = ?').pluck();
    const batchAudit = db
      .prepare("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'import_batch' AND entity_id = ?")
      .pluck();
    for (const batch of imports.filter((b) => b.name.startsWith(`crash-I${n}-`))) {
      const prefix = batch.rows[0].reference.replace(/-0$/, '-').replace(/_/g, '\\_');
      const found = new Map(
        (lineRows.all(`${prefix}%`) as { reference: string; pence: string }[]).map((r) => [r.reference, r.pence]),
      );
      const b = batchByName.get(batch.name) as { id: number } | undefined;
      const undo = b ? (undoRows.get(b.id) as number) : 0;
      const audited = b ? (batchAudit.get(String(b.id)) as number) : 0;
      const all =
        found.size === batch.rows.length &&
        batch.rows.every((r) => found.get(r.reference) === r.pence.toString()) &&
        b !== undefined &&
        undo === batch.rows.length &&
        audited === 1;
      const none = found.size === 0 && b === undefined;
      if (!all && !none)
        problems.push(
          `HALF-APPLIED: ${batch.name}: ${found.size}/${batch.rows.length} lines, batch row ${b ? 'present' : 'absent'}, ${undo} undo rows, ${audited} audit records`,
        );
      if (batch.acknowledged && !all) problems.push(`LOST: ${batch.name} was acknowledged but is not all there`);
      if (!batch.acknowledged) {
        totals.inFlightImports++;
        if (all) totals.inFlightImportsCommitted++;
        if (all) batch.acknowledged = true;
      }
      if (batch.acknowledged) totals.importLines += batch.rows.length;
    }
  } finally {
    db.close();
  }
  return problems;
}

/** The C8 summaries (project_year_summaries) equal a recomputation from the ledger. */
async function checkSummaries(dir: string): Promise<string[]> {
  const db = createKnex({ client: 'sqlite', filename: path.join(dir, 'realise.sqlite') });
  try {
    const differences = await verifySummaries(db);
    return differences
      .slice(0, 5)
      .map(
        (d) =>
          `SUMMARY: project ${d.projectId} ${d.fy} ${d.field}: stored ${d.stored}, ledger ${d.ledger}` +
          (differences.length > 5 ? ` (${differences.length} differences in all)` : ''),
      );
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------

(async () => {
  if (!fs.existsSync(SERVER)) {
    console.error(`${SERVER} is missing: run npm run build first (npm run crash-test does).`);
    process.exit(2);
  }
  PORT = args.port ? Number.parseInt(args.port, 10) : await freePort();
  BASE = `http://127.0.0.1:${PORT}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-crash-'));
  const log = fs.openSync(path.join(dir, 'server.log'), 'a');
  const token = await prepare(dir);
  const started = Date.now();
  console.log(
    `Crash test: ${ROUNDS} rounds of SIGKILL on node dist/server/main.js, ${CLIENTS} writing clients and 1 importing ` +
      `(${IMPORT_ROWS} lines a batch), one database across all rounds (${dir})`,
  );
  for (let n = 1; n <= ROUNDS; n++) {
    const t0 = Date.now();
    let r: RoundResult;
    try {
      r = await round(n, dir, token, log);
    } catch (err) {
      console.error(`round ${n}: ${(err as Error).message} (server log: ${path.join(dir, 'server.log')})`);
      process.exit(1);
    }
    totals.creates += r.creates;
    totals.updates += r.updates;
    totals.imports += r.imports;
    totals.problems += r.problems.length;
    console.log(
      `round ${String(n).padStart(2)}: killed after ${((Date.now() - t0) / 1000).toFixed(1)} s, pid gone and port free; ` +
        `acknowledged ${r.creates} creates, ${r.updates} updates, ${r.imports} imports; ` +
        `in flight: ${r.inFlightWrites} writes${r.inFlightImport ? ' and an import' : ''}; ` +
        `${r.problems.length ? `${r.problems.length} PROBLEMS` : 'integrity ok, nothing lost, no import half-applied, summaries = ledger'}`,
    );
    for (const p of r.problems.slice(0, 20)) console.log(`    ${p}`);
  }
  const db = new Database(path.join(dir, 'realise.sqlite'), { readonly: true });
  const stored = db.prepare('SELECT COUNT(*) FROM cost_lines').pluck().get() as number;
  db.close();
  const acknowledgedWrites = totals.creates + totals.updates + totals.imports;
  console.log(
    `\n${ROUNDS} rounds in ${Math.round((Date.now() - started) / 1000)} s: ${acknowledgedWrites} acknowledged writes ` +
      `(${totals.creates} creates, ${totals.updates} updates, ${totals.imports} imports of ${IMPORT_ROWS} lines), ` +
      `${stored} cost lines in the database.\n` +
      `Killed with an import request unanswered in ${totals.killsDuringImport} of ${ROUNDS} rounds; unacknowledged at the kill: ` +
      `${totals.inFlightWrites} writes (${totals.inFlightFoundCommitted} had committed) and ${totals.inFlightImports} imports ` +
      `(${totals.inFlightImportsCommitted} had committed, all of it; the rest left nothing).`,
  );
  console.log(
    totals.problems === 0
      ? 'PASS: every acknowledged write survived SIGKILL with its exact pence and audit record; no import half-applied; integrity ok and the C8 summaries equal a recomputation from the ledger after every round.'
      : `FAIL: ${totals.problems} problems`,
  );
  if (!args.keep && totals.problems === 0) fs.rmSync(dir, { recursive: true, force: true });
  process.exit(totals.problems === 0 ? 0 : 1);
})();
