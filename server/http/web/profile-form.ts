/**
 * The expected-profile table of the benefit form. It offers one row per year of the project's
 * appraisal period; a row whose amount is left empty is skipped (its year stays on the form for
 * later), and "Add a year" shows the form again with one more row, keeping everything typed, with
 * no JavaScript. Every message about a row names its year (C2 label), so the error summary says
 * which year needs attention.
 */
import { ValidationError, type FieldErrors } from '../../errors';
import { fyLabel, parseFyInput } from '../../financial-year';
import type { ProfileRowValues } from '../presenters/benefits';
import { asArray } from './forms';

export interface ProfileForm {
  /** Every row as posted, to show the form again exactly as typed. */
  rows: ProfileRowValues[];
  /** The rows with an amount: the profile the schema reads. */
  entered: ProfileRowValues[];
  /** For each entered row, its position among `rows` (where its messages belong). */
  positions: number[];
}

/** Reads the parallel `profileYear` / `profileAmount` fields; the rest of the body is returned as it came. */
export function readProfileForm(body: Record<string, unknown>): { form: ProfileForm; rest: Record<string, unknown> } {
  const years = asArray(body.profileYear);
  const amounts = asArray(body.profileAmount);
  const form: ProfileForm = { rows: [], entered: [], positions: [] };
  for (let i = 0; i < Math.max(years.length, amounts.length); i++) {
    const row = { year: (years[i] ?? '').trim(), amount: (amounts[i] ?? '').trim() };
    form.rows.push(row);
    if (row.amount === '') continue;
    form.entered.push(row);
    form.positions.push(form.rows.length - 1);
  }
  const { profileYear: _y, profileAmount: _a, addYear: _add, ...rest } = body;
  return { form, rest };
}

/** The form's "Add a year" button (a submit button with a name) was pressed, not "Save". */
export function isAddingYear(body: Record<string, unknown>): boolean {
  return body.addYear !== undefined;
}

function yearOf(row: ProfileRowValues): number | null {
  const r = parseFyInput(row.year);
  return r.ok ? r.value : null;
}

/** The rows with one more, empty, for the year after the latest one given (else the base year). */
export function withAddedYear(rows: ProfileRowValues[], baseFy: number): ProfileRowValues[] {
  const years = rows.map(yearOf).filter((y): y is number => y !== null);
  const next = years.length ? Math.max(...years) + 1 : baseFy;
  return [...rows, { year: fyLabel(next), amount: '' }];
}

/** How a message names a row: its year as C2 writes it, else what was typed, else its position. */
function rowName(row: ProfileRowValues, position: number): string {
  const fy = yearOf(row);
  if (fy !== null) return fyLabel(fy);
  return row.year ? `"${row.year}"` : `row ${position + 1}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function amountMessage(name: string, message: string): string {
  if (message.includes(name)) return message;
  if (message.startsWith('Enter an amount in pounds, for example 1234.50'))
    return `Enter the ${name} amount as a number, like 1250.00`;
  const m = /^Enter (?:an|the) amount\b(.*)$/s.exec(message);
  if (m) return `Enter the ${name} amount${m[1]}`;
  return `${name}: ${message}`;
}

function yearMessage(row: ProfileRowValues, name: string, message: string, exampleFy: number): string {
  if (row.year === '') return `Enter the financial year of the amount ${row.amount}, like ${fyLabel(exampleFy)}`;
  if (message.includes(name)) return message;
  return yearOf(row) === null ? `Year ${name}: ${lowerFirst(message)}` : `${name}: ${message}`;
}

/** The errors of the entered rows, moved to their places on the form and naming their years. */
export function nameProfileYears(fields: FieldErrors, form: ProfileForm, exampleFy: number): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(fields)) {
    const m = /^profile\.(\d+)\.(year|amount)$/.exec(key);
    const position = m ? form.positions[Number.parseInt(m[1], 10)] : undefined;
    if (!m || position === undefined) {
      out[key] = message;
      continue;
    }
    const row = form.rows[position];
    const name = rowName(row, position);
    out[`profile.${position}.${m[2]}`] =
      m[2] === 'amount' ? amountMessage(name, message) : yearMessage(row, name, message, exampleFy);
  }
  return out;
}

/** Runs a save, giving any refusal of its profile rows the form's positions and year names. */
export async function savingProfile<T>(form: ProfileForm, exampleFy: number, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (err instanceof ValidationError)
      throw new ValidationError(nameProfileYears(err.fields, form, exampleFy), err.message, err.status);
    throw err;
  }
}
