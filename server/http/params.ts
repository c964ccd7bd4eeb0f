/** Route parameters, shared by pages and the API (neither imports the other). */
import type { Request } from 'express';

/** A route's numeric id; anything else is a 404, never a 500. */
export function idParam(raw: string): number | null {
  return /^\d{1,12}$/.test(raw) ? Number.parseInt(raw, 10) : null;
}

/** A named route parameter as one string (Express 5 types allow arrays for wildcards). */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  return Array.isArray(v) ? v.join('/') : String(v ?? '');
}
