/** Route parameters, shared by pages and the API (neither imports the other). */
import type { Request } from 'express';
import { BadRequestError } from '../errors';

/** A route's numeric id; anything else is a 404, never a 500. */
export function idParam(raw: string): number | null {
  return /^\d{1,12}$/.test(raw) ? Number.parseInt(raw, 10) : null;
}

/** A named route parameter as one string (Express 5 types allow arrays for wildcards). */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  return Array.isArray(v) ? v.join('/') : String(v ?? '');
}

// ## Paging of API lists: `limit` and an opaque `cursor`

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;
export function limitParam(req: Request): number {
  const v = req.query.limit;
  if (v === undefined || v === '') return DEFAULT_LIMIT;
  const n = typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number.parseInt(v, 10) : 0;
  if (n < 1 || n > MAX_LIMIT) throw new BadRequestError(`limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
  return n;
}

/** The cursor is opaque to clients: base64url of the last code on the previous page. */
export const encodeCursor = (code: string) => Buffer.from(code, 'utf8').toString('base64url');

export function cursorParam(req: Request): string | undefined {
  const v = req.query.cursor;
  if (v === undefined || v === '') return undefined;
  const code =
    typeof v === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(v) ? Buffer.from(v, 'base64url').toString('utf8') : '';
  // Buffer decoding is lenient, so a cursor is only good if it round-trips to a project code.
  if (!/^[A-Z0-9][A-Z0-9-]*$/.test(code) || encodeCursor(code) !== v)
    throw new BadRequestError('cursor must be the nextCursor of an earlier page', 'cursor');
  return code;
}
