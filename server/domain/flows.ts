/** Turns stored yearly totals into the engine's ProjectFlows, and sums simple totals. */
import { ZERO, type Decimal } from '../money';
import type { ProjectFlows } from '../finance/types';
import type { FlowRows } from '../repositories/flows';
import type { Project } from '../records';

/** Groups flow rows by project, in the shape the finance engine takes. Credits are already negative. */
export function groupFlows(projects: Project[], rows: FlowRows): Map<number, ProjectFlows> {
  const out = new Map<number, ProjectFlows>();
  for (const p of projects) out.set(p.id, { baseFy: p.baseFy, optimismBias: p.optimismBias, costs: [], benefits: [] });
  for (const c of rows.costs) out.get(c.projectId)?.costs.push({ fy: c.fy, kind: c.kind, amount: c.amount });
  for (const b of rows.benefits) {
    out.get(b.projectId)?.benefits.push({ type: b.type, disbenefit: b.isDisbenefit, confidence: b.confidence, expected: b.expected, realised: b.realised });
  }
  return out;
}

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

/** Undiscounted all-years totals; qualitative benefits carry no money (C5). */
export function simpleTotals(flows: ProjectFlows): SimpleTotals {
  const t = emptyTotals();
  for (const c of flows.costs) {
    if (c.kind === 'planned') t.plannedCosts = t.plannedCosts.plus(c.amount);
    else t.actualCosts = t.actualCosts.plus(c.amount);
  }
  for (const b of flows.benefits) {
    if (b.type === 'qualitative') continue;
    const sign = b.disbenefit ? -1 : 1;
    for (const e of b.expected) t.expectedBenefits = t.expectedBenefits.plus(e.amount.times(sign));
    for (const r of b.realised) t.realisedBenefits = t.realisedBenefits.plus(r.amount.times(sign));
  }
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
  const at = (fy: number) => {
    if (!years.has(fy)) years.set(fy, { fy, ...emptyTotals() });
    return years.get(fy)!;
  };
  for (const c of flows.costs) {
    const y = at(c.fy);
    if (c.kind === 'planned') y.plannedCosts = y.plannedCosts.plus(c.amount);
    else y.actualCosts = y.actualCosts.plus(c.amount);
  }
  for (const b of flows.benefits) {
    if (b.type === 'qualitative') continue;
    const sign = b.disbenefit ? -1 : 1;
    for (const e of b.expected) at(e.fy).expectedBenefits = at(e.fy).expectedBenefits.plus(e.amount.times(sign));
    for (const r of b.realised) at(r.fy).realisedBenefits = at(r.fy).realisedBenefits.plus(r.amount.times(sign));
  }
  if (years.size === 0) return [];
  const fys = [...years.keys()];
  const out: YearBreakdown[] = [];
  for (let fy = Math.min(...fys); fy <= Math.max(...fys); fy++) out.push(years.get(fy) ?? { fy, ...emptyTotals() });
  return out;
}

/** Expected and realised amounts of one benefit per year (as entered, not signed). */
export function benefitYears(expected: { fy: number; amount: Decimal }[], realised: { fy: number; amount: Decimal }[]): { fy: number; expected: Decimal; realised: Decimal }[] {
  const years = new Map<number, { fy: number; expected: Decimal; realised: Decimal }>();
  const at = (fy: number) => {
    if (!years.has(fy)) years.set(fy, { fy, expected: ZERO, realised: ZERO });
    return years.get(fy)!;
  };
  for (const e of expected) at(e.fy).expected = at(e.fy).expected.plus(e.amount);
  for (const r of realised) at(r.fy).realised = at(r.fy).realised.plus(r.amount);
  return [...years.values()].sort((a, b) => a.fy - b.fy);
}
