/**
 * The appraisal calculator form: a table of years with a cost, a cashable and a non-cashable
 * benefit per row. It becomes the same AppraisalRequest as POST /api/v1/appraise.
 */
import { z } from 'zod';
import { Decimal } from '../money';
import { fyLabel } from '../financial-year';
import type { AppraisalRequest } from './appraisal.schema';
import { MAX_APPRAISAL_YEARS } from './appraisal.schema';
import { financialYear, flag, money, object, optional, optionalFinancialYear, ratio } from './fields';
import { MAX_DISCOUNT_RATE, MAX_OPTIMISM_BIAS } from './projects.schema';

const row = object('form', {
  year: financialYear('form'),
  cost: optional(money('form')),
  cashable: optional(money('form')),
  nonCashable: optional(money('form')),
});

export const calculatorSchema = object('form', {
  baseYear: optionalFinancialYear('form'),
  discountRate: optional(ratio('form', { label: 'the discount rate', max: MAX_DISCOUNT_RATE, places: 6 })).transform(
    (r) => r ?? null,
  ),
  optimismBias: optional(ratio('form', { label: 'the optimism bias', max: MAX_OPTIMISM_BIAS, places: 4 })).transform(
    (r) => r ?? new Decimal(0),
  ),
  confidence: optional(ratio('form', { label: 'the confidence', max: new Decimal(1), places: 4 })).transform(
    (c) => c ?? new Decimal(1),
  ),
  riskAdjusted: flag('form', 'risk adjustment'),
  rows: z
    .array(row)
    .min(1, 'Enter at least one year with a cost or a benefit')
    .max(MAX_APPRAISAL_YEARS, `Enter at most ${MAX_APPRAISAL_YEARS} years`),
}).superRefine((v, ctx) => {
  const seen = new Set<number>();
  const base = v.baseYear ?? Math.min(...v.rows.map((r) => r.year));
  v.rows.forEach((r, i) => {
    if (seen.has(r.year))
      ctx.addIssue({ code: 'custom', path: ['rows', i, 'year'], message: `${fyLabel(r.year)} appears more than once` });
    seen.add(r.year);
    // C3: a flow before the base year is an error.
    if (r.year < base)
      ctx.addIssue({
        code: 'custom',
        path: ['rows', i, 'year'],
        message: `${fyLabel(r.year)} is before the base year ${fyLabel(base)}`,
      });
    else if (r.year - base >= MAX_APPRAISAL_YEARS)
      ctx.addIssue({
        code: 'custom',
        path: ['rows', i, 'year'],
        message: `At most ${MAX_APPRAISAL_YEARS} years from the base year`,
      });
  });
});

export type CalculatorInput = z.output<typeof calculatorSchema>;

export function toAppraisalRequest(c: CalculatorInput): AppraisalRequest {
  const costs = c.rows.filter((r) => r.cost !== undefined).map((r) => ({ year: r.year, amount: r.cost! }));
  const benefits = c.rows.flatMap((r) => [
    ...(r.cashable !== undefined
      ? [{ year: r.year, amount: r.cashable, type: 'cashable' as const, confidence: c.confidence, disbenefit: false }]
      : []),
    ...(r.nonCashable !== undefined
      ? [
          {
            year: r.year,
            amount: r.nonCashable,
            type: 'non_cashable' as const,
            confidence: c.confidence,
            disbenefit: false,
          },
        ]
      : []),
  ]);
  return {
    baseYear: c.baseYear,
    discountRate: c.discountRate,
    optimismBias: c.optimismBias,
    riskAdjusted: c.riskAdjusted,
    costs,
    benefits,
  };
}
