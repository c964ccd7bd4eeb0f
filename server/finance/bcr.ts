/** Benefit–cost ratio (CONVENTIONS C6). */
import type { Decimal } from '../money';

/** C6: bcr = pvBenefits / pvCosts; null when pvCosts = 0 (there is no ratio to report). */
export function bcr(pvBenefits: Decimal, pvCosts: Decimal): Decimal | null {
  return pvCosts.isZero() ? null : pvBenefits.dividedBy(pvCosts);
}
