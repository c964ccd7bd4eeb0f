/**
 * Issue 19 demo data: the council priorities the demo projects name (a managed list, seeded
 * before the projects), and budget reductions on some cashable benefits with realisations: most
 * of each realised saving taken out of a named budget, so the cashable savings report shows a gap.
 */
import type { Ctx } from '../../server/domain/types';
import { createPriority } from '../../server/domain/priorities';
import { recordBudgetReduction } from '../../server/domain/budget-reductions';
import { budgetReductionSchema } from '../../server/validation/budget-reductions.schema';
import { prioritySchema } from '../../server/validation/priorities.schema';
import { parseOrThrow } from '../../server/validation/fields';
import { Decimal } from '../../server/money';
import { DEMO_PROJECTS } from './demo-data';

export async function seedDemoPriorities(ctx: Ctx): Promise<void> {
  const names = [...new Set(DEMO_PROJECTS.map((p) => p.priority.trim()).filter((p) => p !== ''))].sort();
  for (const name of names) await createPriority(ctx, parseOrThrow(prioritySchema('api'), { name }));
}

/** Every other cashable benefit with money realisations: three quarters of each year's realised amount taken. */
export async function seedDemoBudgetReductions(ctx: Ctx): Promise<void> {
  let n = 0;
  for (const p of DEMO_PROJECTS)
    for (const b of p.benefits) {
      if (b.type !== 'cashable' || b.isDisbenefit || !b.realisations?.length) continue;
      if (n++ % 2 === 1) continue;
      const byYear = new Map<string, Decimal>();
      for (const r of b.realisations)
        if (r.amount) byYear.set(r.year, (byYear.get(r.year) ?? new Decimal(0)).plus(new Decimal(r.amount)));
      for (const [year, realised] of byYear) {
        const amount = realised.times(3).dividedBy(4).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        if (amount.lte(0)) continue;
        const input = {
          year,
          amount: amount.toFixed(2),
          budget: `${p.directorateCode} service budget`,
          reference: `Budget setting ${year}`,
        };
        await recordBudgetReduction(ctx, p.code, b.ref, parseOrThrow(budgetReductionSchema('api'), input));
      }
    }
}
