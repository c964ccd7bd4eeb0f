/**
 * Savings taken from budgets (issue 19): a cashable benefit records the budget reductions that
 * took its saving out of a budget. One write path for the form and the API; audited; the rules
 * (C5 cashable only, C1 amount and yearly total, C2/C3 year) live in rules.ts.
 */
import { inTransaction, type Db } from '../knex';
import * as reductionsRepo from '../repositories/budget-reductions';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { fyLabel } from '../financial-year';
import { formatGbp } from '../money';
import type { BudgetReductionInput } from '../validation/budget-reductions.schema';
import { audit } from './audit';
import { getBenefit } from './benefits';
import { assertCanEditProject } from './permissions';
import { baseYearProblem, budgetReductionBenefitProblem, yearlyTotalProblem } from './rules';
import type { Ctx } from './types';
import type { Benefit, BudgetReduction, Project } from '../records';

export interface BudgetReductionsOfBenefit {
  project: Project;
  benefit: Benefit;
  reductions: BudgetReduction[];
}

export async function listBudgetReductions(
  ctx: Ctx | { db: Db },
  projectCode: string,
  ref: string,
): Promise<BudgetReductionsOfBenefit> {
  const { project, benefit } = await getBenefit(ctx, projectCode, ref);
  return { project, benefit, reductions: await reductionsRepo.listByBenefit(ctx.db, benefit.id) };
}

function snapshot(r: { fy: number; amount: { toFixed(n: number): string }; budget: string; reference: string }) {
  return { year: fyLabel(r.fy), amount: r.amount.toFixed(2), budget: r.budget, reference: r.reference };
}

export async function recordBudgetReduction(
  ctx: Ctx,
  projectCode: string,
  ref: string,
  input: BudgetReductionInput,
): Promise<BudgetReduction> {
  return inTransaction(ctx.db, async (trx) => {
    const { project, benefit } = await getBenefit({ db: trx }, projectCode, ref);
    assertCanEditProject(ctx, project);
    const refused = budgetReductionBenefitProblem(benefit);
    if (refused) throw new ConflictError(refused, {}, 'not_cashable');
    const early = baseYearProblem(project.baseFy, input.year); // C3: nothing before the base year
    if (early) throw new ValidationError({ year: early });
    // C1 "No valid data may break a sum": the project's reductions in the year stay within one amount.
    const total = (await reductionsRepo.projectYearTotal(trx, project.id, input.year)).plus(input.amount);
    const tooBig = yearlyTotalProblem(project.code, 'reduced', input.year, total);
    if (tooBig) throw new ValidationError({ amount: tooBig });
    const write = { fy: input.year, amount: input.amount, budget: input.budget, reference: input.reference };
    const id = await reductionsRepo.insert(trx, benefit.id, { ...write, recordedBy: ctx.actor.label });
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'budget_reduction',
      entityId: `${project.code}/${benefit.ref}/${id}`,
      projectId: project.id,
      summary: `Budget reduction of ${formatGbp(input.amount)} from ${input.budget} in ${fyLabel(input.year)} recorded for ${benefit.ref} on ${project.code}`,
      after: snapshot(write),
    });
    return (await reductionsRepo.findById(trx, id))!;
  });
}

export async function deleteBudgetReduction(ctx: Ctx, projectCode: string, ref: string, id: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const { project, benefit, reduction } = await findReduction({ db: trx }, projectCode, ref, id);
    assertCanEditProject(ctx, project);
    await reductionsRepo.remove(trx, id);
    await audit(trx, ctx, {
      action: 'deleted',
      entityType: 'budget_reduction',
      entityId: `${project.code}/${benefit.ref}/${id}`,
      projectId: project.id,
      summary: `Budget reduction of ${formatGbp(reduction.amount)} from ${reduction.budget} in ${fyLabel(reduction.fy)} deleted from ${benefit.ref} on ${project.code}`,
      before: snapshot(reduction),
    });
  });
}

export async function findReduction(ctx: Ctx | { db: Db }, projectCode: string, ref: string, id: number) {
  const { project, benefit, reductions } = await listBudgetReductions(ctx, projectCode, ref);
  const reduction = reductions.find((r) => r.id === id);
  if (!reduction) throw new NotFoundError(`There is no budget reduction ${id} on benefit ${benefit.ref}`);
  return { project, benefit, reduction };
}

/** The form and delete page: offered only to those whose save would be taken (same checks). */
export async function assertMayRecordBudgetReduction(
  ctx: Ctx,
  projectCode: string,
  ref: string,
): Promise<BudgetReductionsOfBenefit> {
  const found = await listBudgetReductions(ctx, projectCode, ref);
  assertCanEditProject(ctx, found.project);
  return found;
}

/** Whether the benefit page offers the form: the actor may edit the project and the benefit takes reductions. */
export function mayRecordBudgetReduction(canEdit: boolean, benefit: Benefit): boolean {
  return canEdit && budgetReductionBenefitProblem(benefit) === null;
}
