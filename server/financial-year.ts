/**
 * UK public-sector financial years (CONVENTIONS C2): 1 April to 31 March, labelled "2024/25".
 * A financial year is held as the integer year it starts in (`fy_start`).
 */

export const MIN_FY = 1900;
export const MAX_FY = 2199;

export type FyParse = { ok: true; value: number } | { ok: false; error: string };

const CANONICAL = /^(\d{4})\/(\d{2})$/;
// C2: forms and CSV may also use 2024-25 and FY2024/25 (and FY2024-25, case-insensitive).
const LENIENT = /^(?:FY\s?)?(\d{4})[/-](\d{2})$/i;

function fromParts(startText: string, endText: string): FyParse {
  const start = Number.parseInt(startText, 10);
  if (start < MIN_FY || start > MAX_FY) {
    return { ok: false, error: `Enter a financial year between ${fyLabel(MIN_FY)} and ${fyLabel(MAX_FY)}` };
  }
  if ((start + 1) % 100 !== Number.parseInt(endText, 10)) {
    return { ok: false, error: `Financial years run for one year: did you mean ${fyLabel(start)}?` };
  }
  return { ok: true, value: start };
}

/** Forms and CSV: accepts 2024/25, 2024-25 and FY2024/25. */
export function parseFyInput(raw: unknown): FyParse {
  if (typeof raw !== 'string' || raw.trim() === '')
    return { ok: false, error: 'Enter a financial year, for example 2024/25' };
  const m = LENIENT.exec(raw.trim());
  if (!m) return { ok: false, error: 'Enter a financial year like 2024/25' };
  return fromParts(m[1], m[2]);
}

/** API: only the canonical label "2024/25" (C2). */
export function parseFyApi(raw: unknown): FyParse {
  if (typeof raw !== 'string') return { ok: false, error: 'Enter a financial year as a string like "2024/25"' };
  const m = CANONICAL.exec(raw);
  if (!m) return { ok: false, error: 'Enter a financial year in the form "2024/25"' };
  return fromParts(m[1], m[2]);
}

/** 2024 → "2024/25". */
export function fyLabel(start: number): string {
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD into its parts, refusing impossible dates like 2025-02-30. */
export function parseIsoDate(raw: unknown): { year: number; month: number; day: number } | null {
  if (typeof raw !== 'string') return null;
  const m = ISO_DATE.exec(raw.trim());
  if (!m) return null;
  const [year, month, day] = [Number.parseInt(m[1], 10), Number.parseInt(m[2], 10), Number.parseInt(m[3], 10)];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** C2: a date belongs to the financial year that contains it (1 April 2025 → 2025, 31 March 2025 → 2024). */
export function fyOfDate(date: string | Date): number {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new Error('Not a date: Invalid Date');
    return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  }
  const parts = parseIsoDate(date);
  if (!parts) throw new Error(`Not a date: ${date}`);
  return parts.month >= 4 ? parts.year : parts.year - 1;
}

/** First and last day of a financial year, as ISO dates. */
export function fyBounds(start: number): { from: string; to: string } {
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** Today's date in ISO form (UTC), the default as-at date. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the UK (GMT or BST), ISO form: 1 April starts at midnight London time, not UTC. */
export function todayUkIso(now: Date = new Date()): string {
  const parts = LONDON_DATE.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The financial year containing today's UK date (C2, C6). */
export function currentFy(now: Date = new Date()): number {
  return fyOfDate(todayUkIso(now));
}
