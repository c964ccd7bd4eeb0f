import type { SimpleTotals } from '../../finance/totals';
import { moneyCell, type MoneyCell } from './format';

export interface TotalsView {
  plannedCosts: MoneyCell;
  actualCosts: MoneyCell;
  expectedBenefits: MoneyCell;
  realisedBenefits: MoneyCell;
}

export function presentTotals(t: SimpleTotals): TotalsView {
  return {
    plannedCosts: moneyCell(t.plannedCosts),
    actualCosts: moneyCell(t.actualCosts),
    expectedBenefits: moneyCell(t.expectedBenefits),
    realisedBenefits: moneyCell(t.realisedBenefits),
  };
}
