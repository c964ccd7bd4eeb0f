/**
 * Import speed: generates a 100,000-line cost CSV, times preview and commit on a fresh SQLite file
 * database, and, for scale, a bare better-sqlite3 prepared-statement insert of the same rows in one
 * transaction. Target: preview + commit under 10 seconds.
 *
 *   npx tsx scripts/bench-import.ts [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createKnex, migrateLatest } from '../server/knex';
import { createLogger } from '../server/logger';
import { type Ctx } from '../server/domain/types';
import { systemActor } from '../server/records';
import { createDirectorate } from '../server/domain/directorates';
import { createProject } from '../server/domain/projects';
import { commitImport, previewImport } from '../server/domain/imports';
import { directorateSchema } from '../server/validation/directorates.schema';
import { projectSchema } from '../server/validation/projects.schema';
import { parseOrThrow } from '../server/validation/fields';

const ROWS = Number.parseInt(process.argv[2] ?? '100000', 10);
const PROJECTS = 50;
const KINDS = ['planned', 'actual'];
const CATEGORIES = ['capital', 'revenue_one_off', 'revenue_recurring', 'staff', 'licences', 'hardware', 'services'];

interface Line {
  project: number;
  fy: number;
  kind: string;
  category: string;
  pence: number;
  description: string;
  reference: string;
}

function lines(n: number): Line[] {
  return Array.from({ length: n }, (_, i) => ({
    project: i % PROJECTS,
    fy: 2024 + (i % 5),
    kind: KINDS[i % 2],
    category: CATEGORIES[i % 7],
    pence: 100000 + ((i * 7919) % 99999999),
    description: `Invoice ${i}, ledger "line"`,
    reference: `INV-${String(i).padStart(6, '0')}`,
  }));
}

function pounds(pence: number): string {
  const s = String(pence).padStart(3, '0');
  return `£${s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${s.slice(-2)}`;
}

function toCsv(rows: Line[]): Buffer {
  const out = ['project_code,year,kind,category,amount,description,reference'];
  for (const r of rows) {
    out.push(
      `P-${String(r.project).padStart(3, '0')},${r.fy}-${String((r.fy + 1) % 100).padStart(2, '0')},${r.kind},${r.category},"${pounds(r.pence)}","${r.description.replace(/"/g, '""')}",${r.reference}`,
    );
  }
  return Buffer.from(`${out.join('\r\n')}\r\n`);
}

async function freshDb(dir: string, name: string) {
  const db = createKnex({ client: 'sqlite', filename: path.join(dir, name) });
  await migrateLatest(db);
  const ctx: Ctx = { db, actor: systemActor('bench'), logger: createLogger({ logLevel: 'silent' }) };
  await createDirectorate(ctx, parseOrThrow(directorateSchema('api'), { code: 'BEN', name: 'Bench' }));
  for (let p = 0; p < PROJECTS; p++) {
    await createProject(
      ctx,
      parseOrThrow(projectSchema('api'), {
        code: `P-${String(p).padStart(3, '0')}`,
        name: `Project ${p}`,
        directorateCode: 'BEN',
        startYear: '2024/25',
      }),
    );
  }
  return ctx;
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-GB')} rows/s`;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-bench-import-'));
  try {
    const data = lines(ROWS);
    const file = { fileName: 'bench.csv', content: toCsv(data) };
    console.log(
      `${ROWS.toLocaleString('en-GB')} cost lines, ${(file.content.length / 1e6).toFixed(1)} MB CSV, ${PROJECTS} projects`,
    );

    const ctx = await freshDb(dir, 'import.sqlite');
    let t = performance.now();
    const preview = await previewImport(ctx, 'costs', file);
    const previewMs = performance.now() - t;
    if (preview.problems.length)
      throw new Error(`unexpected problems: ${JSON.stringify(preview.problems.slice(0, 3))}`);
    t = performance.now();
    const batch = await commitImport(ctx, 'costs', file);
    const commitMs = performance.now() - t;
    t = performance.now();
    const again = await previewImport(ctx, 'costs', file);
    const againMs = performance.now() - t;
    await ctx.db.destroy();
    console.log(
      `preview            ${previewMs.toFixed(0).padStart(6)} ms  ${rate(ROWS, previewMs)} (${preview.rows.add} to add)`,
    );
    console.log(
      `commit             ${commitMs.toFixed(0).padStart(6)} ms  ${rate(ROWS, commitMs)} (batch ${batch.id}: ${batch.added} added)`,
    );
    console.log(
      `preview + commit   ${(previewMs + commitMs).toFixed(0).padStart(6)} ms  ${rate(ROWS, previewMs + commitMs)}  target < 10000 ms: ${previewMs + commitMs < 10000 ? 'met' : 'MISSED'}`,
    );
    console.log(`re-preview         ${againMs.toFixed(0).padStart(6)} ms  (${again.rows.unchanged} unchanged)`);

    const bare = await freshDb(dir, 'bare.sqlite');
    await bare.db.destroy();
    const sqlite = new Database(path.join(dir, 'bare.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    const ids = (sqlite.prepare('SELECT id FROM projects ORDER BY code').all() as { id: number }[]).map((r) => r.id);
    const insert = sqlite.prepare(
      'INSERT INTO cost_lines (project_id, fy_start, kind, category, amount_pence, is_credit, description, reference, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)',
    );
    t = performance.now();
    const now = new Date().toISOString();
    sqlite.transaction((rows: Line[]) => {
      for (const r of rows)
        insert.run(ids[r.project], r.fy, r.kind, r.category, r.pence, r.description, r.reference, now, now);
    })(data);
    const bareMs = performance.now() - t;
    sqlite.close();
    console.log(
      `bare better-sqlite3 ${bareMs.toFixed(0).padStart(5)} ms  ${rate(ROWS, bareMs)} (prepared INSERT, one transaction, no parsing or checks)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
