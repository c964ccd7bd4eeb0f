/** One appraisal of yearly money flows: every C6 metric from one pass over the years. */
import { ZERO, type Decimal } from '../money';
import { bcr } from './bcr';
import { discountFactors, discountRate } from './discounting';
import { irr } from './irr';
import { npv, presentValue } from './npv';
import { paybackFromCumulative } from './payback';
import { roi } from './roi';
import { minus, plus } from './sum';
import { switchingValues } from './switching';
import {
  FinanceInputError,
  type Appraisal,
  type AppraisalHeadline,
  type AppraisalInput,
  type AppraisalYear,
  type ValueFigures,
  type YearAmounts,
} from './types';
import { vfmCategory } from './vfm';

interface YearlyColumns {
  costs: Decimal[];
  cashable: Decimal[];
  nonCashable: Decimal[];
}

/** A guard against a mistyped year (e.g. 20240) building an enormous table; C2 years are 4-digit. */
const MAX_HORIZON_YEARS = 1000;

function checkYear(entry: YearAmounts, baseFy: number): void {
  if (!Number.isInteger(entry.fy))
    throw new FinanceInputError(`Financial year must be a whole start year (got ${entry.fy})`, 'year');
  // C3: a flow before the base year is an error.
  if (entry.fy < baseFy) {
    throw new FinanceInputError(`A flow in financial year ${entry.fy} is before the base year ${baseFy}`, 'year');
  }
  if (entry.fy - baseFy >= MAX_HORIZON_YEARS) {
    throw new FinanceInputError(
      `A flow in financial year ${entry.fy} is more than ${MAX_HORIZON_YEARS} years after the base year ${baseFy}`,
      'year',
    );
  }
}

/** Sums the entries per year index, from the base year to the last year with an entry (C3). */
function yearlyColumns(input: AppraisalInput): YearlyColumns {
  if (!Number.isInteger(input.baseFy))
    throw new FinanceInputError(`Base year must be a whole start year (got ${input.baseFy})`, 'baseFy');
  let lastFy = input.baseFy;
  for (const entry of input.years) {
    checkYear(entry, input.baseFy);
    if (entry.fy > lastFy) lastFy = entry.fy;
  }
  const n = lastFy - input.baseFy + 1;
  const columns: YearlyColumns = {
    costs: Array(n).fill(ZERO),
    cashable: Array(n).fill(ZERO),
    nonCashable: Array(n).fill(ZERO),
  };
  for (const entry of input.years) {
    const t = entry.fy - input.baseFy; // C3: t = start year of its FY − start year of the base FY
    columns.costs[t] = plus(columns.costs[t], entry.costs);
    columns.cashable[t] = plus(columns.cashable[t], entry.cashable);
    columns.nonCashable[t] = plus(columns.nonCashable[t], entry.nonCashable);
  }
  return columns;
}

function times(a: Decimal, b: Decimal): Decimal {
  return a.isZero() ? ZERO : a.times(b);
}

interface Table {
  years: AppraisalYear[];
  net: Decimal[];
  pvNet: Decimal[];
  cumulativeNet: Decimal[];
  cumulativePvNet: Decimal[];
  pvCosts: Decimal;
  pvBenefits: Decimal;
}

function emptyTable(): Table {
  return { years: [], net: [], pvNet: [], cumulativeNet: [], cumulativePvNet: [], pvCosts: ZERO, pvBenefits: ZERO };
}

/**
 * The year table with C6 present values; year 0 has DF = 1, so it is undiscounted (C3). The rows
 * for display are only built when asked for: a per-project headline needs the columns alone.
 */
