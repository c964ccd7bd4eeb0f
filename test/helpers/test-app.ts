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
import { systemActor } from '../../server/records';

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
