/** Projects ordered by a headline indicator (C6): a pure ordering of engine results, Decimal comparisons only. */
import type { Decimal } from '../money';
import type { HeadlineViewSet } from './types';

export const RANK_KEYS = ['npv', 'bcr', 'realisation'] as const;
export type RankKey = (typeof RANK_KEYS)[number];
/** Every column a project list sorts by: the ranking keys, cost variance ratio and forecast whole-life cost. */
export const ROW_KEYS = ['npv', 'bcr', 'realisation', 'variance', 'cost'] as const;
export type RowKey = (typeof ROW_KEYS)[number];
export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

export interface RankSort {
  key: RankKey;
  dir: SortDir;
}

export interface RowSort {
  key: RowKey;
  dir: SortDir;
}

/** The default ranking: forecast NPV, highest first. */
export const BY_NPV: RankSort = { key: 'npv', dir: 'desc' };

/** What a ranking needs of a project: its code (the tie-break) and its headline views. */
export interface Rankable {
  project: { code: string };
  views: Pick<HeadlineViewSet, 'forecast' | 'realisation' | 'costVariance'>;
}

function rankValue(p: Rankable, key: RowKey): Decimal | null {
  if (key === 'npv') return p.views.forecast.npv;
  if (key === 'bcr') return p.views.forecast.bcr;
  if (key === 'variance') return p.views.costVariance.varianceRatio;
  if (key === 'cost') return p.views.forecast.totals.costs;
  return p.views.realisation.ratio;
}

/** Projects ordered by a forecast indicator; projects without a value always come last, ties by code. */
export function rankProjects<T extends Rankable>(projects: readonly T[], sort: RowSort): T[] {
  return [...projects].sort((a, b) => {
    const va = rankValue(a, sort.key);
    const vb = rankValue(b, sort.key);
    if (va === null || vb === null)
      return va === vb ? a.project.code.localeCompare(b.project.code) : va === null ? 1 : -1;
    const c = sort.dir === 'asc' ? va.comparedTo(vb) : vb.comparedTo(va);
    return c !== 0 ? c : a.project.code.localeCompare(b.project.code);
  });
}
