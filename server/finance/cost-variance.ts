/** Cost variance as at a date (CONVENTIONS C6). */
import { ZERO, type Decimal } from '../money';
import type { CostVarianceResult, CostVarianceTotals, ProjectFlows } from './types';
import { plus } from './sum';

export interface PlannedActual {
  fy: number;
  planned: Decimal;
  actual: Decimal;
}

/**
 * Planned (as entered: C6 applies no optimism bias here) and actual costs per year up to and
 * including the as-at year, for every year with a planned or an actual line.
 */
export function plannedAndActualByYear(flows: ProjectFlows, asAtFy: number): PlannedActual[] {
  const byFy = new Map<number, PlannedActual>();
  for (const line of flows.costs) {
    if (line.fy > asAtFy) continue;
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

/** C6: variance = actual − planned per year and in total, with its ratio to planned. */
export function costVarianceFromYears(years: readonly PlannedActual[]): CostVarianceResult {
  const byYear = years.map((y) => {
    const variance = y.actual.minus(y.planned);
    return { fy: y.fy, planned: y.planned, actual: y.actual, variance, varianceRatio: ratio(variance, y.planned) };
  });
  return { ...costVarianceTotals(years), byYear };
}

/** C6 cost variance of one project as at the as-at year. */
export function costVariance(flows: ProjectFlows, asAtFy: number): CostVarianceResult {
  return costVarianceFromYears(plannedAndActualByYear(flows, asAtFy));
}
