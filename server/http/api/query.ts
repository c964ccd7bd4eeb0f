/** Query-string parameters shared by the metrics endpoints and pages; bad values → 400 naming the parameter. */
import type { Request } from 'express';
import { BadRequestError } from '../../errors';
import { parseFyApi, parseFyInput, parseIsoDate, todayIso } from '../../financial-year';
import { PROJECT_STATUSES, type ProjectStatus } from '../../records';

function one(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new BadRequestError(`Give ${name} once`, name);
  return v;
}

export function asAtParam(req: Request): string {
  const v = one(req, 'asAt');
  if (v === undefined) return todayIso();
  if (!parseIsoDate(v)) throw new BadRequestError('asAt must be a date in the form YYYY-MM-DD', 'asAt');
  return v;
}

export function boolParam(req: Request, name: string): boolean {
  const v = one(req, name);
  if (v === undefined || v === 'false' || v === 'off') return false;
  if (v === 'true' || v === 'on') return true;
  throw new BadRequestError(`${name} must be true or false`, name);
}

/** The API takes canonical labels; pages (lenient: true) also take 2024-25 and FY2024/25 (C2). */
export function fyParam(req: Request, name: string, lenient = false): number | undefined {
  const v = one(req, name);
  if (v === undefined) return undefined;
  const r = lenient ? parseFyInput(v) : parseFyApi(v);
  if (!r.ok) throw new BadRequestError(`${name}: ${r.error}`, name);
  return r.value;
}

export function statusParam(req: Request): ProjectStatus | undefined {
  const v = one(req, 'status');
  if (v === undefined) return undefined;
  if (!(PROJECT_STATUSES as readonly string[]).includes(v)) throw new BadRequestError(`status must be one of ${PROJECT_STATUSES.join(', ')}`, 'status');
  return v as ProjectStatus;
}

export function codeParam(req: Request, name: string): string | undefined {
  const v = one(req, name);
  if (v === undefined) return undefined;
  if (!/^[A-Za-z0-9-]{1,20}$/.test(v)) throw new BadRequestError(`${name} must be a code like CS`, name);
  return v.toUpperCase();
}
