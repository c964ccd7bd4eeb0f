/** Return on investment (CONVENTIONS C6). */
import type { Decimal } from '../money';

/** C6: roi = (ΣB − ΣC) / ΣC, undiscounted, as a fraction (0.25 = 25%); null when ΣC = 0. */
export function roi(totalBenefits: Decimal, totalCosts: Decimal): Decimal | null {
  return totalCosts.isZero() ? null : totalBenefits.minus(totalCosts).dividedBy(totalCosts);
}
