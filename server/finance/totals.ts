/**
 * Undiscounted sums of a project's flows, all years or per year, as lists and tables show them:
 * costs as entered (no optimism bias), money benefits net of dis-benefits (C5) and not risk-adjusted,
 * with C6 cost variance (actual − planned) per year and in total as at a date.
 */
import { ZERO, type Decimal } from '../money';
import { signedBenefitAmount } from './benefit-sign';
import { costVarianceFromYears } from './cost-variance';
import type { ProjectFlows } from './types';

export interface SimpleTotals {
  plannedCosts: Decimal;
  actualCosts: Decimal;
  /** Money benefits net of dis-benefits (C5), as profiled. */
  expectedBenefits: Decimal;
  realisedBenefits: Decimal;
}

export function emptyTotals(): SimpleTotals {
  return { plannedCosts: ZERO, actualCosts: ZERO, expectedBenefits: ZERO, realisedBenefits: ZERO };
}

/** Adds one project's costs and money benefits into `t`; `at(fy)` picks the totals a year's figures go to. */
function addFlows(flows: ProjectFlows, at: (fy: number) => SimpleTotals): void {
  for (const c of flows.costs) {
    const t = at(c.fy);
    if (c.kind === 'planned') t.plannedCosts = t.plannedCosts.plus(c.amount);
    else t.actualCosts = t.actualCosts.plus(c.amount);
  }
  for (const b of flows.benefits) {
    if (b.type === 'qualitative') continue; // C5: never summed into money
    for (const e of b.expected)
      at(e.fy).expectedBenefits = at(e.fy).expectedBenefits.plus(signedBenefitAmount(b, e.amount));
    for (const r of b.realised)
      at(r.fy).realisedBenefits = at(r.fy).realisedBenefits.plus(signedBenefitAmount(b, r.amount));
  }
}

/** Undiscounted all-years totals; qualitative benefits carry no money (C5). */
export function simpleTotals(flows: ProjectFlows): SimpleTotals {
  const t = emptyTotals();
  addFlows(flows, () => t);
  return t;
}

export function addTotals(a: SimpleTotals, b: SimpleTotals): SimpleTotals {
  return {
    plannedCosts: a.plannedCosts.plus(b.plannedCosts),
    actualCosts: a.actualCosts.plus(b.actualCosts),
    expectedBenefits: a.expectedBenefits.plus(b.expectedBenefits),
    realisedBenefits: a.realisedBenefits.plus(b.realisedBenefits),
  };
}

export interface YearBreakdown extends SimpleTotals {
  fy: number;
}

/** Per financial year, undiscounted, with no gaps between the first and last year with figures. */
export function yearlyBreakdown(flows: ProjectFlows): YearBreakdown[] {
  const years = new Map<number, YearBreakdown>();
  addFlows(flows, (fy) => {
    let y = years.get(fy);
    if (!y) {
      y = { fy, ...emptyTotals() };
      years.set(fy, y);
    }
    return y;
  });
  if (years.size === 0) return [];
  const fys = [...years.keys()];
  const out: YearBreakdown[] = [];
  for (let fy = Math.min(...fys); fy <= Math.max(...fys); fy++) out.push(years.get(fy) ?? { fy, ...emptyTotals() });
  return out;
}

export interface YearTableRow extends YearBreakdown {
  /** False for a year after the as-at year (C6: "not yet due"). */
  due: boolean;
  /** C6: actual − planned in the year, as entered; null when the year is not yet due. */
  costVariance: Decimal | null;
}

export interface YearTable {
  years: YearTableRow[];
  /** All years. */
  totals: SimpleTotals;
  /** C6: actual − planned, as entered, over the years up to and including the as-at year only. */
  costVariance: Decimal;
}

/**
 * A project's figures per year and in total, undiscounted, with C6 cost variance as at `asAtFy`:
 * per year up to the as-at year and in total over those years; later years are not yet due.
 */
export function yearTable(flows: ProjectFlows, asAtFy: number): YearTable {
  const years = yearlyBreakdown(flows);
  const due = years.filter((y) => y.fy <= asAtFy);
  const variance = costVarianceFromYears(
    due.map((y) => ({ fy: y.fy, planned: y.plannedCosts, actual: y.actualCosts })),
  );
  return {
    years: years.map((y) => {
      const i = due.indexOf(y);
      return i < 0
        ? { ...y, due: false, costVariance: null }
        : { ...y, due: true, costVariance: variance.byYear[i].variance };
    }),
    totals: simpleTotals(flows),
    costVariance: variance.variance,
  };
}

export interface BenefitYear {
  fy: number;
  expected: Decimal;
  realised: Decimal;
}

/** Expected and realised amounts of one benefit per year (as entered, not signed). */
export function benefitYears(
  expected: { fy: number; amount: Decimal }[],
  realised: { fy: number; amount: Decimal }[],
): BenefitYear[] {
  const years = new Map<number, BenefitYear>();
  const at = (fy: number) => {
    if (!years.has(fy)) years.set(fy, { fy, expected: ZERO, realised: ZERO });
    return years.get(fy)!;
  };
  for (const e of expected) at(e.fy).expected = at(e.fy).expected.plus(e.amount);
  for (const r of realised) at(r.fy).realised = at(r.fy).realised.plus(r.amount);
  return [...years.values()].sort((a, b) => a.fy - b.fy);
}

type Line = { fy: number; amount: Decimal };

/** One benefit's expected and realised amounts over all years (as entered, not signed). */
export function benefitTotals(benefit: { expected: readonly Line[]; realised: readonly Line[] }): {
  expected: Decimal;
  realised: Decimal;
} {
  const sum = (lines: readonly Line[]) => lines.reduce((s, l) => s.plus(l.amount), ZERO);
  return { expected: sum(benefit.expected), realised: sum(benefit.realised) };
}
