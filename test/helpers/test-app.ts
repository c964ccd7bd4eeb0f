/**
 * A fresh app on a fresh database for each test file: an in-memory SQLite database by default,
 * or a new schema-clean PostgreSQL database when TEST_DATABASE_URL is set.
 */
import type { Knex } from 'knex';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { createTestDb, destroyTestDb } from './test-db';
import { createLogger } from '../../server/logger';
import { type Ctx } from '../../server/domain/types';
import { systemActor, type Role } from '../../server/records';
import { apiClient, webClient, type ApiClient, type WebClient } from './clients';

export interface TestApp {
  app: Express;
  db: Knex;
  config: Config;
  ctx: Ctx;
  close(): Promise<void>;
}

export { createTestDb, countRows } from './test-db';

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await createTestDb();
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    {
      sessionSecret: 'test-secret-test-secret-test-secret-000',
      database: { client: 'sqlite', filename: ':memory:' },
      ...overrides,
    },
  );
  const logger = createLogger(config);
  const app = createApp({ config, knex: db, logger });
  const ctx: Ctx = { db, actor: systemActor('test builder'), logger };
  return { app, db, config, ctx, close: () => destroyTestDb(db) };
}

export interface AppSetUp<W extends Role | undefined, A extends Role | undefined> {
  /** A web client signed in with this role, made before `seed` runs. */
  web?: W;
  /** An API client with a token for this role, made before `seed` runs. */
  api?: A;
  /** Data to build on the new app (through the builders), once the clients exist. */
  seed?: (t: TestApp, clients: { web: WebClient; api: ApiClient }) => Promise<unknown>;
  /** 'each' (the default): a fresh app for every test; 'file': one app for the whole file. */
  per?: 'each' | 'file';
  overrides?: Partial<Config>;
}

export type AppHandles<W, A> = { t: TestApp } & (W extends Role ? { web: WebClient } : unknown) &
  (A extends Role ? { api: ApiClient } : unknown);

/**
 * Registers the set-up and tear-down of a test file: a fresh app (createTestApp), the signed-in
 * clients asked for, then the seed data; and closes the app afterwards. The objects returned stay
 * the same for the whole file, their fields refreshed with each new app, so a file can keep them
 * in constants:
 * `const { t, web } = appForTests({ web: 'admin', seed: (app) => aProjectWithDirectorate(app.ctx) })`.
 */
export function appForTests<W extends Role | undefined = undefined, A extends Role | undefined = undefined>(
  setUp: AppSetUp<W, A>,
): AppHandles<W, A> {
  const t = {} as TestApp;
  const web = {} as WebClient;
  const api = {} as ApiClient;
  const [before, after] = setUp.per === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    Object.assign(t, await createTestApp(setUp.overrides));
    if (setUp.web) Object.assign(web, await webClient(t.app, t.db, setUp.web));
    if (setUp.api) Object.assign(api, await apiClient(t.app, t.db, setUp.api));
    await setUp.seed?.(t, { web, api });
  });
  after(async () => {
    await t.close();
  });
  return { t, web, api } as AppHandles<W, A>;
}
