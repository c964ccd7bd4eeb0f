/**
 * The benefits register (issue 19): every benefit across the portfolio with the Green Book
 * register fields (C5), filtered, sorted and paged on the server, with its figures to date:
 * expected (as profiled, not risk-adjusted) and realised up to and including the as-at year (C6),
 * the realisation ratio, and the latest re-forecasts made by the as-at date (C9).
 */
import * as registerRepo from '../repositories/benefit-register';
import type { RegisterFilter, RegisterKey, RegisterSort } from '../repositories/benefit-register';
import { fyOfDate, todayUkIso } from '../financial-year';
import { ZERO, type Decimal } from '../money';
import { memoised } from './read-memo';
import type { Ctx } from './types';

export const REGISTER_PAGE_SIZE = 50;
const EXPORT_BATCH = 500;

export interface RegisterQuery {
  filter: RegisterFilter;
  sort: { key: RegisterSort; dir: 'asc' | 'desc' };
  /** 1-based. */
  page: number;
  asAt?: string;
}

export interface RegisterRow extends RegisterKey {
  /** Null for qualitative benefits (C5: never money). */
  expectedToDate: Decimal | null;
  realisedToDate: Decimal | null;
  /** realised / expected to date; null when nothing was expected yet (C6). */
  realisation: Decimal | null;
  /** The latest re-forecast of each year from the as-at year on, summed; null when there is none. */
  reforecast: Decimal | null;
  reforecastYears: number;
}

export interface BenefitRegister {
  rows: RegisterRow[];
  total: number;
  page: number;
  pageCount: number;
  asAt: string;
  asAtFy: number;
  /** False until the re-forecasts table exists (issue 16): the page then says so. */
  reforecastsAvailable: boolean;
}

async function withFigures(ctx: Ctx, keys: RegisterKey[], asAt: string): Promise<RegisterRow[]> {
  const asAtFy = fyOfDate(asAt);
  const f = await registerRepo.figures(
    ctx.db,
    keys.map((k) => k.benefitId),
    asAtFy,
    asAt,
  );
  // C9: the latest re-forecast made on or before the as-at date, per benefit and year (rows come oldest first).
  const latest = new Map<number, Map<number, Decimal>>();
  for (const r of f.reforecasts ?? []) {
    if (r.fy < asAtFy) continue;
    let years = latest.get(r.benefitId);
    if (!years) latest.set(r.benefitId, (years = new Map()));
    years.set(r.fy, r.amount);
  }
  return keys.map((k) => {
    const money = k.type !== 'qualitative';
    const expected = money ? (f.expected.get(k.benefitId) ?? ZERO) : null;
    const realised = money ? (f.realised.get(k.benefitId) ?? ZERO) : null;
    const years = latest.get(k.benefitId);
    let reforecast: Decimal | null = null;
    for (const amount of years?.values() ?? []) reforecast = (reforecast ?? ZERO).plus(amount);
    return {
      ...k,
      expectedToDate: expected,
      realisedToDate: realised,
      realisation: expected && realised && !expected.isZero() ? realised.dividedBy(expected) : null,
      reforecast,
      reforecastYears: years?.size ?? 0,
    };
  });
}

export async function getBenefitRegister(ctx: Ctx, q: RegisterQuery): Promise<BenefitRegister> {
  const asAt = q.asAt ?? todayUkIso();
  return memoised(ctx.db, `benefit register ${JSON.stringify([q, asAt])}`, async () => {
    const asAtFy = fyOfDate(asAt);
    const total = await registerRepo.count(ctx.db, q.filter);
    const pageCount = Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE));
    const page = Math.min(Math.max(1, q.page), pageCount);
    const keys = await registerRepo.page(ctx.db, q.filter, q.sort, {
      limit: REGISTER_PAGE_SIZE,
      offset: (page - 1) * REGISTER_PAGE_SIZE,
      asAtFy,
    });
    return {
      rows: await withFigures(ctx, keys, asAt),
      total,
      page,
      pageCount,
      asAt,
      asAtFy,
      reforecastsAvailable: await registerRepo.hasReforecasts(ctx.db),
    };
  });
}

/** Every row of the current view (its filters and sort), in batches, for "Download this view". */
export async function* benefitRegisterRows(ctx: Ctx, q: Omit<RegisterQuery, 'page'>): AsyncIterable<RegisterRow[]> {
  const asAt = q.asAt ?? todayUkIso();
  const asAtFy = fyOfDate(asAt);
  for (let offset = 0; ; offset += EXPORT_BATCH) {
    const keys = await registerRepo.page(ctx.db, q.filter, q.sort, { limit: EXPORT_BATCH, offset, asAtFy });
    if (keys.length) yield await withFigures(ctx, keys, asAt);
    if (keys.length < EXPORT_BATCH) return;
  }
}

/** The API's page: by project code and benefit ref, after the cursor's (code, ref). */
export async function getBenefitRegisterPage(
  ctx: Ctx,
  filter: RegisterFilter,
  after: { code: string; ref: string } | undefined,
  limit: number,
  asAt: string = todayUkIso(),
): Promise<{ rows: RegisterRow[]; total: number; asAt: string; reforecastsAvailable: boolean }> {
  const keys = await registerRepo.pageAfter(ctx.db, filter, after, limit);
  return {
    rows: await withFigures(ctx, keys, asAt),
    total: await registerRepo.count(ctx.db, filter),
    asAt,
    reforecastsAvailable: await registerRepo.hasReforecasts(ctx.db),
  };
}
