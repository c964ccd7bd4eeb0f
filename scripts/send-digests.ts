/**
 * Sends this week's digest e-mails now (issue 17), as the hourly check in the server would: only
 * when SMTP_URL is set, only to active users with something due who have not had this week's.
 *
 *   npm run digest
 */
import { loadConfig } from '../server/config';
import { createKnex, migrateLatest } from '../server/knex';
import { createLogger } from '../server/logger';
import { createMailer } from '../server/io/mailer';
import { sendWeeklyDigests } from '../server/domain/reminders';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (!config.smtpUrl) {
    console.log('SMTP_URL is not set: no digest e-mail is sent.');
    return;
  }
  const knex = createKnex(config.database);
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  try {
    await migrateLatest(knex);
    const run = await sendWeeklyDigests(knex, logger, mailer, config.publicUrl);
    console.log(
      `Week ${run.period}: sent ${run.sent.length}, nothing due for ${run.skipped}, failed ${run.failed.length}` +
        (run.failed.length ? ` (${run.failed.join(', ')}: tried again at the next check)` : ''),
    );
    if (run.failed.length) process.exitCode = 1;
  } finally {
    mailer.close();
    await knex.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
