import { z } from 'zod';
import { financialYear, flag, isoDate, money, object, optional, optionalText, requiredText, type InputMode } from './fields';

export function realisationSchema(mode: InputMode) {
  return object(mode, {
    year: financialYear(mode),
    amount: optional(money(mode, { allowNegative: true })).transform((a) => a ?? null),
    value: optionalText('the measured value', 100),
    isCorrection: flag(mode, 'correction'),
    evidence: optionalText('the evidence', 5000),
    recordedBy: requiredText('who recorded it', 120),
    recordedOn: isoDate('the date recorded'),
  }).superRefine((v, ctx) => {
    // C1: a negative realisation is a correction, which the user marks explicitly.
    if (v.amount !== null && v.amount.isNeg() && !v.isCorrection) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter an amount of £0 or more, or mark this as a correction' });
    }
  });
}

export type RealisationInput = z.output<ReturnType<typeof realisationSchema>>;
