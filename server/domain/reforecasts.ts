/**
 * C9 re-forecasts: one use case records one (the web form, the API; imports write the same rows
 * through their plan), and the reads the benefit and project pages show. Append-only: a new
 * re-forecast never changes an earlier one, and the forecast view takes the latest one made by the
 * as-at year (finance/reforecasts.ts). The business case and the baseline never read them.
 */
import { inTransaction, type Db } from '../knex';
import * as reforecastsRepo from '../repositories/benefit-reforecasts';
import { ValidationError } from '../errors';
import { currentFy, fyLabel } from '../financial-year';
import { toApiMoney, ZERO, type Decimal } from '../money';
import { plus } from '../finance/sum';
import type { ReforecastInput } from '../validation/reforecasts.schema';
import type { Benefit, BenefitReforecast, Project, ProfileEntry, Realisation } from '../records';
import { audit } from './audit';
import { afterFlowsChanged } from './flow-writes';
import { assertCanReforecast } from './permissions';
import { assertNotBeforeBase } from './projects';
import { getBenefit, listBenefits, type BenefitDetail } from './benefits';
import { reforecastBenefitProblem, reforecastYearProblem } from './rules';
import type { Ctx } from './types';

/** The rules every re-forecast meets, whichever way it arrives (C9 year and benefit, C3 base year). */
export function reforecastProblems(
  project: Pick<Project, 'baseFy'>,
  benefit: Pick<Benefit, 'type' | 'ref'>,
  fy: number,
  thisFy: number,
): { year?: string; amount?: string } {
  const kind = reforecastBenefitProblem(benefit);
  if (kind) return { amount: kind };
  const year = reforecastYearProblem(fy, thisFy);
  if (year) return { year };
  return fy < project.baseFy
    ? { year: `${fyLabel(fy)} is before the project's base year ${fyLabel(project.baseFy)}` }
    : {};
}

export function reforecastSnapshot(r: Pick<BenefitReforecast, 'fy' | 'amount' | 'note' | 'enteredBy'>) {
  return { year: fyLabel(r.fy), amount: toApiMoney(r.amount), note: r.note, enteredBy: r.enteredBy };
}

/** Records a re-forecast of benefit `ref` of project `projectCode`, with its C8 summaries, audited. */
export async function recordReforecast(
  ctx: Ctx,
  projectCode: string,
  ref: string,
  input: ReforecastInput,
): Promise<BenefitReforecast> {
  return inTransaction(ctx.db, async (trx) => {
    const { project, benefit } = await getBenefit({ db: trx }, projectCode, ref);
    await assertCanReforecast(ctx, trx, project);
    assertNotBeforeBase(project, input.year, 'year');
    const problems = reforecastProblems(project, benefit, input.year, currentFy());
    if (Object.keys(problems).length) throw new ValidationError(problems);
    const write = {
      benefitId: benefit.id,
      fy: input.year,
      amount: input.amount,
      note: input.note,
      enteredByUserId: ctx.actor.id,
      enteredBy: ctx.actor.label.slice(0, 120),
    };
    const id = await reforecastsRepo.insert(trx, write);
    await afterFlowsChanged(trx, project, 'amount');
    await audit(trx, ctx, {
      action: 'created',
      entityType: 'reforecast',
      entityId: `${project.code}/${benefit.ref}/${id}`,
      projectId: project.id,
      summary: `Re-forecast of ${benefit.ref} for ${fyLabel(input.year)} entered on ${project.code}`,
      after: reforecastSnapshot(write),
    });
    return (await reforecastsRepo.findById(trx, id))!;
  });
}

export interface BenefitReforecasts {
  project: Project;
  benefit: Benefit;
  /** Every re-forecast, newest first (the history). */
  reforecasts: BenefitReforecast[];
}

