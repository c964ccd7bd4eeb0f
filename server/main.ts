/** Start-up: config → database → migrations → app → listen. SIGTERM drains requests, then closes the database. */
import { loadConfig, describeConfig } from './config';
import { createLogger } from './logger';
import { createKnex, migrateLatest } from './knex';
import { createApp } from './app';

export async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  logger.debug({ config: describeConfig(config) }, 'configuration');
  const knex = createKnex(config.database);
  await migrateLatest(knex);
  const app = createApp({ config, knex, logger });
  const server = app.listen(config.port, config.host, () => {
    const where = config.database.client === 'pg' ? 'PostgreSQL' : config.database.filename;
    logger.info(`Realise is running at http://localhost:${config.port} (database: ${where})`);
    if (logger.level === 'silent' || !logger.isLevelEnabled('info'))
      console.log(`Realise is running at http://localhost:${config.port}`);
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close(() => {
      knex.destroy().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  start().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
