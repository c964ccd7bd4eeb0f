/**
 * Query-string parameters, shared by pages and the API. Each parameter has its own schema, so a
 * page can put a message beside one bad filter and still apply the rest, while the API refuses
 * the first bad parameter with a 400 naming it. Pages speak to people, with the forms' messages;
 * the API's messages name the parameter and its format, for developers (as fields.ts does for bodies).
 */
import { z } from 'zod';
import { BadRequestError, type FieldErrors } from '../errors';
import { parseFyApi, parseFyInput, parseIsoDate, todayUkIso } from '../financial-year';
import { dateMessage } from './fields';

export type QueryMode = 'page' | 'api';

/** Pages read (and show again) at most this much of a parameter: no good value is longer. */
export const MAX_QUERY_TEXT = 40;

type Read<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (error: string): Read<never> => ({ ok: false, error });

interface ParamOptions<A> {
  name: string;
  /** For "Choose one …" on pages, when the parameter is given more than once. */
  label: string;
  /** The value when the parameter is absent or empty; also what a page uses in place of a bad one. */
  absent: () => A;
}

/**
 * One parameter. Absent and empty are the same; a repeated parameter (an array) is refused.
 * Pages trim what people typed; the API takes values as sent.
 */
export function queryParam<T, A = undefined>(mode: QueryMode, o: ParamOptions<A>, read: (text: string) => Read<T>) {
  return z.unknown().transform((v, ctx): T | A => {
    if (v === undefined) return o.absent();
    const text = typeof v !== 'string' ? null : mode === 'page' ? v.trim().slice(0, MAX_QUERY_TEXT) : v;
    const r =
      text === null
        ? bad(mode === 'page' ? `Choose one ${o.label}` : `Give ${o.name} once`)
        : text === ''
          ? ok(o.absent())
          : read(text);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  });
}

const none = () => undefined;

/** A real date, YYYY-MM-DD; `example` may be worked out when the message is made (e.g. today). */
export function queryDate(mode: QueryMode, name: string, o: { label: string; example: string | (() => string) }) {
  return queryParam(mode, { name, label: o.label.replace(/^the /, ''), absent: none }, (text) => {
    if (parseIsoDate(text)) return ok(text.trim());
    return bad(
      mode === 'page'
        ? dateMessage(o.label, typeof o.example === 'string' ? o.example : o.example())
        : `${name} must be a date in the form YYYY-MM-DD`,
    );
  });
}

/**
 * A financial year's start year (C2). Pages take 2024-25 and FY2024/25 too; the API only the
 * canonical 2024/25 unless `lenient` (the export links, which carry what the page filters took).
 * `title` starts the page message, so two year fields tell their messages apart.
 */
export function queryFinancialYear(
  mode: QueryMode,
  name: string,
  o: { label: string; title: string; lenient?: boolean },
) {
  return queryParam(mode, { name, label: o.label, absent: none }, (text) => {
    const r = mode === 'page' || o.lenient ? parseFyInput(text) : parseFyApi(text);
    if (r.ok) return ok(r.value);
    return bad(`${mode === 'page' ? o.title : name}: ${r.error}`);
  });
}

/** A yes/no filter: true or on. Pages read anything else as no; the API refuses anything but true/on/false/off. */
export function queryFlag(mode: QueryMode, name: string, label: string) {
  return queryParam(mode, { name, label, absent: () => false }, (text) => {
    if (text === 'true' || text === 'on') return ok(true);
    if (mode === 'page' || text === 'false' || text === 'off') return ok(false);
    return bad(`${name} must be true or false`);
  });
}

/** One of a fixed list. */
export function queryChoice<T extends readonly [string, ...string[]]>(
  mode: QueryMode,
  name: string,
  o: { label: string; values: T; message: string },
) {
  return queryParam(mode, { name, label: o.label, absent: none }, (text) => {
    if ((o.values as readonly string[]).includes(text)) return ok(text as T[number]);
    return bad(mode === 'page' ? o.message : `${name} must be one of ${o.values.join(', ')}`);
  });
}

