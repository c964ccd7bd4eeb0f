import { z } from 'zod';
import { COST_CATEGORIES, COST_KINDS } from '../records';
import { choice, financialYear, flag, money, object, optionalText, type InputMode } from './fields';

export function costSchema(mode: InputMode) {
  return object(mode, {
    year: financialYear(mode),
    kind: choice(COST_KINDS, 'planned or actual'),
    category: choice(COST_CATEGORIES, 'a category'),
    amount: money(mode, { allowNegative: true }),
    isCredit: flag(mode, 'credit or refund'),
    description: optionalText('the description', 500),
    reference: optionalText('the reference', 100),
  }).superRefine((v, ctx) => {
    // C1: a negative cost is only accepted when the user marks the line as a credit or refund.
    if (v.amount.isNeg() && !v.isCredit) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter an amount of £0 or more, or mark the line as a credit or refund' });
    }
  });
}

export type CostInput = z.output<ReturnType<typeof costSchema>>;
