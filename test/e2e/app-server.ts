/**
 * The app as the browser tests see it: createApp on a temporary SQLite FILE seeded with the demo
 * portfolio and demo users, listening on a random loopback port; and Debian's Chromium, launched
 * through playwright-core. Nothing is built here: CI runs `npm run build` (the stylesheet) first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../server/app';
import { CHROMIUM_ARGS } from '../../server/io/pdf';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createKnex, migrateLatest } from '../../server/knex';
import { seedDemoPortfolio } from '../../db/seeds/demo-portfolio';
import { seedDemoUsers, type DemoLogin } from '../../db/seeds/demo-users';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { TEST_PASSWORD } from '../helpers/clients';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(__dirname, 'artifacts');
const ROOT = path.join(__dirname, '..', '..');

export interface RunningApp {
  base: string;
  logins: DemoLogin[];
  /** The app's database, for tests that ask the domain what a user may do. */
  knex: Knex;
  close(): Promise<void>;
}

/**
 * Writes the migrated demo portfolio and demo users to `file`. Seeding is some 650 audited writes
 * (10-25 s) and every browser test file starts from the same demo, so within one run
 * (global-setup.ts names a fresh directory in REALISE_E2E_DEMO_DIR) the first file seeds and the
 * rest copy its database; each file still gets its own copy to write to.
 */
async function demoDatabase(file: string, logger: ReturnType<typeof createLogger>): Promise<DemoLogin[]> {
  const runDir = process.env.REALISE_E2E_DEMO_DIR;
  const seeded = runDir && path.join(runDir, 'demo.sqlite');
  const loginsFile = runDir && path.join(runDir, 'demo-logins.json');
  if (seeded && loginsFile && fs.existsSync(loginsFile)) {
    fs.copyFileSync(seeded, file);
    return JSON.parse(fs.readFileSync(loginsFile, 'utf8')) as DemoLogin[];
  }
  const knex = createKnex({ client: 'sqlite', filename: file });
  let logins: DemoLogin[];
  try {
    await migrateLatest(knex);
    await seedDemoPortfolio(knex, logger);
    logins = await seedDemoUsers(knex, logger);
    // Everything into the main file, so copying that one file copies the whole database.
    await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await knex.destroy();
  }
  if (seeded && loginsFile) {
    fs.copyFileSync(file, seeded);
    fs.writeFileSync(loginsFile, JSON.stringify(logins));
  }
  return logins;
}

export async function startApp(): Promise<RunningApp> {
  if (!fs.existsSync(path.join(ROOT, 'public/css/app.css')))
    throw new Error('public/css/app.css is missing: run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-e2e-'));
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    {
      dataDir: dir,
      sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-e2e-00',
      database: { client: 'sqlite', filename: path.join(dir, 'e2e.sqlite') },
    },
  );
  const logger = createLogger(config);
  const logins = await demoDatabase(path.join(dir, 'e2e.sqlite'), logger);
  const knex: Knex = createKnex(config.database);
  const app = createApp({ config, knex, logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    logins,
    knex,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (CI does this)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function signIn(page: Page, app: RunningApp, role: DemoLogin['role']): Promise<void> {
  const login = app.logins.find((l) => l.role === role)!;
  await signInWith(page, app.base, login.email, login.password);
}

/** Signs in through the sign-in form as a user would, and waits to leave it. */
export async function signInWith(page: Page, base: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
    page.click('button[type=submit]'),
  ]);
}

export interface BrowserOnTestApp {
  /** The app built with the test builders (createTestApp), for seeding and asking the domain. */
  t: TestApp;
  base: string;
  browser: Browser;
  /** A new browser context (1280 × 900) signed in as this user with TEST_PASSWORD. */
  signedIn(email: string): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Registers the set-up and tear-down of a browser test on its own small portfolio rather than the
 * demo one (so counts are known exactly): a test app, `seed` run on it, the app listening on a
 * random loopback port, and Chromium. The object returned is filled in by beforeAll.
 */
export function browserOnTestApp(seed: (t: TestApp) => Promise<void>): BrowserOnTestApp {
  let server: Server | undefined;
  const run = {
    async signedIn(email: string) {
      // bypassCSP: axe is injected as an inline script, which the app's CSP rightly blocks.
      const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await signInWith(page, run.base, email);
      return { context, page };
    },
  } as BrowserOnTestApp;
  beforeAll(async () => {
    run.t = await createTestApp();
    await seed(run.t);
    server = await new Promise<Server>((resolve) => {
      const s = run.t.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    run.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    run.browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await run.browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await run.t?.close();
  });
  return run;
}

const AXE = require.resolve('axe-core/axe.min.js');
interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}
declare const window: { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } };

/** axe-core's serious and critical WCAG 2.2 AA (and best-practice) violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens a page and waits until public/js/charts.js has drawn every chart on it. */
export async function openCharts(page: Page, url: string): Promise<number> {
  const res = await page.goto(url);
  if (!res || res.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
  const ready = await page.waitForSelector('html[data-charts-ready]', { state: 'attached', timeout: 20000 });
  return Number(await ready.getAttribute('data-charts-ready'));
}

// Browser globals, typed just enough for page.evaluate callbacks (the project compiles without the DOM library).
interface BrowserCanvas {
  id: string;
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<unknown> };

export interface CanvasInk {
  id: string;
  width: number;
  height: number;
  inked: number;
}

/** Reads every chart canvas back and counts its non-transparent pixels (a blank canvas has none). */
export async function canvasInk(page: Page): Promise<CanvasInk[]> {
  return page.evaluate(() =>
    (Array.from(document.querySelectorAll('canvas[data-chart]')) as BrowserCanvas[]).map((c) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) inked += 1;
      return { id: c.id, width: c.width, height: c.height, inked };
    }),
  );
}