/** A code such as CS or CS-001: letters, digits and hyphens, read upper-case (as forms store them). */
export function queryCode(mode: QueryMode, name: string, o: { label: string; example: string; max: number }) {
  const pattern = new RegExp(`^[A-Z0-9][A-Z0-9-]{0,${o.max - 1}}$`);
  return queryParam(mode, { name, label: o.label.replace(/^(a|an|the) /, ''), absent: none }, (text) => {
    const value = text.toUpperCase();
    if (pattern.test(value)) return ok(value);
    return bad(mode === 'page' ? `Enter ${o.label} like ${o.example}` : `${name} must be a code like ${o.example}`);
  });
}

/** Text that must match a pattern, such as an entity type (cost_line). */
export function queryPattern(
  mode: QueryMode,
  name: string,
  o: { label: string; pattern: RegExp; page: string; api: string },
) {
  return queryParam(mode, { name, label: o.label, absent: none }, (text) =>
    o.pattern.test(text) ? ok(text) : bad(mode === 'page' ? o.page : o.api),
  );
}

/** A whole number from `min` to `max` (at most 12 digits, as ids are): an id, a page size, a cursor. */
export function queryWholeNumber(
  mode: QueryMode,
  name: string,
  o: { label: string; min: number; max: number; api: string; page?: string },
) {
  return queryParam(mode, { name, label: o.label, absent: none }, (text) => {
    const n = /^\d{1,12}$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
    return n >= o.min && n <= o.max ? ok(n) : bad(mode === 'page' ? (o.page ?? o.api) : o.api);
  });
}

// ## The figures' date and risk adjustment, on every page and endpoint with indicators

export const AS_AT_FUTURE_MESSAGE = 'The as-at date must be today or earlier';

/**
 * The as-at date (C6); absent means today (the UK date). A date after today is refused: figures
 * "as at" a day that has not come would count plans as if they were due.
 */
export function queryAsAt(mode: QueryMode) {
  return queryDate(mode, 'asAt', { label: 'the as-at date', example: '2026-03-31' }).transform((d, ctx) => {
    const today = todayUkIso();
    if (d === undefined) return today;
    if (d > today) {
      const message = mode === 'page' ? AS_AT_FUTURE_MESSAGE : `asAt must be today (${today}) or earlier`;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return d;
  });
}

export function queryRiskAdjusted(mode: QueryMode) {
  return queryFlag(mode, 'riskAdjusted', 'risk adjustment');
}

/** C10: count verified realisations only. */
export function queryVerifiedOnly(mode: QueryMode) {
  return queryFlag(mode, 'verifiedOnly', 'verified only');
}

// ## Reading a whole query string

type QueryShape = Record<string, z.ZodType>;
export type QueryData<S extends QueryShape> = { [K in keyof S]: z.output<S[K]> };

/**
 * Reads each parameter of `schema` with its own schema. A bad one gets its message and its
 * absent value, so the others still apply: pages show the message and the figures without it.
 */
export function readQuery<S extends QueryShape>(
  schema: z.ZodObject<S>,
  raw: Record<string, unknown>,
): { data: QueryData<S>; errors: FieldErrors } {
  const data = {} as QueryData<S>;
  const errors: FieldErrors = {};
  for (const name of Object.keys(schema.shape) as (keyof S & string)[]) {
    const field = schema.shape[name];
    const r = field.safeParse(raw[name]);
    if (r.success) {
      data[name] = r.data as QueryData<S>[typeof name];
    } else {
      errors[name] = r.error.issues[0].message;
      data[name] = field.parse(undefined) as QueryData<S>[typeof name];
    }
  }
  return { data, errors };
}

/** The API's answer to bad parameters: a 400 naming the first. */
export function throwFirstProblem(errors: FieldErrors): void {
  const field = Object.keys(errors)[0];
  if (field !== undefined) throw new BadRequestError(errors[field], field);
}

/** Reads a query string for the API: every parameter good, or a 400 naming the first bad one. */
export function parseQuery<S extends QueryShape>(schema: z.ZodObject<S>, raw: Record<string, unknown>): QueryData<S> {
  const { data, errors } = readQuery(schema, raw);
  throwFirstProblem(errors);
  return data;
}

/** What to show again in a filter form: each parameter as typed (trimmed and cut short), '' when absent or repeated. */
export function queryValues<K extends string>(raw: Record<string, unknown>, names: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const v = raw[name];
    out[name] = typeof v === 'string' ? v.trim().slice(0, MAX_QUERY_TEXT) : '';
  }
  return out;
}
