/**
 * C9 re-forecasts in the forecast view. As at a financial year Y, a benefit's amount for a year
 * y ≥ Y is its latest re-forecast for y made on or before the as-at date, else its profile (risk
 * adjusted if the view says so). The as-at date stands for its financial year, as it does for every
 * other C6 figure: a re-forecast counts from the financial year it was made in (`madeFy`), so as at
 * the current year every re-forecast made so far counts, and as at an earlier year only those made
 * by its 31 March. A re-forecast is a best estimate: never risk-adjusted again, and dis-benefits
 * count negative (C5) as their profiles do.
 */
import { ZERO, type Decimal } from '../money';
import { signedBenefitAmount } from './benefit-sign';
import { plus } from './sum';
import type { ProjectFlows } from './types';

type Benefit = ProjectFlows['benefits'][number];
export type ReforecastLine = NonNullable<Benefit['reforecasts']>[number];

/** Per year, the amount of the latest re-forecast made in or before `asAtFy` (lines in the order made). */
export function latestReforecasts(lines: readonly ReforecastLine[] | undefined, asAtFy: number): Map<number, Decimal> {
  const out = new Map<number, Decimal>();
  for (const line of lines ?? []) if (line.madeFy <= asAtFy) out.set(line.fy, line.amount);
  return out;
}

/**
 * What re-forecasts made in one financial year (`madeFy`) change in one year's forecast benefits,
 * by type, as profiled and as risk-adjusted: the C8 series store these, and the forecast as at Y adds
 * those made in a year ≤ Y.
 */
export interface ReforecastDelta {
  madeFy: number;
  expectedCashable: Decimal;
  expectedNonCashable: Decimal;
  riskCashable: Decimal;
  riskNonCashable: Decimal;
}

export const DELTA_AMOUNTS = ['expectedCashable', 'expectedNonCashable', 'riskCashable', 'riskNonCashable'] as const;

export function emptyDelta(madeFy: number): ReforecastDelta {
  return { madeFy, expectedCashable: ZERO, expectedNonCashable: ZERO, riskCashable: ZERO, riskNonCashable: ZERO };
}

/** Adds `d` into the list's entry for its made year (kept ascending by made year). */
export function addDelta(list: ReforecastDelta[], d: ReforecastDelta): void {
  let at = list.find((x) => x.madeFy === d.madeFy);
  if (!at) {
    at = emptyDelta(d.madeFy);
    list.push(at);
    list.sort((a, b) => a.madeFy - b.madeFy);
  }
  for (const k of DELTA_AMOUNTS) at[k] = plus(at[k], d[k]);
}

/**
 * One benefit's deltas per forecast year: for each year it was re-forecast in, and each financial
 * year re-forecasts of it were made in, the latest re-forecast by then minus what counted before
 * (the previous made year's latest, or the profile).
 */
export function benefitReforecastDeltas(benefit: Benefit): Map<number, ReforecastDelta[]> {
  const out = new Map<number, ReforecastDelta[]>();
  if (benefit.type === 'qualitative' || !benefit.reforecasts?.length) return out; // C5: never money
  const cashable = benefit.type === 'cashable';
  const byYear = new Map<number, ReforecastLine[]>();
  for (const line of benefit.reforecasts) {
    const list = byYear.get(line.fy) ?? [];
    list.push(line);
    byYear.set(line.fy, list);
  }
  for (const [fy, lines] of byYear) {
    let profile = ZERO;
    for (const e of benefit.expected) if (e.fy === fy) profile = plus(profile, e.amount);
    let expected = signedBenefitAmount(benefit, profile);
    let risk = signedBenefitAmount(benefit, benefit.confidence.eq(1) ? profile : profile.times(benefit.confidence));
    const latestByMade = new Map<number, Decimal>();
    for (const line of lines) latestByMade.set(line.madeFy, line.amount); // in the order made: the last wins
    const deltas: ReforecastDelta[] = [];
    for (const madeFy of [...latestByMade.keys()].sort((a, b) => a - b)) {
      const value = signedBenefitAmount(benefit, latestByMade.get(madeFy)!); // C9: not risk-adjusted
      const d = emptyDelta(madeFy);
      d[cashable ? 'expectedCashable' : 'expectedNonCashable'] = value.minus(expected);
      d[cashable ? 'riskCashable' : 'riskNonCashable'] = value.minus(risk);
      deltas.push(d);
      expected = value;
      risk = value;
    }
    out.set(fy, deltas);
  }
  return out;
}

/** The deltas of `list` that count as at `asAtFy`, summed; null when none does. */
export function deltasAsAt(
  list: readonly ReforecastDelta[] | undefined,
  asAtFy: number,
): { cashable: Decimal; nonCashable: Decimal; riskCashable: Decimal; riskNonCashable: Decimal } | null {
  let found = false;
  let cashable = ZERO;
  let nonCashable = ZERO;
  let riskCashable = ZERO;
  let riskNonCashable = ZERO;
  for (const d of list ?? []) {
    if (d.madeFy > asAtFy) continue;
    found = true;
    cashable = plus(cashable, d.expectedCashable);
    nonCashable = plus(nonCashable, d.expectedNonCashable);
    riskCashable = plus(riskCashable, d.riskCashable);
    riskNonCashable = plus(riskNonCashable, d.riskNonCashable);
  }
  return found ? { cashable, nonCashable, riskCashable, riskNonCashable } : null;
}
