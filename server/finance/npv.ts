/** Present values and net present value (CONVENTIONS C6). */
import { ZERO, type Decimal } from '../money';

/**
 * Σ amount(t)·DF(t) over year indices 0..n−1 (C3: every flow of a year sits at the year point t).
 * Zero amounts are skipped: most years carry costs or benefits, rarely both.
 */
export function presentValue(amounts: readonly Decimal[], factors: readonly Decimal[]): Decimal {
  if (factors.length < amounts.length) throw new RangeError('presentValue: fewer discount factors than years');
  let pv = ZERO;
  for (let t = 0; t < amounts.length; t++) {
    if (!amounts[t].isZero()) pv = pv.plus(amounts[t].times(factors[t]));
  }
  return pv;
}

/** C6: pvCosts = Σ C(t)·DF(t). */
export function pvCosts(costs: readonly Decimal[], factors: readonly Decimal[]): Decimal {
  return presentValue(costs, factors);
}

/** C6: pvBenefits = Σ B(t)·DF(t), money benefits net of dis-benefits (C5). */
export function pvBenefits(benefits: readonly Decimal[], factors: readonly Decimal[]): Decimal {
  return presentValue(benefits, factors);
}

/** C6: npv = pvBenefits − pvCosts. */
export function npv(pvBenefitsValue: Decimal, pvCostsValue: Decimal): Decimal {
  return pvBenefitsValue.minus(pvCostsValue);
}
