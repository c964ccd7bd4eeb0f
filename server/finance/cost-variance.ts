/** Cost variance as at a date (CONVENTIONS C6). */
import { ZERO, type Decimal } from '../money';
import type { CostVarianceResult, CostVarianceTotals, CostVarianceYear, ProjectFlows } from './types';
import { plus } from './sum';

export interface PlannedActual {
  fy: number;
  planned: Decimal;
  actual: Decimal;
}

/** Planned (as entered: C6 applies no optimism bias here) and actual costs per year with a line that `keep` takes. */
export function plannedAndActual(flows: ProjectFlows, keep: (fy: number) => boolean): PlannedActual[] {
  const byFy = new Map<number, PlannedActual>();
  for (const line of flows.costs) {
    if (!keep(line.fy)) continue;
    let year = byFy.get(line.fy);
    if (!year) {
      year = { fy: line.fy, planned: ZERO, actual: ZERO };
      byFy.set(line.fy, year);
    }
    if (line.kind === 'planned') year.planned = year.planned.plus(line.amount);
    else year.actual = year.actual.plus(line.amount);
  }
  return [...byFy.values()].sort((a, b) => a.fy - b.fy);
}

/**
 * Planned (as entered: C6 applies no optimism bias here) and actual costs per year up to and
 * including the as-at year, for every year with a planned or an actual line.
 */
export function plannedAndActualByYear(flows: ProjectFlows, asAtFy: number): PlannedActual[] {
  return plannedAndActual(flows, (fy) => fy <= asAtFy);
}

/** C6: variance / planned, null when planned is 0. */
function ratio(variance: Decimal, planned: Decimal): Decimal | null {
  return planned.isZero() ? null : variance.dividedBy(planned);
}

/** C6: variance = actual − planned in total, with its ratio to planned. */
export function costVarianceTotals(years: readonly PlannedActual[]): CostVarianceTotals {
  let planned = ZERO;
  let actual = ZERO;
  for (const y of years) {
    planned = plus(planned, y.planned);
    actual = plus(actual, y.actual);
  }
  const variance = actual.minus(planned);
  return { planned, actual, variance, varianceRatio: ratio(variance, planned) };
}

/**
 * C6: variance = actual − planned per year and in total over `years` (the years that are due),
 * with its ratio to planned. `notYetDue` (years after the as-at year) are listed with their
 * planned and actual costs and a null variance, and no total includes them.
 */
export function costVarianceFromYears(
  years: readonly PlannedActual[],
  notYetDue: readonly PlannedActual[] = [],
): CostVarianceResult {
  const due = years.map((y): CostVarianceYear => {
    const variance = y.actual.minus(y.planned);
    return { ...y, due: true, variance, varianceRatio: ratio(variance, y.planned) };
  });
  const later = notYetDue.map((y): CostVarianceYear => ({ ...y, due: false, variance: null, varianceRatio: null }));
  return { ...costVarianceTotals(years), byYear: [...due, ...later].sort((a, b) => a.fy - b.fy) };
}

/**
 * C6 cost variance of one project as at the as-at year: every year with a cost line, those after
 * the as-at year "not yet due" (null variance, in no total).
 */
export function costVariance(flows: ProjectFlows, asAtFy: number): CostVarianceResult {
  return costVarianceFromYears(
    plannedAndActualByYear(flows, asAtFy),
    plannedAndActual(flows, (fy) => fy > asAtFy),
  );
}
