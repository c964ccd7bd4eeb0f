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
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../server/app';
import { CHROMIUM_ARGS } from '../../server/io/pdf';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createKnex, migrateLatest } from '../../server/knex';
import { seedDemoPortfolio } from '../../db/seeds/demo-portfolio';
import { seedDemoUsers, type DemoLogin } from '../../db/seeds/demo-users';

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
  const knex: Knex = createKnex(config.database);
  await migrateLatest(knex);
  await seedDemoPortfolio(knex, logger);
  const logins = await seedDemoUsers(knex, logger);
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
  await page.goto(`${app.base}/sign-in`);
  await page.fill('#f-email', login.email);
  await page.fill('#f-password', login.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
    page.click('button[type=submit]'),
  ]);
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
