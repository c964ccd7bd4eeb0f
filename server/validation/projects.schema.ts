import { z } from 'zod';
import { Decimal } from '../money';
import { PROJECT_STATUSES } from '../records';
import {
  choice,
  code,
  financialYear,
  object,
  optional,
  optionalFinancialYear,
  optionalText,
  ratio,
  requiredText,
  type InputMode,
} from './fields';
import { inlineApprovalSchema } from './decisions.schema';

/** G4: the largest Green Book optimism-bias upper bound is 200% (equipment/development capital). */
export const MAX_OPTIMISM_BIAS = new Decimal(2);
export const MAX_DISCOUNT_RATE = new Decimal(1);

export function projectSchema(mode: InputMode) {
  return object(mode, {
    code: code('a project code', 20, 'CS-001'),
    name: requiredText('a project name', 200),
    // A dropdown on the forms, a code typed by API clients.
    directorateCode: code('a directorate', 10, 'CS', mode === 'form' ? 'Select' : 'Enter'),
    description: optionalText('the description', 5000),
    sponsor: optionalText('the sponsor', 120),
    manager: optionalText('the project manager', 120),
    status: optional(choice(PROJECT_STATUSES, 'a status')).transform((s) => s ?? 'proposed'),
    startYear: financialYear(mode),
    baseYear: optionalFinancialYear(mode),
    discountRate: optional(ratio(mode, { label: 'the discount rate', max: MAX_DISCOUNT_RATE, places: 6 })).transform(
      (r) => r ?? null,
    ),
    optimismBias: optional(ratio(mode, { label: 'the optimism bias', max: MAX_OPTIMISM_BIAS, places: 4 })).transform(
      (r) => r ?? new Decimal(0),
    ),
    priority: optionalText('the council priority', 200),
    // C9: a project created at `approved` or later brings its approval decision (API and set-up only).
    decision: optional(inlineApprovalSchema(mode)).transform((d) => d ?? null),
  });
}

type ParsedProject = z.output<ReturnType<typeof projectSchema>>;
/** `decision` may be left out by callers that build the input themselves (it is then none). */
export type ProjectInput = Omit<ParsedProject, 'decision'> & { decision?: ParsedProject['decision'] };
