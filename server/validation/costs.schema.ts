import { z } from 'zod';
import { COST_CATEGORIES, COST_KINDS } from '../records';
import { costSignProblem } from '../domain/rules';
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
    const problem = costSignProblem(v.amount, v.isCredit);
    if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
  });
}

export type CostInput = z.output<ReturnType<typeof costSchema>>;
