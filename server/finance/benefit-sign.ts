/** C5: the one place a dis-benefit's sign is applied. */
import type { Decimal } from '../money';

/**
 * An amount of a benefit as the engine counts it: a dis-benefit is recorded with a positive amount
 * and counts as negative (C5); any other benefit counts as recorded.
 */
export function signedBenefitAmount(benefit: { disbenefit: boolean }, amount: Decimal): Decimal {
  return benefit.disbenefit ? amount.negated() : amount;
}
