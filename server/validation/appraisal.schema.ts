/** The stateless appraisal request (POST /api/v1/appraise and the calculator page). */
import { z } from 'zod';
import { Decimal } from '../money';
import { fyLabel } from '../financial-year';
import {
  choice,
  financialYear,
  flag,
  money,
  object,
  optional,
  optionalFinancialYear,
  ratio,
  type InputMode,
} from './fields';
import { MAX_DISCOUNT_RATE, MAX_OPTIMISM_BIAS } from './projects.schema';

export const MAX_APPRAISAL_YEARS = 100;
export const MAX_APPRAISAL_FLOWS = 10_000;

function costFlow(mode: InputMode) {
  return object(mode, { year: financialYear(mode), amount: money(mode) });
}

function benefitFlow(mode: InputMode) {
  return object(mode, {
    year: financialYear(mode),
    amount: money(mode),
    type: optional(
      choice(['cashable', 'non_cashable'] as const, 'cashable or non_cashable (qualitative benefits carry no money)'),
    ).transform((t) => t ?? 'cashable'),
    confidence: optional(ratio(mode, { label: 'the confidence', max: new Decimal(1), places: 4 })).transform(
      (c) => c ?? new Decimal(1),
    ),
    disbenefit: flag(mode, 'disbenefit'),
  });
}

export function appraisalSchema(mode: InputMode) {
  return object(mode, {
    baseYear: optionalFinancialYear(mode),
    discountRate: optional(ratio(mode, { label: 'the discount rate', max: MAX_DISCOUNT_RATE, places: 6 })).transform(
      (r) => r ?? null,
    ),
    optimismBias: optional(ratio(mode, { label: 'the optimism bias', max: MAX_OPTIMISM_BIAS, places: 4 })).transform(
      (r) => r ?? new Decimal(0),
    ),
    riskAdjusted: flag(mode, 'riskAdjusted'),
    costs: optional(
      z
        .array(costFlow(mode), { error: 'Send costs as a list of { year, amount }' })
        .max(MAX_APPRAISAL_FLOWS, `At most ${MAX_APPRAISAL_FLOWS} flows`),
    ).transform((c) => c ?? []),
    benefits: optional(
      z
        .array(benefitFlow(mode), { error: 'Send benefits as a list of { year, amount, type }' })
        .max(MAX_APPRAISAL_FLOWS, `At most ${MAX_APPRAISAL_FLOWS} flows`),
    ).transform((b) => b ?? []),
  }).superRefine((v, ctx) => {
    if (v.costs.length + v.benefits.length > MAX_APPRAISAL_FLOWS) {
      ctx.addIssue({
        code: 'custom',
        path: ['benefits'],
        message: `An appraisal can have at most ${MAX_APPRAISAL_FLOWS} flows in all`,
      });
      return;
    }
    const years = [...v.costs, ...v.benefits].map((f) => f.year);
    const base = v.baseYear ?? (years.length ? Math.min(...years) : null);
    if (base === null) return;
    // C3: a flow before the base year is an error.
    for (const [list, name] of [
      [v.costs, 'costs'],
      [v.benefits, 'benefits'],
    ] as const) {
      list.forEach((f, i) => {
        if (f.year < base)
          ctx.addIssue({
            code: 'custom',
            path: [name, i, 'year'],
            message: `${fyLabel(f.year)} is before the base year ${fyLabel(base)}`,
          });
        else if (f.year - base >= MAX_APPRAISAL_YEARS)
          ctx.addIssue({
            code: 'custom',
            path: [name, i, 'year'],
            message: `An appraisal can cover at most ${MAX_APPRAISAL_YEARS} years from the base year`,
          });
      });
    }
  });
}

export type AppraisalRequest = z.output<ReturnType<typeof appraisalSchema>>;
