import { z } from 'zod';
import { realisationEvidenceProblem, realisationSignProblem } from '../domain/rules';
import {
  financialYear,
  flag,
  isoDate,
  money,
  object,
  optional,
  optionalText,
  requiredText,
  type InputMode,
} from './fields';

export function realisationSchema(mode: InputMode) {
  return object(mode, {
    year: financialYear(mode),
    amount: optional(money(mode, { allowNegative: true })).transform((a) => a ?? null),
    value: optionalText('the measured value', 100),
    isCorrection: flag(mode, 'correction'),
    evidence: optionalText('the evidence', 5000),
    recordedBy: requiredText('who recorded it', 120),
    recordedOn: isoDate('the date recorded'),
    // C10: why a verified realisation is being changed (it then returns to unverified).
    changeReason: optionalText('the reason for the change', 500),
  }).superRefine((v, ctx) => {
    const problem = realisationSignProblem(v.amount, v.isCorrection);
    if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
    // An amount needs evidence (the year, which needs today's date, is the use case's to check).
    const evidence = realisationEvidenceProblem(v.amount, v.evidence);
    if (evidence) ctx.addIssue({ code: 'custom', path: ['evidence'], message: evidence });
  });
}

export type RealisationInput = z.output<ReturnType<typeof realisationSchema>>;
