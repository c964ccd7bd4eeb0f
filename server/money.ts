/**
 * The only code that converts between pence, Decimal and strings (CONVENTIONS C1).
 * Money is integer pence at rest, Decimal (pounds) in flight, and a string at the edges.
 */
import DecimalJs from 'decimal.js';

/** The one configured Decimal: 34 significant digits, half-up (C1). */
export const Decimal = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

export const ZERO = new Decimal(0);

/** C1: largest accepted magnitude of one amount. */
export const MAX_AMOUNT = new Decimal('999999999999.99');

export type MoneyParse = { ok: true; value: Decimal } | { ok: false; error: string };

export interface MoneyParseOptions {
  /** Negative amounts are only for credits and corrections the user marks explicitly (C1). */
  allowNegative?: boolean;
}

// C1 accepted input: optional '-', optional '£', digits with optional comma thousands groups, ≤ 2 decimals.
const FORM_MONEY = /^(-)?£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
const API_MONEY = /^-?\d+(\.\d{1,2})?$/;

function rejectReason(text: string): string {
  if (/\de[+-]?\d/i.test(text)) return 'Enter the amount as plain digits, without an exponent (like 1e5)';
  if (/^-?£?[\d,]*\.\d{3,}$/.test(text)) return 'Enter an amount with no more than 2 decimal places';
  if (/[$€¥]|[A-Z]{3}/.test(text)) return 'Enter an amount in pounds, for example £1,234.50';
  if (/^-?£?\d[\d,]*(\.\d+)?$/.test(text)) return 'Use commas only to separate thousands, for example 1,234,567.50';
  return 'Enter an amount in pounds, for example 1234.50';
}

function checkRange(value: Decimal, allowNegative: boolean): MoneyParse {
  if (value.abs().gt(MAX_AMOUNT)) return { ok: false, error: 'Enter an amount no larger than £999,999,999,999.99' };
  if (value.isNeg() && !value.isZero() && !allowNegative) {
    return { ok: false, error: 'Enter an amount of £0 or more' };
  }
  return { ok: true, value: value.isZero() ? ZERO : value };
}

/** Parses a form or CSV amount (C1 accepted input). Never goes through a JS number. */
export function parseMoneyInput(raw: unknown, opts: MoneyParseOptions = {}): MoneyParse {
  if (typeof raw !== 'string') return { ok: false, error: 'Enter an amount' };
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'Enter an amount' };
  const m = FORM_MONEY.exec(text);
  if (!m) return { ok: false, error: rejectReason(text) };
  const digits = `${m[1] ?? ''}${m[2].replace(/,/g, '')}${m[3] ? `.${m[3]}` : ''}`;
  return checkRange(new Decimal(digits), opts.allowNegative ?? false);
}

/** Parses an API amount: a JSON string `-?\d+(\.\d{1,2})?` (C1). JSON numbers are refused. */
export function parseApiMoney(raw: unknown, opts: MoneyParseOptions = {}): MoneyParse {
  if (typeof raw === 'number')
    return { ok: false, error: 'Send money as a string, for example "1234.50", not a JSON number' };
  if (typeof raw !== 'string' || raw === '')
    return { ok: false, error: 'Enter an amount as a string, for example "1234.50"' };
  if (!API_MONEY.test(raw)) {
    return {
      ok: false,
      error: /\.\d{3,}$/.test(raw)
        ? 'Enter an amount with no more than 2 decimal places'
        : 'Enter an amount as digits with an optional "-" and up to 2 decimals, for example "1234.50"',
    };
  }
  return checkRange(new Decimal(raw), opts.allowNegative ?? false);
}

/**
 * A database pence value (string from PostgreSQL / CAST(... AS TEXT), number from better-sqlite3)
 * becomes pounds as a Decimal, built from its string form (C1).
 */
export function fromDbPence(v: string | number | bigint | null | undefined): Decimal {
  if (v === null || v === undefined) return ZERO;
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error(`Unsafe pence value from database: ${v}`);
  const text = String(v);
  if (!/^-?\d+$/.test(text)) throw new Error(`Pence value from database is not an integer: ${text}`);
  return new Decimal(text).dividedBy(100);
}

/** Pounds → integer pence as a string for Knex; refuses fractions of a penny and out-of-range values. */
export function toDbPence(d: Decimal): string {
  const pence = d.times(100);
  if (!pence.isInteger()) throw new Error(`Amount ${d.toString()} is not a whole number of pence`);
  if (d.abs().gt(MAX_AMOUNT)) throw new Error(`Amount ${d.toString()} is outside the accepted range`);
  return pence.toFixed(0);
}

/** Sums of pence (SQL SUM) can exceed one amount's range, so they are only checked for integrality. */
export function sumFromDbPence(v: string | number | bigint | null | undefined): Decimal {
  return fromDbPence(v);
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** C1 output: £1,234.50, rounded half-up once, here. Negative amounts as -£1,234.50. */
export function formatGbp(d: Decimal): string {
  const fixed = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).abs().toFixed(2);
  const [i, f] = fixed.split('.');
  const neg = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).isNeg() && !d.toDecimalPlaces(2).isZero();
  return `${neg ? '-' : ''}£${groupThousands(i)}.${f}`;
}

/** C1/C7 API output: "1234.50"; null stays null (C7: null where the figure is undefined). */
export function toApiMoney(d: Decimal): string;
export function toApiMoney(d: Decimal | null): string | null;
export function toApiMoney(d: Decimal | null): string | null {
  if (d === null) return null;
  const r = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (r.isZero() ? ZERO : r).toFixed(2);
}

/** Plain form value for re-editing an amount: "1234.5" → "1234.50", no £ or commas. */
export function toInputMoney(d: Decimal): string {
  return toApiMoney(d);
}

/** C1 short form where space is short (charts, tiles): £1.23m, £45.6k, £950. */
export function formatShort(d: Decimal): string {
  const sign = d.isNeg() && !d.isZero() ? '-' : '';
  let abs = d.abs().toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (abs.lt(1000)) return `${abs.isZero() ? '' : sign}£${abs.toString()}`;
  const units = ['k', 'm', 'bn', 'tn'];
  let unit = -1;
  abs = d.abs();
  // Rounding to 3 significant digits can carry into the next unit (999,999 → £1m, not £1000k).
  while (unit < units.length - 1 && abs.toSignificantDigits(3, Decimal.ROUND_HALF_UP).gte(1000)) {
    abs = abs.dividedBy(1000);
    unit += 1;
  }
  const shown = abs.toSignificantDigits(3, Decimal.ROUND_HALF_UP);
  // Past the largest unit, 3 significant digits would print 12345 as "12300": show whole units instead.
  return `${sign}£${(shown.gte(1000) ? abs.toDecimalPlaces(0, Decimal.ROUND_HALF_UP) : shown).toString()}${units[unit]}`;
}

/** Fixed-decimal string of any Decimal ratio, half-up (C7). */
export function toFixedString(d: Decimal | null, places: number): string | null {
  if (d === null) return null;
  const r = d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  return (r.isZero() ? ZERO : r).toFixed(places);
}

/** A ratio as a percentage for pages: 0.2512 → "25.1%". */
export function formatPercent(d: Decimal | null, places = 1): string {
  if (d === null) return '—';
  return `${toFixedString(d.times(100), places)}%`;
}
