import { z } from 'zod';
import { COST_CATEGORIES, COST_FUNDINGS, COST_KINDS, COST_RECURRENCES, LEGACY_COST_CATEGORIES } from '../records';
import type { CostCategory, CostFunding, CostRecurrence } from '../records';
import { costSignProblem } from '../domain/rules';
import { choice, financialYear, flag, money, object, optional, optionalText, type InputMode } from './fields';

/** Today's categories and, for one version, the names from before issue 19 (mapped below). */
export const ACCEPTED_COST_CATEGORIES = [...COST_CATEGORIES, ...Object.keys(LEGACY_COST_CATEGORIES)] as [
  string,
  ...string[],
];

/**
 * Whether a raw input is in the form from before issue 19: an old category name, or no funding at
 * all (the API then answers with a Deprecation header, and maps it as the migration maps stored lines).
 */
export function usesLegacyCategory(body: unknown): boolean {
  const b = (body ?? {}) as { category?: unknown; funding?: unknown };
  const c = b.category;
  return (
    (typeof c === 'string' && c.trim().toLowerCase() in LEGACY_COST_CATEGORIES) ||
    b.funding === undefined ||
    b.funding === null ||
    b.funding === ''
  );
}

interface Classified {
  category: string;
  funding?: CostFunding;
  recurrence?: CostRecurrence;
}

/**
 * The funding rules every cost input meets (issue 19). An old category name implies its funding;
 * without funding, a category maps as the migration mapped stored lines (revenue) unless the
 * caller requires a choice (forms, where the person picks it).
 */
function fundingProblem(v: Classified, required = false): string | null {
  const legacy = LEGACY_COST_CATEGORIES[v.category];
  if (legacy && v.funding && v.funding !== legacy.funding)
    return `The old category "${v.category}" is ${legacy.funding} funding: leave funding out or choose the new category`;
  if (!legacy && !v.funding && required) return 'Select capital or revenue';
  return null;
}

/** Maps an old category name onto category, funding and recurrence (the migration's mapping). */
function classify<T extends Classified>(
  v: T,
): Omit<T, 'category' | 'funding' | 'recurrence'> & {
  category: CostCategory;
  funding: CostFunding;
  recurrence: CostRecurrence | null;
} {
  const legacy = LEGACY_COST_CATEGORIES[v.category];
  return {
    ...v,
    category: legacy ? legacy.category : (v.category as CostCategory),
    funding: legacy ? legacy.funding : (v.funding ?? 'revenue'),
    recurrence: v.recurrence ?? (legacy ? legacy.recurrence : null),
  };
}

/** The category, funding and recurrence fields, shared by the single-line form, the API and the grid. */
export function classificationFields() {
  return {
    category: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.enum(ACCEPTED_COST_CATEGORIES, { error: 'Select a category' }),
    ),
    funding: optional(choice(COST_FUNDINGS, 'capital or revenue')),
    recurrence: optional(choice(COST_RECURRENCES, 'one-off or recurring')),
  };
}

/** The fields a cost line's API resource lets a client write (PATCH merges onto these). */
export const COST_WRITABLE = [
  'year',
  'kind',
  'category',
  'funding',
  'recurrence',
  'amount',
  'isCredit',
  'description',
  'reference',
] as const;

export function costSchema(mode: InputMode) {
  return object(mode, {
    year: financialYear(mode),
    kind: choice(COST_KINDS, 'planned or actual'),
    ...classificationFields(),
    amount: money(mode, { allowNegative: true }),
    isCredit: flag(mode, 'credit or refund'),
    description: optionalText('the description', 500),
    reference: optionalText('the reference', 100),
  })
    .superRefine((v, ctx) => {
      const problem = costSignProblem(v.amount, v.isCredit);
      if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
      const funding = fundingProblem(v, mode === 'form');
      if (funding) ctx.addIssue({ code: 'custom', path: ['funding'], message: funding });
    })
    .transform(classify);
}

export type CostInput = z.output<ReturnType<typeof costSchema>>;

export { classify as classifyCost, fundingProblem as costFundingProblem };
