/**
 * `npx tsx scripts/bench-dashboard.ts [renders]`: server-side render time and page weight of the
 * dashboards on the demo portfolio. Seeds the demo into a temporary SQLite file, signs in as the
 * scrutiny user, then times N renders (default 20) of the portfolio, a directorate and a project
 * page with Supertest, printing median and 95th percentile milliseconds and response sizes (raw and
 * gzipped). Chart.js itself is not counted: browsers cache it from /vendor.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { createKnex, migrateLatest } from '../server/knex';
import { seedDemoPortfolio } from '../db/seeds/demo-portfolio';
import { seedDemoUsers } from '../db/seeds/demo-users';

const PAGES = ['/', '/directorates/CS', '/projects/CS-001', '/reports/scrutiny'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const renders = Number.parseInt(process.argv[2] ?? '20', 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-bench-'));
  const config = loadConfig(
    { NODE_ENV: 'production', LOG_LEVEL: 'silent' },
    {
      dataDir: dir,
      sessionSecret: 'bench-secret-bench-secret-bench-secret-00',
      database: { client: 'sqlite', filename: path.join(dir, 'bench.sqlite') },
    },
  );
  const logger = createLogger(config);
  const knex = createKnex(config.database);
  try {
    await migrateLatest(knex);
    await seedDemoPortfolio(knex, logger);
    const login = (await seedDemoUsers(knex, logger)).find((l) => l.role === 'scrutiny')!;
    const agent = request.agent(createApp({ config, knex, logger }));
    const form = await agent.get('/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const signedIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: login.email, password: login.password, _csrf: csrf });
    if (signedIn.status !== 303) throw new Error(`sign-in failed: ${signedIn.status}`);
    console.log(`${renders} renders per page, demo portfolio, NODE_ENV=production (view cache on)\n`);
    console.log(
      'page'.padEnd(22),
      'median ms'.padStart(10),
      'p95 ms'.padStart(8),
      'raw KB'.padStart(8),
      'gzip KB'.padStart(8),
    );
    for (const url of PAGES) {
      await agent.get(url).expect(200); // warm up: JIT, view cache, SQLite page cache
      const times: number[] = [];
      let body = '';
      for (let i = 0; i < renders; i++) {
        const started = process.hrtime.bigint();
        const res = await agent.get(url).set('Accept-Encoding', 'identity');
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        body = res.text;
      }
      times.sort((a, b) => a - b);
      const raw = Buffer.byteLength(body);
      const gz = zlib.gzipSync(body).length;
      console.log(
        url.padEnd(22),
        percentile(times, 50).toFixed(1).padStart(10),
        percentile(times, 95).toFixed(1).padStart(8),
        (raw / 1024).toFixed(1).padStart(8),
        (gz / 1024).toFixed(1).padStart(8),
      );
    }
    const asset = (file: string) => {
      const bytes = fs.readFileSync(path.join(__dirname, '..', file));
      return `${file} ${(bytes.length / 1024).toFixed(1)} KB raw, ${(zlib.gzipSync(bytes).length / 1024).toFixed(1)} KB gzipped`;
    };
    console.log(
      `\nassets, fetched once and cached (Chart.js not counted): ${asset('public/css/app.css')}; ${asset('public/js/charts.js')}`,
    );
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
