/** Green Book switching values (CONVENTIONS C6). */
import type { Decimal } from '../money';

export interface SwitchingValues {
  /** Fall in PV benefits, as a fraction of them, that brings NPV to zero. */
  benefits: Decimal | null;
  /** Rise in PV costs, as a fraction of them, that brings NPV to zero. */
  costs: Decimal | null;
}

/** C6: npv / pvBenefits and npv / pvCosts; each null when its denominator is 0. */
export function switchingValues(npv: Decimal, pvBenefits: Decimal, pvCosts: Decimal): SwitchingValues {
  return {
    benefits: pvBenefits.isZero() ? null : npv.dividedBy(pvBenefits),
    costs: pvCosts.isZero() ? null : npv.dividedBy(pvCosts),
  };
}
