/**
 * One zod schema per import kind, keyed by the column names, built from the same field builders
 * as the web forms in 'form' mode: the lenient C1 money (£1,234.50) and C2 year (2024-25) grammar.
 */
import { z } from 'zod';
import { Decimal } from '../money';
import {
  BENEFIT_TYPES,
  COST_CATEGORIES,
  COST_FUNDINGS,
  COST_KINDS,
  COST_RECURRENCES,
  PROJECT_STATUSES,
} from '../records';
import { projectSchema } from './projects.schema';
import { ACCEPTED_COST_CATEGORIES } from './costs.schema';
import {
  code,
  financialYear,
  flag,
  money,
  object,
  optional,
  optionalFinancialYear,
  optionalText,
  requiredText,
} from './fields';

const MODE = 'form';

/** A code from a fixed list, in any case, with a message that lists the choices. */
function listed<T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(values, { error: `Enter ${label} as one of: ${values.join(', ')}` }),
  );
}

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const FRACTION = /^\d+(?:\.\d+)?$/;

/**
 * C5 confidence in [0, 1]: a fraction ("0.8") or a percentage ("80%"), as spreadsheets show it
 * either way. Blank means the default, 1.
 */
export function confidence() {
  return z
    .unknown()
    .optional()
    .transform((v, ctx) => {
      const text = typeof v === 'string' ? v.trim() : '';
      if (text === '') return new Decimal(1);
      const pct = PERCENT.exec(text);
      if (!pct && !FRACTION.test(text)) {
        ctx.addIssue({
          code: 'custom',
          message: 'Enter the confidence as a fraction like 0.8 or a percentage like 80%',
        });
        return z.NEVER;
      }
      const value = pct ? new Decimal(pct[1]).dividedBy(100) : new Decimal(text);
      if (value.gt(1)) {
        ctx.addIssue({ code: 'custom', message: 'Enter a confidence between 0 and 1, or between 0% and 100%' });
        return z.NEVER;
      }
      if (value.decimalPlaces() > 4) {
        ctx.addIssue({
          code: 'custom',
          message: 'Enter the confidence with no more than 4 decimal places (2 in a percentage)',
        });
        return z.NEVER;
      }
      return value;
    });
}

export const costRowSchema = object(MODE, {
  project_code: code('a project code', 20, 'CS-001'),
  year: financialYear(MODE),
  kind: listed(COST_KINDS, 'the kind'),
  funding: optional(listed(COST_FUNDINGS, 'the funding')),
  // Old names (capital, revenue_one_off, revenue_recurring) still read, for files from before issue 19.
  category: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(ACCEPTED_COST_CATEGORIES, { error: `Enter the category as one of: ${COST_CATEGORIES.join(', ')}` }),
  ),
  recurrence: optional(listed(COST_RECURRENCES, 'the recurrence')),
  amount: money(MODE, { allowNegative: true }),
  description: optionalText('the description', 500),
  reference: optionalText('the reference', 100),
  credit: flag(MODE, 'credit'),
});

export const profileRowSchema = object(MODE, {
  project_code: code('a project code', 20, 'CS-001'),
  benefit_ref: code('a benefit reference', 20, 'B1'),
  title: requiredText('a title', 200),
  type: listed(BENEFIT_TYPES, 'the type'),
  category: optionalText('the category', 100),
  year: optionalFinancialYear(MODE),
  expected_amount: optional(money(MODE)).transform((a) => a ?? null),
  confidence: confidence(),
  owner: optionalText('the owner', 120),
  disbenefit: flag(MODE, 'dis-benefit'),
});

/** C9 re-forecasts: the form's fields (C1 amount ≥ 0, C2 year). */
export const reforecastRowSchema = object(MODE, {
  project_code: code('a project code', 20, 'CS-001'),
  benefit_ref: code('a benefit reference', 20, 'B1'),
  year: financialYear(MODE),
  amount: money(MODE),
  note: optionalText('the note', 2000),
});

export type ReforecastRow = z.output<typeof reforecastRowSchema>;

export const realisationRowSchema = object(MODE, {
  project_code: code('a project code', 20, 'CS-001'),
  benefit_ref: code('a benefit reference', 20, 'B1'),
  year: financialYear(MODE),
  amount: optional(money(MODE, { allowNegative: true })).transform((a) => a ?? null),
  value: optionalText('the measured value', 100),
  evidence: optionalText('the evidence', 5000),
  correction: flag(MODE, 'correction'),
});

const projectForm = projectSchema(MODE).shape;

/**
 * Issue 19: the add-a-project form's own fields (rates as percentages, C2 years), the directorate
 * as a typed code and the status in any case ("in delivery" too); blank status means proposed.
 */
export const projectRowSchema = object(MODE, {
  project_code: projectForm.code,
  name: projectForm.name,
  directorate: code('a directorate code', 10, 'CS'),
  status: optional(
    z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().replace(/\s+/g, '_') : v),
      listed(PROJECT_STATUSES, 'the status'),
    ),
  ).transform((s) => s ?? 'proposed'),
  start_year: projectForm.startYear,
  base_year: projectForm.baseYear,
  discount_rate: projectForm.discountRate,
  optimism_bias: projectForm.optimismBias,
  sponsor: projectForm.sponsor,
  manager: projectForm.manager,
  priority: projectForm.priority,
  description: projectForm.description,
});

export type ProjectImportRow = z.output<typeof projectRowSchema>;
export type CostRow = z.output<typeof costRowSchema>;
export type ProfileRow = z.output<typeof profileRowSchema>;
export type RealisationRow = z.output<typeof realisationRowSchema>;
