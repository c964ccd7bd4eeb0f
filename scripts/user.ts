/**
 * Headless user administration, for the first admin on a server and for automation:
 *
 *   npm run user -- add --email a@council.gov.uk --name "A Person" --role admin [--password-stdin] [--token]
 *   npm run user -- list
 *   npm run user -- disable --email a@council.gov.uk
 *   npm run user -- enable --email a@council.gov.uk
 *   npm run user -- reset-password --email a@council.gov.uk [--password-stdin]
 *   npm run user -- token --email a@council.gov.uk [--name "Ledger import"] [--days 90]
 *
 * Without --password-stdin a strong random password is generated and printed once. Tokens are
 * printed once; only their hash is stored.
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { loadConfig } from '../server/config';
import { createKnex, migrateLatest } from '../server/knex';
import { createLogger } from '../server/logger';
import { type Ctx } from '../server/domain/types';
import { systemActor } from '../server/records';
import { createApiToken, createUser, listUsers, setPassword, updateUser } from '../server/domain/users';
import * as usersRepo from '../server/repositories/users';
import { ROLES, type Role } from '../server/records';
import { ValidationError } from '../server/errors';

const USAGE = `Usage: npm run user -- <add|list|disable|enable|reset-password|token> [options]
  add             --email E --name N --role ${ROLES.join('|')} [--password-stdin] [--token]
  list
  disable|enable  --email E
  reset-password  --email E [--password-stdin]
  token           --email E [--name N] [--days D]`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function generatedPassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

async function findUser(db: Knex, email: string | undefined) {
  if (!email) throw new Error('--email is required');
  const found = await usersRepo.findByEmailWithHash(db, email);
  if (!found) throw new Error(`No user with email ${email}`);
  return found.user;
}

async function run(ctx: Ctx, command: string, o: Record<string, string | boolean | undefined>): Promise<void> {
  const password = async () => (o['password-stdin'] ? readStdin() : generatedPassword());
  switch (command) {
    case 'add': {
      const role = o.role as Role;
      if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const pw = await password();
      const user = await createUser(ctx, {
        email: String(o.email ?? ''),
        name: String(o.name ?? ''),
        role,
        password: pw,
      });
      console.log(`Created ${user.role} ${user.email} (id ${user.id})`);
      if (!o['password-stdin']) console.log(`Password (shown once): ${pw}`);
      if (o.token)
        console.log(`API token (shown once): ${(await createApiToken(ctx, user.id, 'command line', null)).token}`);
      return;
    }
    case 'list':
      for (const u of await listUsers(ctx))
        console.log([u.id, u.email, u.name, u.role, u.isDisabled ? 'disabled' : 'active'].join('\t'));
      return;
    case 'disable':
    case 'enable': {
      const u = await findUser(ctx.db, o.email as string);
      await updateUser(ctx, u.id, u.version, {
        name: u.name,
        role: u.role,
        isDisabled: command === 'disable',
        directorateIds: u.directorateIds,
      });
      console.log(`${command === 'disable' ? 'Disabled (and signed out)' : 'Enabled'}: ${u.email}`);
      return;
    }
    case 'reset-password': {
      const u = await findUser(ctx.db, o.email as string);
      const pw = await password();
      await setPassword(ctx, u.id, pw);
      console.log(`Password reset for ${u.email}; their sessions were ended.`);
      if (!o['password-stdin']) console.log(`Password (shown once): ${pw}`);
      return;
    }
    case 'token': {
      const u = await findUser(ctx.db, o.email as string);
      const days = o.days === undefined ? null : Number.parseInt(String(o.days), 10);
      if (days !== null && !(days > 0)) throw new Error('--days must be a positive whole number');
      const { token } = await createApiToken(ctx, u.id, String(o.name ?? 'command line'), days);
      console.log(`API token for ${u.email} (shown once): ${token}`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      days: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      token: { type: 'boolean' },
    },
  });
  const config = loadConfig();
  const db = createKnex(config.database);
  try {
    await migrateLatest(db);
    const ctx: Ctx = { db, actor: systemActor('command line'), logger: createLogger({ logLevel: 'silent' }) };
    await run(ctx, positionals[0] ?? '', values);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  if (err instanceof ValidationError)
    console.error(
      Object.entries(err.fields)
        .map(([f, m]) => `${f}: ${m}`)
        .join('\n'),
    );
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
