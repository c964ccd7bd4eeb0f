/** Issue 19: the capital / revenue table of a project, a directorate, the portfolio or the board report. */
import type { FundingSplit } from '../../domain/funding';
import { fyLabel, moneyCell } from './format';

export interface FundingTable {
  caption: string;
  isEmpty: boolean;
  rows: { year: string; cells: ReturnType<typeof moneyCell>[] }[];
  total: ReturnType<typeof moneyCell>[];
}

export function presentFunding(split: FundingSplit, caption: string): FundingTable {
  const cells = (y: Omit<FundingSplit['years'][number], 'fy'>) => [
    moneyCell(y.plannedCapital),
    moneyCell(y.plannedRevenue),
    moneyCell(y.actualCapital),
    moneyCell(y.actualRevenue),
  ];
  return {
    caption,
    isEmpty: split.years.length === 0,
    rows: split.years.map((y) => ({ year: fyLabel(y.fy), cells: cells(y) })),
    total: cells(split.totals),
  };
}
