/**
 * Passwords are hashed with scrypt (memory-hard, in Node's crypto, no native add-on to build).
 * The parameters are stored with each hash, so the cost can be raised without breaking old hashes.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { COMMON_PASSWORDS } from './common-passwords';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// N = 2^15 with r = 8 needs 32 MiB per hash. Tests use a tiny cost so suites stay fast; the
// stored parameters make either kind of hash verifiable anywhere.
const COST = process.env.NODE_ENV === 'test' ? { N: 1024, r: 8, p: 1 } : { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...COST, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltText, 'base64url'), expected.length, {
    N: Number.parseInt(n, 10),
    r: Number.parseInt(r, 10),
    p: Number.parseInt(p, 10),
    maxmem: 256 * 1024 * 1024,
  });
  return crypto.timingSafeEqual(key, expected);
}

/** A hash to compare against when the user does not exist, so timing does not reveal which emails are registered. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return decoy;
}

/** NCSC-style checks: long enough, not a known common password, not the user's own name or email. */
export function passwordProblem(password: string, user: { email?: string; name?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Enter a password of no more than ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|abcdefghij)/.test(lower)) {
    return 'This password is too common: choose something harder to guess, such as three random words';
  }
  const local = user.email?.split('@')[0]?.toLowerCase();
  if (
    (local && local.length >= 4 && lower.includes(local)) ||
    (user.name && user.name.length >= 4 && lower.includes(user.name.toLowerCase().replace(/\s+/g, '')))
  ) {
    return 'Do not use your name or email address in your password';
  }
  return null;
}
