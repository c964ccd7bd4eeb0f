/**
 * The form round trip: parse with the shared schema, call the domain, redirect on success; on bad
 * input re-render the same form with the user's values and a message per field (422); on a stale
 * edit re-render with both the user's values and the current record (409). Nothing typed is lost.
 */
import type { Request, Response } from 'express';
import { StaleVersionError, ValidationError, ConflictError } from '../../errors';

export interface FormOptions<T> {
  view: string;
  /** Everything the view needs besides values and errors. */
  locals: Record<string, unknown>;
  /** The values to show again: the raw body, or a normalised copy of it (e.g. profile rows). */
  values?: Record<string, unknown>;
  save: () => Promise<T>;
  redirect: (saved: T) => string;
  /** Shows the record someone else saved, beside the user's input, after a stale edit. */
  presentCurrent?: (current: unknown) => { version: number | string; rows: { label: string; value: string }[] };
  /** The form field that carries the version (default `version`). */
  versionField?: string;
}

export async function submitForm<T>(req: Request, res: Response, o: FormOptions<T>): Promise<void> {
  const values = o.values ?? (req.body as Record<string, unknown>) ?? {};
  try {
    const saved = await o.save();
    res.redirect(303, o.redirect(saved));
  } catch (err) {
    if (err instanceof ValidationError) {
      res.status(422).render(o.view, { ...o.locals, values, errors: err.fields });
      return;
    }
    if (err instanceof StaleVersionError && o.presentCurrent) {
      const conflict = o.presentCurrent(err.current);
      res.status(409).render(o.view, {
        ...o.locals,
        values: { ...values, [o.versionField ?? 'version']: String(conflict.version) },
        errors: { _form: err.message },
        conflict,
      });
      return;
    }
    if (err instanceof ConflictError) {
      res.status(409).render(o.view, { ...o.locals, values, errors: { _form: err.message, ...err.fields } });
      return;
    }
    throw err;
  }
}

/** Repeated form fields arrive as a string or an array: always an array of strings here. */
export function asArray(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : ''));
}
