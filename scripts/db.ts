/**
 * Database chores:
 *   npm run db:migrate                  apply pending migrations to the configured database
 *   npm run db:rollback                 roll back the last batch of migrations
 *   npm run db:copy -- --from ./data/realise.sqlite --to postgres://user:pass@host/realise
 *                                       copy a SQLite database into an empty PostgreSQL one and verify it
 *   npm run db:summaries -- verify      compare every stored summary (C8) with a recomputation from the ledger
 *   npm run db:summaries -- rebuild     recompute them all in one transaction
 */
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { loadConfig } from '../server/config';
import { createKnex, migrateLatest } from '../server/knex';
import { migrationSource } from '../db/migrations';
import { copyDatabase } from '../server/db-copy';
import { rebuildSummaries, verifySummaries } from '../server/domain/summaries';

async function migrateOrRollback(command: 'migrate' | 'rollback'): Promise<void> {
  const config = loadConfig();
  const db = createKnex(config.database);
  try {
    if (command === 'migrate') {
      await migrateLatest(db);
      console.log(`Migrated to ${await db.migrate.currentVersion({ migrationSource })}`);
    } else {
      const [batch, names] = await db.migrate.rollback({ migrationSource });
      console.log(names.length ? `Rolled back batch ${batch}: ${names.join(', ')}` : 'Nothing to roll back');
    }
  } finally {
    await db.destroy();
  }
}

async function copy(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !fs.existsSync(values.from)) throw new Error('--from must name an existing SQLite database file');
  if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) throw new Error('--to must be a postgres:// URL');
  const source = createKnex({ client: 'sqlite', filename: values.from });
  const target = createKnex({ client: 'pg', url: values.to });
  try {
    const checks = await copyDatabase(source, target);
    for (const c of checks) {
      const money = c.pence.map((p) => ` ${p.column} ${p.source} = ${p.target} pence`).join(';');
      console.log(
        `${c.ok ? 'ok  ' : 'FAIL'} ${c.table.padEnd(18)} ${c.sourceRows} → ${c.targetRows} rows${money ? ';' + money : ''}`,
      );
    }
    if (checks.some((c) => !c.ok)) throw new Error('The copy does not match the source');
    console.log('Copied and verified: every row, every penny.');
  } finally {
    await source.destroy();
    await target.destroy();
  }
}

async function summaries(action: string | undefined): Promise<void> {
  if (action !== 'verify' && action !== 'rebuild') throw new Error('Usage: npm run db:summaries -- verify | rebuild');
  const db = createKnex(loadConfig().database);
  try {
    await migrateLatest(db);
    if (action === 'rebuild') {
      console.log(`Rebuilt the summaries of ${await rebuildSummaries(db)} projects from the ledger.`);
      return;
    }
    const differences = await verifySummaries(db);
    for (const d of differences.slice(0, 50)) {
      console.log(
        `DIFF project ${d.projectId} ${d.fy} ${d.field}: stored ${d.stored ?? '(none)'}, ledger ${d.ledger ?? '(none)'}`,
      );
    }
    if (differences.length) throw new Error(`${differences.length} summary values differ from the ledger: run rebuild`);
    console.log('Every summary equals a recomputation from the ledger.');
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'migrate' || command === 'rollback') return migrateOrRollback(command);
  if (command === 'copy') return copy(rest);
  if (command === 'summaries') return summaries(rest[0]);
  throw new Error(
    'Usage: node dist/scripts/db.js migrate | rollback | copy --from FILE --to URL | summaries verify|rebuild',
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