function yearTable(baseFy: number, columns: YearlyColumns, factors: readonly Decimal[], withRows: boolean): Table {
  const table = emptyTable();
  let cumulativeNet = ZERO;
  let cumulativePvNet = ZERO;
  for (let t = 0; t < factors.length; t++) {
    const costs = columns.costs[t];
    const benefits = plus(columns.cashable[t], columns.nonCashable[t]);
    const net = minus(benefits, costs); // C6: N(t) = B(t) − C(t)
    const pvCost = times(costs, factors[t]);
    const pvBenefit = times(benefits, factors[t]);
    const pvNet = minus(pvBenefit, pvCost);
    cumulativeNet = plus(cumulativeNet, net);
    cumulativePvNet = plus(cumulativePvNet, pvNet);
    table.pvCosts = plus(table.pvCosts, pvCost);
    table.pvBenefits = plus(table.pvBenefits, pvBenefit);
    table.net.push(net);
    table.pvNet.push(pvNet);
    table.cumulativeNet.push(cumulativeNet);
    table.cumulativePvNet.push(cumulativePvNet);
    if (withRows)
      table.years.push({
        fy: baseFy + t,
        index: t,
        discountFactor: factors[t],
        costs,
        benefits,
        net,
        pvNet,
        cumulativeNet,
        cumulativePvNet,
      });
  }
  return table;
}

function total(values: readonly Decimal[]): Decimal {
  return values.reduce(plus, ZERO);
}

/** C6 totals: the undiscounted sum of each column, and the net over all years. */
function totalsOf(columns: YearlyColumns, net: Decimal): Appraisal['totals'] {
  const cashableBenefits = total(columns.cashable);
  const nonCashableBenefits = total(columns.nonCashable);
  return {
    costs: total(columns.costs),
    benefits: plus(cashableBenefits, nonCashableBenefits),
    cashableBenefits,
    nonCashableBenefits,
    net,
  };
}

/** The value-for-money figures that follow from the totals and the present values (C6). */
function valueFigures(
  totals: Appraisal['totals'],
  pvBenefits: Decimal,
  pvCosts: Decimal,
  bands: AppraisalInput['bands'],
): ValueFigures {
  const bcrValue = bcr(pvBenefits, pvCosts);
  return {
    totals,
    pvCosts,
    pvBenefits,
    npv: npv(pvBenefits, pvCosts),
    bcr: bcrValue,
    roi: roi(totals.benefits, totals.costs),
    vfmCategory: vfmCategory(bcrValue, bands),
  };
}

/** C6: every metric of one set of yearly flows, discounted from `baseFy` under `rule`. */
export function appraise(input: AppraisalInput): Appraisal {
  return appraiseTable(input, true);
}

/** The same metrics as `appraise`, without the year table (for per-project rows of an aggregate). */
export function appraiseHeadline(input: AppraisalInput): AppraisalHeadline {
  const { years: _years, ...headline } = appraiseTable(input, false);
  return headline;
}

/**
 * The value-for-money figures of `appraise` alone, for a column that shows nothing else: the same
 * sums in the same order, so the same digits, without the cumulative columns, IRR or paybacks.
 */
export function appraiseValue(input: AppraisalInput): ValueFigures {
  const columns = yearlyColumns(input);
  const factors = discountFactors(input.rule, columns.costs.length);
  const benefitsByYear = columns.cashable.map((cashable, t) => plus(cashable, columns.nonCashable[t]));
  const net = benefitsByYear.reduce((sum, benefits, t) => plus(sum, minus(benefits, columns.costs[t])), ZERO);
  return valueFigures(
    totalsOf(columns, net),
    presentValue(benefitsByYear, factors),
    presentValue(columns.costs, factors),
    input.bands,
  );
}

function appraiseTable(input: AppraisalInput, withRows: boolean): Appraisal {
  const columns = yearlyColumns(input);
  const factors = discountFactors(input.rule, columns.costs.length);
  const table = yearTable(input.baseFy, columns, factors, withRows);
  const value = valueFigures(
    totalsOf(columns, table.cumulativeNet[table.cumulativeNet.length - 1]),
    table.pvBenefits,
    table.pvCosts,
    input.bands,
  );
  // C6: with several sign changes the IRR reported is the root nearest the discount rate
  // (the Green Book's opening 3.5%, or the constant rate).
  const irrResult = irr(table.net, discountRate(input.rule, 1));
  return {
    years: table.years,
    ...value,
    irr: irrResult.irr,
    irrAmbiguous: irrResult.ambiguous,
    paybackYears: paybackFromCumulative(table.net, table.cumulativeNet),
    discountedPaybackYears: paybackFromCumulative(table.pvNet, table.cumulativePvNet), // C6: on N(t)·DF(t)
    switchingValues: switchingValues(value.npv, table.pvBenefits, table.pvCosts),
  };
}
