/**
 * `npx tsx scripts/bench-report-pdf.ts [demo|council|national] [runs]`: how long the board paper's
 * PDF takes (issue 15), end to end as a reader's "Download PDF" asks for it: the figures, the HTML,
 * headless Chromium printing it at A4. Builds the portfolio in a temporary SQLite file (the demo
 * seed, or the benchmark generator's 300- or 5,000-project portfolio), serves the app on loopback,
 * and times `runs` requests (default 3) of /reports/scrutiny.pdf after one to warm up, with the
 * HTML page beside it. Needs Chromium at /usr/bin/chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { createKnex, migrateLatest } from '../server/knex';
import { systemActor } from '../server/records';
import { createApiToken, createUser } from '../server/domain/users';
import { seedDemoPortfolio } from '../db/seeds/demo-portfolio';
import { generatePortfolio, type Size } from './bench/generate';

type Portfolio = 'demo' | Size;

async function prepare(portfolio: Portfolio, filename: string): Promise<string> {
  if (portfolio !== 'demo') return (await generatePortfolio(filename, portfolio)).token;
  const logger = createLogger({ logLevel: 'silent' });
  const knex = createKnex({ client: 'sqlite', filename });
  try {
    await migrateLatest(knex);
    await seedDemoPortfolio(knex, logger);
    const ctx = { db: knex, actor: systemActor('bench'), logger };
    const user = await createUser(ctx, {
      email: 'bench-admin@bench.example',
      name: 'Bench Admin',
      role: 'admin',
      password: 'bench-password-not-used-1',
    });
    return (await createApiToken(ctx, user.id, 'bench', null)).token;
  } finally {
    await knex.destroy();
  }
}

async function timed(url: string, token: string): Promise<{ ms: number; bytes: number; pages: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.toString('utf8').slice(0, 200)}`);
  const pages = (body.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return { ms, bytes: body.length, pages };
}

async function main(): Promise<void> {
  const portfolio = (process.argv[2] ?? 'demo') as Portfolio;
  if (!['demo', 'council', 'national'].includes(portfolio)) throw new Error('Portfolio: demo, council or national');
  const runs = Number.parseInt(process.argv[3] ?? '3', 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-pdf-bench-'));
  const filename = path.join(dir, 'bench.sqlite');
  let server: Server | undefined;
  const config = loadConfig(
    { NODE_ENV: 'production', LOG_LEVEL: 'silent' },
    {
      dataDir: dir,
      sessionSecret: 'bench-secret-bench-secret-bench-secret-00',
      database: { client: 'sqlite', filename },
    },
  );
  const knex = createKnex(config.database);
  try {
    const token = await prepare(portfolio, filename);
    const app = createApp({ config, knex, logger: createLogger(config) });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    console.log(`${portfolio} portfolio: ${runs} runs after one warm-up, NODE_ENV=production`);
    for (const page of ['/reports/scrutiny', '/reports/scrutiny.pdf']) {
      const warm = await timed(base + page, token);
      const times: number[] = [];
      let last = warm;
      for (let i = 0; i < runs; i++) times.push((last = await timed(base + page, token)).ms);
      times.sort((a, b) => a - b);
      console.log(
        `${page.padEnd(22)} first ${warm.ms.toFixed(0).padStart(6)} ms, then median ${times[Math.floor(times.length / 2)].toFixed(0).padStart(6)} ms (${times.map((t) => t.toFixed(0)).join(', ')}); ${(last.bytes / 1024).toFixed(0)} KB${last.pages ? `, ${last.pages} pages` : ''}`,
      );
    }
  } finally {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
