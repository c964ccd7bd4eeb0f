/**
 * Savings taken from budgets (issue 19): per financial year, the cashable benefits expected (as
 * profiled, not risk-adjusted, net of dis-benefits, C5/C6), realised, and taken out of budgets, and
 * the gaps between them, for one directorate or the portfolio. "Cashable" that never left a budget
 * is the most common overstatement of public-sector benefits, so the gaps are the point.
 *
 * Read model only (C8): expected and realised come from the group sums (group_year_summaries),
 * reductions from one exact SQL sum grouped by directorate and year; no ledger is reloaded.
 */
import * as directoratesRepo from '../repositories/directorates';
import * as summariesRepo from '../repositories/summaries';
import * as reductionsRepo from '../repositories/budget-reductions';
import { NotFoundError } from '../errors';
import { fyOfDate, todayUkIso } from '../financial-year';
import { ZERO, type Decimal } from '../money';
import type { Directorate, ProjectStatus } from '../records';
import { memoised } from './read-memo';
import type { Ctx } from './types';
import type { CashableQuery } from '../validation/cashable-query.schema';

export interface CashableFigures {
  expected: Decimal;
  realised: Decimal;
  taken: Decimal;
  /** Realised cashable not (yet) taken out of a budget: realised − taken. */
  realisedNotTaken: Decimal;
  /** Expected cashable not taken out of a budget: expected − taken. */
  expectedNotTaken: Decimal;
}

export interface CashableYear extends CashableFigures {
  fy: number;
  /** After the as-at year: expected only, nothing is due yet. */
  isFuture: boolean;
}

export interface CashableDirectorate {
  directorate: Pick<Directorate, 'code' | 'name'>;
  toDate: CashableFigures;
}

export interface CashableSavings {
  directorate: Pick<Directorate, 'code' | 'name'> | null;
  status: ProjectStatus | null;
  asAt: string;
  asAtFy: number;
  years: CashableYear[];
  /** Years up to and including the as-at year (C6 "to date"). */
  toDate: CashableFigures;
  allYears: CashableFigures;
  /** The portfolio's directorates (when no directorate is chosen), each to date. */
  byDirectorate: CashableDirectorate[];
}

export type { CashableQuery };

function figures(expected: Decimal, realised: Decimal, taken: Decimal): CashableFigures {
  return {
    expected,
    realised,
    taken,
    realisedNotTaken: realised.minus(taken),
    expectedNotTaken: expected.minus(taken),
  };
}

function total(years: CashableYear[]): CashableFigures {
  let [e, r, t] = [ZERO, ZERO, ZERO];
  for (const y of years) [e, r, t] = [e.plus(y.expected), r.plus(y.realised), t.plus(y.taken)];
  return figures(e, r, t);
}

interface Amounts {
  expected: Decimal;
  realised: Decimal;
  taken: Decimal;
}

function bucket<K>(map: Map<K, Amounts>, key: K): Amounts {
  let a = map.get(key);
  if (!a) map.set(key, (a = { expected: ZERO, realised: ZERO, taken: ZERO }));
  return a;
}

export async function getCashableSavings(ctx: Ctx, q: CashableQuery): Promise<CashableSavings> {
  const asAt = q.asAt ?? todayUkIso();
  return memoised(ctx.db, `cashable savings ${JSON.stringify([q.directorateCode, q.status, asAt])}`, () =>
    compute(ctx, q, asAt),
  );
}

async function compute(ctx: Ctx, q: CashableQuery, asAt: string): Promise<CashableSavings> {
  let directorate: Directorate | null = null;
  if (q.directorateCode) {
    directorate = await directoratesRepo.findByCode(ctx.db, q.directorateCode);
    if (!directorate) throw new NotFoundError(`There is no directorate ${q.directorateCode}`);
  }
  const filter = { directorateId: directorate?.id, status: q.status };
  const series = await summariesRepo.groupSumsByDirectorate(ctx.db, filter);
  const reductions = await reductionsRepo.sumsByDirectorateAndYear(ctx.db, filter);
  // Keyed "directorate/year": the year table sums across directorates, the directorate table across years.
  const cells = new Map<string, Amounts>();
  for (const y of series) {
    const a = bucket(cells, `${y.directorateId}/${y.fy}`);
    a.expected = a.expected.plus(y.expectedCashable);
    a.realised = a.realised.plus(y.realisedCashable);
  }
  for (const r of reductions) {
    const a = bucket(cells, `${r.directorateId}/${r.fy}`);
    a.taken = a.taken.plus(r.total);
  }
  const asAtFy = fyOfDate(asAt);
  const byYear = new Map<number, Amounts>();
  const byDir = new Map<number, Amounts>();
  for (const [key, a] of cells) {
    const [dirId, fy] = key.split('/').map(Number);
    const y = bucket(byYear, fy);
    y.expected = y.expected.plus(a.expected);
    y.realised = y.realised.plus(a.realised);
    y.taken = y.taken.plus(a.taken);
    if (fy <= asAtFy) {
      const d = bucket(byDir, dirId);
      d.expected = d.expected.plus(a.expected);
      d.realised = d.realised.plus(a.realised);
      d.taken = d.taken.plus(a.taken);
    }
  }
  const years: CashableYear[] = [...byYear.entries()]
    .map(([fy, a]) => ({ fy, isFuture: fy > asAtFy, ...figures(a.expected, a.realised, a.taken) }))
    .filter((y) => !(y.expected.isZero() && y.realised.isZero() && y.taken.isZero()))
    .sort((a, b) => a.fy - b.fy);
  let byDirectorate: CashableDirectorate[] = [];
  if (!directorate) {
    const all = await directoratesRepo.listAll(ctx.db);
    byDirectorate = all.map((d) => {
      const a = byDir.get(d.id);
      return {
        directorate: { code: d.code, name: d.name },
        toDate: a ? figures(a.expected, a.realised, a.taken) : figures(ZERO, ZERO, ZERO),
      };
    });
  }
  return {
    directorate: directorate ? { code: directorate.code, name: directorate.name } : null,
    status: q.status ?? null,
    asAt,
    asAtFy,
    years,
    toDate: total(years.filter((y) => !y.isFuture)),
    allYears: total(years),
    byDirectorate,
  };
}
