import { z } from 'zod';
import { Decimal } from '../money';
import { qualitativeMoneyProblem, repeatedYearProblem, repeatedYears } from '../domain/rules';
import { BENEFIT_STATUSES, BENEFIT_TYPES } from '../records';
import {
  choice,
  code,
  financialYear,
  flag,
  money,
  object,
  optional,
  optionalText,
  ratio,
  requiredText,
  type InputMode,
} from './fields';

export const MAX_PROFILE_YEARS = 100;

function profileSchema(mode: InputMode) {
  return z
    .array(object(mode, { year: financialYear(mode), amount: money(mode) }), {
      error: 'Enter the profile as a list of years and amounts',
    })
    .max(MAX_PROFILE_YEARS, `A profile can cover at most ${MAX_PROFILE_YEARS} years`)
    .superRefine((rows, ctx) => {
      for (const i of repeatedYears(rows.map((r) => r.year)))
        ctx.addIssue({ code: 'custom', path: [i, 'year'], message: repeatedYearProblem(rows[i].year) });
    });
}

export function benefitSchema(mode: InputMode) {
  return object(mode, {
    ref: code('a benefit reference', 20, 'B1'),
    title: requiredText('a title', 200),
    description: optionalText('the description', 5000),
    type: choice(BENEFIT_TYPES, 'the type of benefit'),
    category: optionalText('the category', 100),
    isDisbenefit: flag(mode, 'dis-benefit'),
    owner: optionalText('the owner', 120),
    measure: optionalText('the measure', 200),
    baseline: optionalText('the baseline', 100),
    target: optionalText('the target', 100),
    unit: optionalText('the unit', 50),
    confidence: optional(ratio(mode, { label: 'the confidence', max: new Decimal(1), places: 4 })).transform(
      (c) => c ?? new Decimal(1),
    ),
    status: optional(choice(BENEFIT_STATUSES, 'a status')).transform((s) => s ?? 'identified'),
    serviceFeature: optionalText('the service feature', 2000),
    enablingActivities: optionalText('the enabling activities', 2000),
    profile: optional(profileSchema(mode)).transform((p) => p ?? []),
  }).superRefine((v, ctx) => {
    v.profile.forEach((row, i) => {
      const problem = qualitativeMoneyProblem(v.type, row.amount);
      if (problem) ctx.addIssue({ code: 'custom', path: ['profile', i, 'amount'], message: problem });
    });
  });
}

export type BenefitInput = z.output<ReturnType<typeof benefitSchema>>;

export function profileOnlySchema(mode: InputMode) {
  return object(mode, { profile: profileSchema(mode) });
}
