/**
 * Start-up: config → database → migrations → app → listen. A port that cannot be opened ends the
 * process with a message and exit code 1 (so a supervisor sees the failure). SIGTERM drains
 * requests, then closes the database. On SQLite, the daily backup scheduler runs beside the app.
 */
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import { loadConfig, describeConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { analyse, createKnex, migrateLatest } from './knex';
import { ensureSummaries } from './domain/summaries';
import { createApp } from './app';
import { startBackupScheduler } from './backup';
import { getBackupSchedule, recordBackupOutcome } from './domain/settings';
import { systemActor } from './records';
import { startDigestScheduler } from './domain/reminders';
import { createMailer } from './io/mailer';

/** Why the port could not be opened, in words a newcomer can act on. */
export function listenFailureMessage(err: NodeJS.ErrnoException, config: Pick<Config, 'port' | 'host'>): string {
  if (err.code === 'EADDRINUSE')
    return `Port ${config.port} is already in use: stop the other process or set PORT (for example PORT=3001 npm start).`;
  if (err.code === 'EACCES')
    return `Port ${config.port} needs privileges this process does not have: choose a port above 1023 with PORT.`;
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return `HOST ${config.host} is not an address of this machine: leave HOST unset or set it to one.`;
  return `Realise could not listen on ${config.host}:${config.port}: ${err.message}`;
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

async function failToListen(err: NodeJS.ErrnoException, config: Config, logger: Logger, knex: Knex): Promise<never> {
  const message = listenFailureMessage(err, config);
  logger.fatal({ code: err.code, port: config.port, host: config.host }, message);
  // Printed as well as logged: the log level may be silent, and this is what the person starting it must see.
  console.error(message);
  await knex.destroy().catch(() => undefined);
  process.exit(1);
}

export async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  logger.debug({ config: describeConfig(config) }, 'configuration');
  const knex = createKnex(config.database);
  await migrateLatest(knex);
  // C8: a database from before the summaries gets them once, before the first request reads them.
  if (await ensureSummaries(knex)) logger.info('Rebuilt the summaries of every project from the ledger');
  await analyse(knex);
  const app = createApp({ config, knex, logger });
  const server = await listen(app, config).catch((err: NodeJS.ErrnoException) =>
    failToListen(err, config, logger, knex),
  );
  const where = config.database.client === 'pg' ? 'PostgreSQL' : config.database.filename;
  logger.info(`Realise is running at http://localhost:${config.port} (database: ${where})`);
  if (logger.level === 'silent' || !logger.isLevelEnabled('info'))
    console.log(`Realise is running at http://localhost:${config.port}`);

  // Scheduled backups are a SQLite feature: PostgreSQL is backed up with pg_dump (README, "Backups").
  const backups =
    config.database.client === 'sqlite'
      ? startBackupScheduler({
          databaseFile: config.database.filename,
          dataDir: config.dataDir,
          logger,
          schedule: () => getBackupSchedule({ db: knex }),
          record: (outcome) =>
            recordBackupOutcome({ db: knex, actor: systemActor('backup scheduler'), logger }, outcome),
        })
      : null;

  // Weekly digest e-mails (issue 17): only with SMTP_URL; an hourly check, once per user and week.
  const digests = config.smtpUrl
    ? startDigestScheduler({
        db: knex,
        logger,
        mailer: createMailer(config.smtpUrl, config.mailFrom),
        publicUrl: config.publicUrl,
      })
    : null;

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    backups?.stop();
    digests?.stop();
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