/** A benefit's re-forecasts, newest first. */
export async function listReforecasts(
  ctx: Ctx | { db: Db },
  projectCode: string,
  ref: string,
): Promise<BenefitReforecasts> {
  const { project, benefit } = await getBenefit(ctx, projectCode, ref);
  const reforecasts = (await reforecastsRepo.listByBenefit(ctx.db, benefit.id)).sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id,
  );
  return { project, benefit, reforecasts };
}

/** One year of a benefit as its page shows it: the profile, the latest re-forecast and the realised amount. */
export interface BenefitYear {
  fy: number;
  profile: Decimal | null;
  latest: BenefitReforecast | null;
  /** Money realised in the year (corrections net), null when nothing was recorded. */
  realised: Decimal | null;
}

/**
 * Per year, ascending: a benefit's profile, its latest re-forecast (made by now) and what was
 * realised, over every year any of them falls in. Amounts as entered (a dis-benefit's positive).
 */
export function benefitYears(
  profile: readonly ProfileEntry[],
  reforecasts: readonly BenefitReforecast[],
  realisations: readonly Realisation[],
): BenefitYear[] {
  const years = new Map<number, BenefitYear>();
  const year = (fy: number) => {
    let y = years.get(fy);
    if (!y) years.set(fy, (y = { fy, profile: null, latest: null, realised: null }));
    return y;
  };
  for (const p of profile) year(p.fy).profile = plus(year(p.fy).profile ?? ZERO, p.amount);
  const asMade = reforecastsRepo.sortAsMade([...reforecasts]);
  for (const r of asMade) year(r.fy).latest = r;
  for (const r of realisations)
    if (r.amount !== null) year(r.fy).realised = plus(year(r.fy).realised ?? ZERO, r.amount);
  return [...years.values()].sort((a, b) => a.fy - b.fy);
}

/** Re-forecasts of many benefits grouped by benefit (project page: one read for every benefit). */
export async function reforecastsByBenefit(db: Db, projectId: number): Promise<Map<number, BenefitReforecast[]>> {
  const out = new Map<number, BenefitReforecast[]>();
  for (const r of await reforecastsRepo.listByProjects(db, [projectId])) {
    const list = out.get(r.benefitId) ?? [];
    list.push(r);
    out.set(r.benefitId, list);
  }
  return out;
}

/** The re-forecast form's check: the benefit, if this actor may re-forecast it (ForbiddenError otherwise). */
export async function assertMayReforecast(ctx: Ctx, projectCode: string, ref: string) {
  const d = await getBenefit(ctx, projectCode, ref);
  await assertCanReforecast(ctx, ctx.db, d.project);
  return d;
}

/** What a benefit's page shows of its re-forecasts: per year, and the history newest first. */
export async function benefitReforecastView(ctx: Ctx, projectCode: string, ref: string) {
  const d = await getBenefit(ctx, projectCode, ref);
  const { reforecasts } = await listReforecasts(ctx, projectCode, ref);
  return { years: benefitYears(d.profile, reforecasts, d.realisations), history: reforecasts };
}

/** The project page's table: each money benefit's profile, latest re-forecast and realised amount per year. */
export async function projectBenefitYears(
  ctx: Ctx,
  projectCode: string,
): Promise<{ ref: string; title: string; years: BenefitYear[] }[]> {
  return benefitYearsOf(ctx, await listBenefits(ctx, projectCode));
}

/** projectBenefitYears for one project's benefits already read (the project page reads them once). */
export async function benefitYearsOf(
  ctx: Ctx,
  details: BenefitDetail[],
): Promise<{ ref: string; title: string; years: BenefitYear[] }[]> {
  if (details.length === 0) return [];
  const byBenefit = await reforecastsByBenefit(ctx.db, details[0].project.id);
  return details
    .filter((d) => d.benefit.type !== 'qualitative')
    .map((d) => ({
      ref: d.benefit.ref,
      title: d.benefit.title,
      years: benefitYears(d.profile, byBenefit.get(d.benefit.id) ?? [], d.realisations),
    }))
    .filter((b) => b.years.length > 0);
}
