/**
 * The JSON API's resources (directorates, projects, cost lines, benefits, realisations), both
 * ways: domain records → camelCase representations with money as 2-decimal strings, ratios as
 * exact decimal strings and FY labels (C1, C2, C7); and the request side every resource router
 * shares — the JSON body, the version a write is based on, PATCH merging and the 409 answer.
 */
import type { Request, Response } from 'express';
import { AppError, BadRequestError, StaleVersionError, ValidationError, type FieldErrors } from '../../errors';
import type { Benefit, CostLine, Directorate, ProfileEntry, Project, Realisation } from '../../records';
import {
  benefitSnapshot,
  costLineSnapshot,
  projectSnapshot,
  profileSnapshot,
  realisationSnapshot,
} from '../../snapshots';

// ## Representations

export function directorateResource(d: Directorate) {
  return { code: d.code, name: d.name, version: d.version, createdAt: d.createdAt, updatedAt: d.updatedAt };
}

/** The API's resources are the audit snapshots (the same exact strings) plus identity and version. */
export function projectResource(p: Project) {
  return { ...projectSnapshot(p), version: p.version, createdAt: p.createdAt, updatedAt: p.updatedAt };
}

/** Amounts are signed: a credit or refund is negative (C1, C4). */
export function costLineResource(projectCode: string, c: CostLine) {
  return { id: c.id, projectCode, ...costLineSnapshot(c), version: c.version };
}

export function profileResource(profile: ProfileEntry[]) {
  return profileSnapshot(profile);
}

export function benefitResource(d: { project: Pick<Project, 'code'>; benefit: Benefit; profile: ProfileEntry[] }) {
  return { projectCode: d.project.code, ...benefitSnapshot(d.benefit, d.profile), version: d.benefit.version };
}

export function realisationResource(projectCode: string, benefitRef: string, r: Realisation) {
  return {
    id: r.id,
    projectCode,
    benefitRef,
    ...realisationSnapshot(r),
    // C10: who verified it, with which evidence grade, and when (null while unverified).
    verification: {
      status: r.verification.status,
      grade: r.verification.grade,
      by: r.verification.verifiedBy,
      on: r.verification.verifiedAt,
    },
    version: r.version,
  };
}

// ## Requests

type Body = Record<string, unknown>;

/** The request body as a JSON object; DELETE may send none. */
export function jsonBody(req: Request, optional = false): Body {
  const empty =
    req.body === undefined ||
    (typeof req.body === 'object' &&
      req.body !== null &&
      !Array.isArray(req.body) &&
      Object.keys(req.body).length === 0);
  if (optional && empty) return {};
  if (!req.is('application/json') || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new BadRequestError('Send a JSON object with Content-Type: application/json');
  }
  return req.body as Body;
}

const IF_MATCH = /^"?(\d{1,9})"?$/;

function bodyVersion(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9) return v;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v)) return Number.parseInt(v, 10);
  throw new ValidationError({ version: 'version must be the whole number you last read, like 3' }, undefined, 400);
}

/**
 * Every change names the version it is based on (optimistic concurrency): an `If-Match: "3"`
 * header or a `version` field. Neither → 428; the rest of the body is returned without it.
 */
export function writeVersion(req: Request, body: Body): { version: number; fields: Body } {
  const { version: raw, ...fields } = body;
  const header = req.get('if-match');
  let fromHeader: number | undefined;
  if (header !== undefined) {
    const m = IF_MATCH.exec(header.trim());
    if (!m)
      throw new ValidationError({ version: 'If-Match must be the record version in quotes, like "3"' }, undefined, 400);
    fromHeader = Number.parseInt(m[1], 10);
  }
  const fromBody = bodyVersion(raw);
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw new ValidationError(
      { version: 'The If-Match header and the version field disagree: send one of them' },
      undefined,
      400,
    );
  }
  const version = fromHeader ?? fromBody;
  if (version === undefined) {
    throw new AppError(
      428,
      'version_required',
      'Send the version you last read: an If-Match: "<version>" header or a "version" field',
    );
  }
  return { version, fields };
}

/**
 * PATCH: the given fields over the writable fields of the current representation, ready for the
 * same strict schema as a create. Read-only fields (ids, timestamps, parents) are refused by name;
 * unknown ones are left for the schema, which names them too.
 */
export function mergePatch(current: Body, patch: Body, writable: readonly string[]): Body {
  const readOnly: FieldErrors = {};
  for (const key of Object.keys(patch)) {
    if (Object.hasOwn(current, key) && !writable.includes(key)) readOnly[key] = `${key} is read-only: leave it out`;
  }
  if (Object.keys(readOnly).length) throw new ValidationError(readOnly, undefined, 400);
  const base: Body = {};
  for (const key of writable) if (Object.hasOwn(current, key)) base[key] = current[key];
  return { ...base, ...patch };
}

/** A DELETE body may carry only the version. */
export function assertNoFields(fields: Body): void {
  const extra = Object.keys(fields);
  if (extra.length)
    throw new ValidationError(Object.fromEntries(extra.map((k) => [k, `Unknown field "${k}"`])), undefined, 400);
}

// ## Responses

export interface SendOptions<T> {
  save: () => Promise<T>;
  /** The representation to answer with; none for a delete (204). */
  present?: (saved: T) => unknown;
  status?: 200 | 201;
  location?: (saved: T) => string;
  /** The record as it is now, for the 409 after a stale write (updates and deletes). */
  current?: () => Promise<unknown>;
}

/** Runs a write and answers it; a stale version answers 409 with the current record as `error.current`. */
export async function sendWrite<T>(res: Response, o: SendOptions<T>): Promise<void> {
  let saved: T;
  try {
    saved = await o.save();
  } catch (err) {
    if (!(err instanceof StaleVersionError) || !o.current) throw err;
    res
      .status(409)
      .json({ error: { code: err.code, message: err.message, field: 'version', current: await o.current() } });
    return;
  }
  if (!o.present) {
    res.status(204).end();
    return;
  }
  if (o.location) res.location(o.location(saved));
  res.status(o.status ?? 200).json(o.present(saved));
}
