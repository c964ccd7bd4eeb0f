/** Benefits realisation as at a date (CONVENTIONS C6). */
import { ZERO, type Decimal } from '../money';
import { ragStatus } from './rag';
import { signedBenefitAmount } from './benefit-sign';
import type { ProjectFlows, RagThresholds, RealisationResult } from './types';

type Line = { fy: number; amount: Decimal };

function sumUpTo(lines: readonly Line[], asAtFy: number): Decimal {
  let sum = ZERO;
  for (const line of lines) if (line.fy <= asAtFy && !line.amount.isZero()) sum = sum.plus(line.amount);
  return sum;
}

/**
 * C9: the benefits whose profiles give realisation's "expected": before approval the current
 * benefits; once there is a baseline, the latest baseline's benefits, plus any benefit added since
 * (not in the baseline, so with no baselined profile: its current profile counts, as before approval;
 * otherwise adding a benefit and realising it would raise the rate with nothing expected against it).
 */
export function realisationExpectedFrom(
  flows: ProjectFlows,
): readonly { type: ProjectFlows['benefits'][number]['type']; disbenefit: boolean; expected: readonly Line[] }[] {
  const b = flows.baseline;
  if (!b) return flows.benefits;
  const frozen = new Set(b.benefits.map((x) => x.sourceId));
  return [...b.benefits, ...flows.benefits.filter((x) => x.id !== undefined && !frozen.has(x.id))];
}

/**
 * C6: expected and realised money benefits to date (years ≤ the as-at year), net of dis-benefits
 * (C5), expected as profiled, NOT risk-adjusted. C9: once the project has a baseline, "expected"
 * comes from the latest baseline's profiles, so editing the plan cannot improve the rate.
 */
export function realisationTotals(
  flows: ProjectFlows,
  asAtFy: number,
): { expectedToDate: Decimal; realisedToDate: Decimal } {
  let expectedToDate = ZERO;
  let realisedToDate = ZERO;
  for (const benefit of realisationExpectedFrom(flows)) {
    if (benefit.type === 'qualitative') continue; // C5: never summed into money
    expectedToDate = expectedToDate.plus(signedBenefitAmount(benefit, sumUpTo(benefit.expected, asAtFy)));
  }
  for (const benefit of flows.benefits) {
    if (benefit.type === 'qualitative') continue;
    realisedToDate = realisedToDate.plus(signedBenefitAmount(benefit, sumUpTo(benefit.realised, asAtFy)));
  }
  return { expectedToDate, realisedToDate };
}

/** C6: ratio = realised / expected (null when nothing was expected yet) and its RAG status. */
export function realisationResult(
  expectedToDate: Decimal,
  realisedToDate: Decimal,
  thresholds: RagThresholds,
): RealisationResult {
  const ratio = expectedToDate.isZero() ? null : realisedToDate.dividedBy(expectedToDate);
  return { expectedToDate, realisedToDate, ratio, rag: ragStatus(ratio, thresholds) };
}

/** C6 realisation of one project as at the as-at year. */
export function realisation(flows: ProjectFlows, asAtFy: number, thresholds: RagThresholds): RealisationResult {
  const { expectedToDate, realisedToDate } = realisationTotals(flows, asAtFy);
  return realisationResult(expectedToDate, realisedToDate, thresholds);
}
