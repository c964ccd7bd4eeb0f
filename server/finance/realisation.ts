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
 * C6: expected and realised money benefits to date (years ≤ the as-at year), net of dis-benefits
 * (C5), expected as profiled, NOT risk-adjusted.
 */
export function realisationTotals(
  flows: ProjectFlows,
  asAtFy: number,
): { expectedToDate: Decimal; realisedToDate: Decimal } {
  let expectedToDate = ZERO;
  let realisedToDate = ZERO;
  for (const benefit of flows.benefits) {
    if (benefit.type === 'qualitative') continue; // C5: never summed into money
    const expected = sumUpTo(benefit.expected, asAtFy);
    const realised = sumUpTo(benefit.realised, asAtFy);
    expectedToDate = expectedToDate.plus(signedBenefitAmount(benefit, expected));
    realisedToDate = realisedToDate.plus(signedBenefitAmount(benefit, realised));
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
