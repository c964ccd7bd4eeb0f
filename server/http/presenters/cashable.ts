/**
 * Savings taken from budgets (issue 19): budget reductions and the cashable savings report, for
 * pages (C1 £ text, rounded once here) and the API (C7 money strings).
 */
import { fyLabel } from '../../financial-year';
import { toApiMoney } from '../../money';
import type { BudgetReduction } from '../../records';
import type { CashableFigures, CashableSavings } from '../../domain/cashable-savings';
import { formatDate, moneyCell, type MoneyCell } from './format';
import type { Cell, TableSpec } from '../../io/write-table';
import { col } from './view-downloads';

export function budgetReductionResource(projectCode: string, benefitRef: string, r: BudgetReduction) {
  return {
    id: r.id,
    projectCode,
    benefitRef,
    year: fyLabel(r.fy),
    amount: toApiMoney(r.amount),
    budget: r.budget,
    reference: r.reference,
    recordedBy: r.recordedBy,
    recordedAt: r.createdAt,
    version: r.version,
  };
}

export interface BudgetReductionView {
  id: number;
  year: string;
  amount: MoneyCell;
  budget: string;
  reference: string;
  recordedBy: string;
  recordedOn: string;
}

export function presentBudgetReduction(r: BudgetReduction): BudgetReductionView {
  return {
    id: r.id,
    year: fyLabel(r.fy),
    amount: moneyCell(r.amount),
    budget: r.budget,
    reference: r.reference,
    recordedBy: r.recordedBy,
    recordedOn: formatDate(r.createdAt.slice(0, 10)),
  };
}

const api = (f: CashableFigures) => ({
  expected: toApiMoney(f.expected),
  realised: toApiMoney(f.realised),
  takenFromBudgets: toApiMoney(f.taken),
  realisedNotTaken: toApiMoney(f.realisedNotTaken),
  expectedNotTaken: toApiMoney(f.expectedNotTaken),
});

/** GET /api/v1/portfolio/cashable-savings: amounts as money strings (C7). */
export function cashableSavingsResource(s: CashableSavings) {
  return {
    directorate: s.directorate?.code ?? null,
    status: s.status,
    asAt: s.asAt,
    asAtYear: fyLabel(s.asAtFy),
    basis: 'Cashable benefits as profiled (not risk-adjusted), net of dis-benefits',
    years: s.years.map((y) => ({ year: fyLabel(y.fy), notYetDue: y.isFuture, ...api(y) })),
    toDate: api(s.toDate),
    allYears: api(s.allYears),
    byDirectorate: s.byDirectorate.map((d) => ({ directorate: d.directorate.code, toDate: api(d.toDate) })),
  };
}

const cells = (f: CashableFigures): MoneyCell[] =>
  [f.expected, f.realised, f.taken, f.realisedNotTaken, f.expectedNotTaken].map(moneyCell);

export interface CashableView {
  scope: string;
  asAtYear: string;
  years: { year: string; isFuture: boolean; cells: MoneyCell[] }[];
  toDate: MoneyCell[];
  allYears: MoneyCell[];
  byDirectorate: { code: string; name: string; cells: MoneyCell[] }[];
  /** The headline gap in words: realised cashable to date not taken from budgets. */
  gapText: string;
  hasGap: boolean;
  isEmpty: boolean;
}

export function presentCashableSavings(s: CashableSavings): CashableView {
  const gap = s.toDate.realisedNotTaken;
  const gapCell = moneyCell(gap);
  return {
    scope: s.directorate ? s.directorate.name : 'the portfolio',
    asAtYear: fyLabel(s.asAtFy),
    years: s.years.map((y) => ({ year: fyLabel(y.fy), isFuture: y.isFuture, cells: cells(y) })),
    toDate: cells(s.toDate),
    allYears: cells(s.allYears),
    byDirectorate: s.byDirectorate.map((d) => ({
      code: d.directorate.code,
      name: d.directorate.name,
      cells: cells(d.toDate),
    })),
    gapText: gap.gt(0)
      ? `${gapCell.text} of cashable benefits reported as realised up to ${fyLabel(s.asAtFy)} has not been taken out of any budget.`
      : `Every cashable benefit reported as realised up to ${fyLabel(s.asAtFy)} has been taken out of a budget.`,
    hasGap: gap.gt(0),
    isEmpty: s.years.length === 0,
  };
}

const MONEY_COLUMNS = [
  col('Cashable expected (£)', 'money'),
  col('Cashable realised (£)', 'money'),
  col('Taken from budgets (£)', 'money'),
  col('Gap: realised not taken (£)', 'money'),
  col('Gap: expected not taken (£)', 'money'),
];

const apiCells = (f: CashableFigures): Cell[] => Object.values(api(f));

/** "Download this view" of the report's table by year, with its to-date and all-years rows (issue 19). */
export function cashableYearsTable(s: CashableSavings): TableSpec {
  return {
    name: 'Cashable savings by year',
    columns: [col('Year'), col('Not yet due'), ...MONEY_COLUMNS],
    rows: [
      [
        ...s.years.map((y) => [fyLabel(y.fy), y.isFuture ? 'Yes' : 'No', ...apiCells(y)]),
        [`To date (to ${fyLabel(s.asAtFy)})`, '', ...apiCells(s.toDate)],
        ['All years', '', ...apiCells(s.allYears)],
      ],
    ],
  };
}

/** "Download this view" of the report's table by directorate, to date (issue 19). */
export function cashableDirectoratesTable(s: CashableSavings): TableSpec {
  return {
    name: 'Cashable savings by directorate',
    columns: [col('Directorate code'), col('Directorate'), ...MONEY_COLUMNS],
    rows: [s.byDirectorate.map((d) => [d.directorate.code, d.directorate.name, ...apiCells(d.toDate)])],
  };
}
