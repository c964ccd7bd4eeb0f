/** Display helpers for presenters. Rounding happens here, once (C1). */
import { Decimal, formatGbp, formatPercent, formatShort, toFixedString } from '../../money';
import { fyLabel } from '../../financial-year';

export { formatGbp, formatShort, fyLabel };

/** A ratio as a percentage for a form field: 0.035 → "3.5" (exact, no trailing zeros). */
export function toPercentInput(d: Decimal | null): string {
  return d === null ? '' : d.times(100).toString();
}

export interface MoneyCell {
  text: string;
  negative: boolean;
  /** Words in place of a figure (e.g. "Not yet due"), shown muted. */
  muted?: boolean;
}

/** C6: the cost variance cell of a year after the as-at year, which has no variance yet. */
export function notYetDueCell(): MoneyCell {
  return { text: 'Not yet due', negative: false, muted: true };
}

/**
 * A count with its noun, singular for exactly 1: plural(1, 'project') → "1 project",
 * plural(3, 'project') → "3 projects", plural(2, 'entry', 'entries') → "2 entries".
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : pluralForm}`;
}

export function moneyCell(d: Decimal): MoneyCell {
  return { text: formatGbp(d), negative: d.toDecimalPlaces(2).isNeg() && !d.toDecimalPlaces(2).isZero() };
}

/** Like moneyCell, with a dash for an empty year. */
export function optionalMoneyCell(d: Decimal | undefined): MoneyCell {
  return d === undefined ? { text: '–', negative: false } : moneyCell(d);
}

export function ratioText(d: Decimal | null, places = 2): string {
  return d === null ? '—' : toFixedString(d, places)!;
}

export interface ConflictView {
  version: number;
  rows: { label: string; value: string }[];
}

/**
 * The presenter of a 409 page for one kind of record: what it shows of the record as it is now,
 * its version and the fields `fields` picks, as label → value.
 */
export function conflictPresenter<T extends { version: number }>(
  fields: (record: T) => Record<string, string>,
): (current: unknown) => ConflictView {
  return (current) => {
    const record = current as T;
    return {
      version: record.version,
      rows: Object.entries(fields(record)).map(([label, value]) => ({ label, value })),
    };
  };
}

/**
 * A Green Book switching value (C6: npv / pvBenefits, npv / pvCosts) in words, by its sign: how far
 * benefits could fall, or costs rise, before NPV reaches zero, or how far they would have to move
 * the other way to break even. `base` is the present value the value is a fraction of; "—" with
 * the reason where the fraction means nothing (no benefits or costs, or a negative total).
 */
export function switchingText(subject: 'benefits' | 'costs', value: Decimal | null, base: Decimal): string {
  const benefits = subject === 'benefits';
  if (value === null || base.isZero()) return `— (no ${subject} to compare)`;
  if (base.isNeg()) return benefits ? '— (dis-benefits outweigh benefits)' : '— (credits outweigh costs)';
  if (value.isZero()) return `NPV is zero: any ${benefits ? 'fall in benefits' : 'rise in costs'} makes it negative`;
  const pct = formatPercent(value.abs());
  if (value.isPos())
    return benefits
      ? `benefits could fall by ${pct} before NPV reaches zero`
      : `costs could rise by ${pct} before NPV reaches zero`;
  return benefits
    ? `benefits would need to rise by ${pct} to break even`
    : `costs would need to fall by ${pct} to break even`;
}

/** A realisation ratio as a percentage, or why there is none. */
export function realisationText(ratio: Decimal | null): string {
  return ratio === null ? 'Nothing expected yet' : formatPercent(ratio);
}

/** "2025-06-30" → "30 June 2025" (GOV.UK date style). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${Number.parseInt(m[3], 10)} ${months[Number.parseInt(m[2], 10) - 1]} ${m[1]}`;
}
