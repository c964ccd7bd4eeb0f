/**
 * `npm run demo`: a fresh database with the demo portfolio, then the app, started exactly as
 * `npm start` does (server/main.ts).
 *
 * - DATA_DIR defaults to ./data-demo here (not ./data), so the demo never overwrites the database
 *   of a real installation. Set DATA_DIR to put the demo elsewhere.
 * - Each run deletes the demo SQLite database in DATA_DIR (realise.sqlite, -wal, -shm) and builds
 *   it again. It only deletes a database that an earlier demo run created (marked by a
 *   `.realise-demo` file beside it); any other database there is left alone unless you pass --force.
 * - With DATABASE_URL set, seeding would clear that PostgreSQL database's portfolio tables, so the
 *   demo refuses unless you pass --force (`npm run demo -- --force`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../server/config';
import { createLogger } from '../server/logger';
import { createKnex, migrateLatest } from '../server/knex';
import { start } from '../server/main';
import { seedDemoPortfolio } from '../db/seeds/demo-portfolio';
import { seedDemoUsers, type DemoLogin } from '../db/seeds/demo-users';

const DEMO_DATA_DIR = './data-demo';
const DEMO_MARKER = '.realise-demo';

class Refusal extends Error {}

/** Removes the previous demo database so every run starts from the same state. */
function resetSqlite(config: Config, filename: string, force: boolean): void {
  const marker = path.join(config.dataDir, DEMO_MARKER);
  if (fs.existsSync(filename) && !fs.existsSync(marker) && !force) {
    throw new Refusal(
      `${filename} already exists and was not created by the demo, so it has been left alone.\n` +
        `Point DATA_DIR at another directory, or run with --force to delete it and seed the demo there.`,
    );
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${filename}${suffix}`, { force: true });
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(marker, 'This directory holds the Realise demo database; `npm run demo` deletes and rebuilds it.\n');
}

async function main(): Promise<void> {
  const force = process.argv.slice(2).includes('--force');
  // start() reads the environment itself, so the default goes into process.env, not just our config.
  if (!process.env.DATA_DIR?.trim() && !process.env.DATA_DIR_FILE) process.env.DATA_DIR = DEMO_DATA_DIR;
  const config = loadConfig();

  if (config.database.client === 'pg') {
    if (!force) {
      throw new Refusal(
        'DATABASE_URL is set: the demo would delete every directorate, project, cost, benefit and realisation in that PostgreSQL database.\n' +
          'Unset DATABASE_URL to use a throwaway SQLite database, or run `npm run demo -- --force` to seed PostgreSQL anyway.',
      );
    }
  } else {
    resetSqlite(config, config.database.filename, force);
  }

  const logger = createLogger(config);
  const knex = createKnex(config.database);
  let logins: DemoLogin[];
  try {
    await migrateLatest(knex);
    const counts = await seedDemoPortfolio(knex, logger);
    const where = config.database.client === 'pg' ? 'PostgreSQL (DATABASE_URL)' : config.database.filename;
    console.log(
      `Demo portfolio seeded into ${where}:\n` +
        `  ${counts.directorates} directorates, ${counts.projects} projects, ${counts.costLines} cost lines, ` +
        `${counts.benefits} benefits, ${counts.realisations} realisations`,
    );
    logins = await seedDemoUsers(knex, logger);
  } finally {
    await knex.destroy();
  }

  console.log('\nDemo sign-ins (new passwords on every run):');
  for (const l of logins) console.log(`  ${l.role.padEnd(16)} ${l.email.padEnd(32)} ${l.password}`);
  console.log(`\nStarting Realise at http://localhost:${config.port}`);
  await start();
}

main().catch((err) => {
  console.error(err instanceof Refusal ? err.message : err);
  process.exit(1);
});
