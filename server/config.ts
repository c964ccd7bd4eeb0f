/**
 * Environment → one frozen, typed Config. Every variable has a safe default, so a fresh clone
 * runs on an embedded SQLite file with no set-up. Empty strings count as unset; `<VAR>_FILE`
 * reads a secret from a file (container secrets).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (leave it unset for SQLite)')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  TRUST_PROXY: z.string().optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  // Weekly digest e-mails (issue 17): off unless set. smtp://user:pass@host:587 or smtps://…:465.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s/]+/, 'SMTP_URL must look like smtp://user:password@host:587 (or smtps://…)')
    .optional(),
  MAIL_FROM: z.string().default('Realise <realise@localhost>'),
  // The address people use to reach Realise, for links in e-mails (default http://localhost:PORT).
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\//, 'PUBLIC_URL must start with http:// or https://')
    .optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { client: 'sqlite'; filename: string } | { client: 'pg'; url: string };
  sessionSecret: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Express `trust proxy` value: false, a hop count, or a list of addresses. */
  trustProxy: boolean | number | string;
  /** Headless browser for server-side PDF reports; when it is missing, pages offer print-to-PDF. */
  chromiumPath: string;
  /** Weekly digest e-mails go out through this SMTP server; null sends none (issue 17). */
  smtpUrl: string | null;
  mailFrom: string;
  /** Links in e-mails start with this. */
  publicUrl: string;
}

function readEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const fileVar = env[`${key}_FILE`];
    const raw = fileVar ? fs.readFileSync(fileVar, 'utf8').trim() : env[key];
    out[key] = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  }
  return out;
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number.parseInt(raw, 10);
  return raw;
}

/** SESSION_SECRET unset: generate one into DATA_DIR on first start, so restarts keep sessions. */
function ensureSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse(readEnv(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { client: 'pg', url: e.DATABASE_URL }
      : { client: 'sqlite', filename: path.join(dataDir, 'realise.sqlite') },
    sessionSecret: e.SESSION_SECRET ?? (overrides.sessionSecret || ensureSessionSecret(dataDir)),
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    chromiumPath: e.CHROMIUM_PATH,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    ...overrides,
  };
  return Object.freeze(config);
}

/** The effective config with secrets masked, for debug logging. */
export function describeConfig(config: Config): Record<string, unknown> {
  const database =
    config.database.client === 'pg'
      ? { client: 'pg', url: config.database.url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, '//$1:***@') }
      : config.database;
  const smtpUrl = config.smtpUrl?.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, '//$1:***@') ?? null;
  return { ...config, database, sessionSecret: '***', smtpUrl };
}
