import { z } from 'zod';
import { budgetReductionAmountProblem } from '../domain/rules';
import { financialYear, money, object, optionalText, requiredText, type InputMode } from './fields';

/** A budget reduction (issue 19): `{year, amount, budget, reference}`; who recorded it is the signed-in actor. */
export function budgetReductionSchema(mode: InputMode) {
  return object(mode, {
    year: financialYear(mode), // C2
    amount: money(mode), // C1 input (forms) or a money string (API)
    budget: requiredText('the budget or cost centre', 120),
    reference: optionalText('the reference', 120),
  }).superRefine((v, ctx) => {
    const problem = budgetReductionAmountProblem(v.amount);
    if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
  });
}

export type BudgetReductionInput = z.output<ReturnType<typeof budgetReductionSchema>>;
