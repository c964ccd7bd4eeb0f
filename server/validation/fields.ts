/**
 * Shared field types for every schema. Forms (and CSV) and the API differ only in how lenient
 * money, year, percentage and boolean fields are (C1, C2), so each builder takes the input mode.
 */
import { z } from 'zod';
import { Decimal, parseApiMoney, parseMoneyInput, type MoneyParseOptions } from '../money';
import { parseFyApi, parseFyInput, parseIsoDate } from '../financial-year';
import { ValidationError, type FieldErrors } from '../errors';

export type InputMode = 'form' | 'api';

/** "a directorate code" → "Directorate code", for messages that start with the field's name. */
function capitalise(s: string): string {
  const bare = s.replace(/^(a|an|the) /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export function requiredText(label: string, max: number) {
  return z.preprocess(
    trimmed,
    z
      .string({ error: `Enter ${label}` })
      .min(1, `Enter ${label}`)
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`),
  );
}

export function optionalText(label: string, max: number) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? '' : trimmed(v)),
    z
      .string({ error: `${capitalise(label)} must be text` })
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`),
  );
}

/**
 * A short code: letters, digits and hyphens, stored upper-case (e.g. CS-001). `missing` is the
 * verb of the message when there is none: Select where forms offer the codes in a dropdown.
 */
export function code(label: string, max: number, example: string, missing: 'Enter' | 'Select' = 'Enter') {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z
      .string({ error: `${missing} ${label}` })
      .min(1, `${missing} ${label}`)
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
      .regex(
        /^[A-Z0-9][A-Z0-9-]*$/,
        `${capitalise(label)} must use only letters, numbers and hyphens, like ${example}`,
      ),
  );
}

export function choice<T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z.enum(values, { error: `Select ${label}` });
}

export function money(mode: InputMode, opts: MoneyParseOptions = {}) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const r = mode === 'api' ? parseApiMoney(v, opts) : parseMoneyInput(v, opts);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.error });
        return z.NEVER;
      }
      return r.value;
    });
}

/** Financial year: the canonical "2024/25" in the API, also 2024-25 and FY2024/25 in forms (C2). */
export function financialYear(mode: InputMode) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const r = mode === 'api' ? parseFyApi(v) : parseFyInput(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.error });
        return z.NEVER;
      }
      return r.value;
    });
}

export function optionalFinancialYear(mode: InputMode) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
      const r = mode === 'api' ? parseFyApi(v) : parseFyInput(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.error });
        return z.NEVER;
      }
      return r.value;
    });
}

export interface RatioOptions {
  label: string;
  max: Decimal;
  /** Decimal places allowed in the fraction (forms show percentages: 2 fewer there). */
  places: number;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A ratio such as confidence, optimism bias or a discount rate. The API takes the fraction as a
 * string ("0.035"); forms take a percentage ("3.5" or "3.5%"), which people find natural.
 */
export function ratio(mode: InputMode, o: RatioOptions) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      if (mode === 'api' && typeof v === 'number')
        return fail(`Send ${o.label} as a string, for example "0.035", not a JSON number`);
      if (typeof v !== 'string' || v.trim() === '') return fail(`Enter ${o.label}`);
      const text = mode === 'form' ? v.trim().replace(/%$/, '').trim() : v;
      if (!PLAIN_DECIMAL.test(text))
        return fail(
          mode === 'form'
            ? `Enter ${o.label} as a percentage, like 20`
            : `Enter ${o.label} as a decimal string, like "0.2"`,
        );
      const value = mode === 'form' ? new Decimal(text).dividedBy(100) : new Decimal(text);
      if (value.decimalPlaces() > o.places)
        return fail(`Enter ${o.label} with no more than ${mode === 'form' ? o.places - 2 : o.places} decimal places`);
      if (value.isNeg() || value.gt(o.max)) {
        const max = mode === 'form' ? `${o.max.times(100).toString()}%` : o.max.toString();
        return fail(`${capitalise(o.label)} must be between ${mode === 'form' ? '0%' : '0'} and ${max}`);
      }
      return value;
    });
}

export function optional<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    schema.optional(),
  );
}

/** Checkbox in forms ("on", absent); a real boolean in the API. */
export function flag(mode: InputMode, label: string) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === null) return false;
      if (mode === 'api') {
        if (typeof v === 'boolean') return v;
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be true or false` });
        return z.NEVER;
      }
      if (typeof v === 'string' && ['on', 'true', 'yes', '1'].includes(v.toLowerCase())) return true;
      if (typeof v === 'string' && ['', 'off', 'false', 'no', '0'].includes(v.toLowerCase())) return false;
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be yes or no` });
      return z.NEVER;
    });
}

/** The row version a form or API client last saw (optimistic concurrency). */
export function version(mode: InputMode) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const text = typeof v === 'number' && mode === 'api' ? String(v) : v;
      if (typeof text === 'string' && /^\d{1,9}$/.test(text)) return Number.parseInt(text, 10);
      ctx.addIssue({ code: 'custom', message: 'The record version is missing: reload the page and try again' });
      return z.NEVER;
    });
}

/** The message for a date that is not a real YYYY-MM-DD date, in forms and on pages' filters. */
export function dateMessage(label: string, example = '2025-06-30'): string {
  return `Enter ${label} as a real date, like ${example}`;
}

export function isoDate(label: string) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      if (parseIsoDate(v) === null) {
        ctx.addIssue({ code: 'custom', message: dateMessage(label) });
        return z.NEVER;
      }
      return (v as string).trim();
    });
}

/** First message per field, keyed by the field's path ("profile.2.amount"). */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One issue lists every unknown key: name each of them, not just the first.
      for (const key of issue.keys) {
        const path = [...issue.path, key].join('.');
        if (!(path in out)) out[path] = `Unknown field "${key}"`;
      }
      continue;
    }
    const key = issue.path.length ? issue.path.join('.') : '_form';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Forms ignore stray fields (CSRF tokens, buttons); the API refuses unknown ones by name. */
export function object<T extends z.ZodRawShape>(mode: InputMode, shape: T) {
  return mode === 'api' ? z.strictObject(shape) : z.object(shape);
}

/** Parses input with a schema or throws a ValidationError naming each bad field. */
export function parseOrThrow<T extends z.ZodTypeAny>(schema: T, input: unknown, status = 422): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error), undefined, status);
  return result.data;
}
