/** C4: the one place the optimism-bias uplift is applied. */
import { Decimal } from '../money';
import { FinanceInputError } from './types';

const ONE = new Decimal(1);

/**
 * The business-case uplift for a project's optimism bias `ob`: a function taking a planned cost to
 * `cost × (1 + ob)` (C4). Actual costs are never uplifted, so callers apply it to planned costs
 * only. A negative bias is refused when the uplift is made, whether or not there are costs to apply
 * it to. With no bias, or for a zero cost, the amount is returned as it is.
 */
export function optimismBiasUplift(optimismBias: Decimal): (plannedCost: Decimal) => Decimal {
  if (optimismBias.lt(0)) {
    throw new FinanceInputError(`Optimism bias must be 0 or more (got ${optimismBias.toString()})`, 'optimismBias');
  }
  if (optimismBias.isZero()) return (plannedCost) => plannedCost;
  const factor = ONE.plus(optimismBias);
  return (plannedCost) => (plannedCost.isZero() ? plannedCost : plannedCost.times(factor));
}
