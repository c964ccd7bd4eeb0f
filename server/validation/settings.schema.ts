/**
 * Organisation settings (C3 discount rule, C6 VfM bands and RAG thresholds, price basis). Every
 * field is checked, and the rules between fields too, so one submission shows every problem.
 */
import { z } from 'zod';
import { Decimal } from '../money';
import { GREEN_BOOK } from '../finance';
import type { DiscountRule, RagThresholds, VfmBands } from '../finance/types';
import { choice, object, ratio, type InputMode } from './fields';

export const DISCOUNT_RULES = ['green_book', 'constant'] as const;
export const PRICE_BASES = ['real', 'nominal'] as const;
export type PriceBasisChoice = (typeof PRICE_BASES)[number];

const ONE = new Decimal(1);
/** A BCR band starting above 100 would make every real project "Low" or worse: surely a typing slip. */
export const MAX_BAND_BOUND = new Decimal(100);
const BAND_TEXT = /^\d+(\.\d{1,4})?$/;

const discountRate = (mode: InputMode) => ratio(mode, { label: 'the discount rate', max: ONE, places: 6 });

/** A VfM band's lower bound: a BCR such as 1.5 (C6). */
function bandBound(band: string) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const text = typeof v === 'string' ? v.trim() : '';
      let message: string | null = null;
      if (text === '') message = `Enter where the ${band} band starts`;
      else if (!BAND_TEXT.test(text))
        message = `Enter where the ${band} band starts as a benefit-cost ratio, like 1.5, with no more than 4 decimal places`;
      else if (new Decimal(text).gt(MAX_BAND_BOUND))
        message = `The ${band} band must start at a ratio of ${MAX_BAND_BOUND.toString()} or less`;
      if (message) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return new Decimal(text);
    });
}

const BANDS = [
  ['vfmLow', 'Low'],
  ['vfmMedium', 'Medium'],
  ['vfmHigh', 'High'],
  ['vfmVeryHigh', 'Very High'],
] as const;

export interface SettingsInput {
  discountRule: DiscountRule;
  rag: RagThresholds;
  vfmBands: VfmBands;
  priceBasis: PriceBasisChoice;
}

export function settingsSchema(mode: InputMode = 'form') {
  return object(mode, {
    discountRule: choice(DISCOUNT_RULES, 'how to discount future years'),
    // Checked below, and only when a constant rate is chosen: a leftover value is ignored otherwise.
    discountRate: z.unknown().optional(),
    ragGreen: ratio(mode, { label: 'the green threshold', max: ONE, places: 4 }),
    ragAmber: ratio(mode, { label: 'the amber threshold', max: ONE, places: 4 }),
    vfmLow: bandBound('Low'),
    vfmMedium: bandBound('Medium'),
    vfmHigh: bandBound('High'),
    vfmVeryHigh: bandBound('Very High'),
    priceBasis: choice(PRICE_BASES, 'whether figures are in real or nominal prices'),
  })
    .superRefine(
      (v, ctx) => {
        if (v.discountRule === 'constant') {
          const blank =
            v.discountRate === undefined ||
            v.discountRate === null ||
            (typeof v.discountRate === 'string' && v.discountRate.trim() === '');
          const r = discountRate(mode).safeParse(v.discountRate);
          if (blank)
            ctx.addIssue({
              code: 'custom',
              path: ['discountRate'],
              message: 'Enter the discount rate, or choose the Green Book schedule',
            });
          else if (!r.success)
            ctx.addIssue({ code: 'custom', path: ['discountRate'], message: r.error.issues[0].message });
        }
        if (Decimal.isDecimal(v.ragGreen) && Decimal.isDecimal(v.ragAmber) && v.ragAmber.gte(v.ragGreen)) {
          ctx.addIssue({
            code: 'custom',
            path: ['ragAmber'],
            message: 'The amber threshold must be lower than the green threshold',
          });
        }
        // C6: bands must rise strictly from Poor, which always starts at 0.
        let previous: { bound: Decimal; band: string } = { bound: new Decimal(0), band: 'Poor' };
        for (const [key, band] of BANDS) {
          const bound = v[key];
          if (!Decimal.isDecimal(bound)) continue;
          if (bound.lte(previous.bound)) {
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `The ${band} band must start above the ${previous.band} band, which starts at ${previous.bound.toString()}`,
            });
          }
          previous = { bound, band };
        }
      },
      // Run even when a field failed, so every problem shows at once; failed fields are skipped above.
      { when: () => true },
    )
    .transform((v): SettingsInput => ({
      discountRule:
        v.discountRule === 'constant'
          ? { kind: 'constant', rate: discountRate(mode).parse(v.discountRate) }
          : GREEN_BOOK,
      rag: { green: v.ragGreen, amber: v.ragAmber },
      vfmBands: { poor: new Decimal(0), low: v.vfmLow, medium: v.vfmMedium, high: v.vfmHigh, veryHigh: v.vfmVeryHigh },
      priceBasis: v.priceBasis,
    }));
}

export const BACKUP_SCHEDULES = ['off', 'daily'] as const;

export interface BackupScheduleInput {
  daily: boolean;
  /** Hour of the day (server time) at or after which the day's backup is taken. */
  hour: number;
  /** How many daily backup files to keep; older ones are deleted after each new backup. */
  keep: number;
}

/** A whole number in a range: digits in a form, a JSON integer (or digits) in the API. */
function wholeNumber(mode: InputMode, min: number, max: number, messages: { blank: string; invalid: string }) {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      // The API may send a JSON integer; anything else that is not text is "not a whole number".
      const text =
        typeof v === 'string'
          ? v.trim()
          : mode === 'api' && Number.isInteger(v)
            ? String(v)
            : v === undefined || v === null
              ? ''
              : '?';
      const n = /^\d{1,4}$/.test(text) ? Number.parseInt(text, 10) : null;
      if (n === null || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: text === '' ? messages.blank : messages.invalid });
        return z.NEVER;
      }
      return n;
    });
}

/** The scheduled-backup form: off or daily, the hour (0–23, server time), and how many to keep (1–366). */
export function backupScheduleSchema(mode: InputMode = 'form') {
  return object(mode, {
    backupSchedule: choice(BACKUP_SCHEDULES, 'whether to take a backup every day'),
    backupHour: wholeNumber(mode, 0, 23, {
      blank: 'Enter the hour of the day to take the backup',
      invalid: 'Enter the hour as a whole number from 0 to 23, like 2 for 02:00',
    }),
    backupKeep: wholeNumber(mode, 1, 366, {
      blank: 'Enter how many backups to keep',
      invalid: 'Enter how many backups to keep as a whole number from 1 to 366',
    }),
  }).transform((v): BackupScheduleInput => ({
    daily: v.backupSchedule === 'daily',
    hour: v.backupHour,
    keep: v.backupKeep,
  }));
}
