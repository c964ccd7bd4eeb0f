/**
 * C8 + C9: the stored re-forecast differences of each project's forecast series (table
 * project_reforecast_summaries), per year and the financial year the re-forecasts were made in.
 * Sparse (only years with re-forecasts), so aggregates read the rows of their filter and add them
 * exactly (BigInt millionths) rather than keep group sums of their own. Amounts are two integers,
 * hi × 10^18 + lo millionths of a pound, as in project_year_summaries.
 */
import type { Db } from '../knex';
import { Decimal } from '../money';
import { addDelta, DELTA_AMOUNTS, emptyDelta, type ReforecastDelta } from '../finance/reforecasts';
import type { YearSeries } from '../finance/year-series';
import { chunks, whereInChunks } from './bulk';
import { whereProject, type ProjectFilter } from './projects';
import { nowIso } from './shared';

const COLUMNS = {
  expectedCashable: 'expected_cashable_e6',
  expectedNonCashable: 'expected_non_cashable_e6',
  riskCashable: 'risk_cashable_e6',
  riskNonCashable: 'risk_non_cashable_e6',
} as const;
const PART = 10n ** 18n;
const MILLION = new Decimal(1_000_000);

type Row = Record<string, unknown>;

function big(r: Row, k: keyof typeof COLUMNS): bigint {
  return BigInt(String(r[`${COLUMNS[k]}_hi`] ?? 0)) * PART + BigInt(String(r[COLUMNS[k]] ?? 0));
}

function toDelta(madeFy: number, amounts: Record<keyof typeof COLUMNS, bigint>): ReforecastDelta {
  const d = emptyDelta(madeFy);
  for (const k of DELTA_AMOUNTS) d[k] = new Decimal(amounts[k].toString()).dividedBy(MILLION);
  return d;
}

function toRow(projectId: number, fy: number, d: ReforecastDelta, now: string): Row {
  const row: Row = { project_id: projectId, fy_start: fy, made_fy: d.madeFy, updated_at: now };
  for (const k of DELTA_AMOUNTS) {
    const micro = d[k].times(MILLION);
    // Exact to six places by construction (pence and pence × a four-place confidence).
    if (!micro.isInteger()) throw new Error(`Re-forecast summary ${d[k].toString()} has more than six decimal places`);
    const v = BigInt(micro.toFixed(0));
    row[COLUMNS[k]] = (v % PART).toString();
    row[`${COLUMNS[k]}_hi`] = (v / PART).toString();
  }
  return row;
}

/** Replaces these projects' stored differences with those of the given series (each with its projectId). */
export async function replaceForProjects(
  db: Db,
  projectIds: number[],
  series: readonly (YearSeries & { projectId: number })[],
): Promise<void> {
  for (const part of chunks([...new Set(projectIds)]))
    await db('project_reforecast_summaries').whereIn('project_id', part).delete();
  const now = nowIso();
  const rows = series.flatMap((y) => (y.reforecasts ?? []).map((d) => toRow(y.projectId, y.fy, d, now)));
  for (const part of chunks(rows, 200)) await db('project_reforecast_summaries').insert(part);
}

/** Per project (all of them when none are named), per year, its stored differences ascending by made year. */
export async function listForProjects(
  db: Db,
  projectIds?: number[],
): Promise<Map<number, Map<number, ReforecastDelta[]>>> {
  const rows: Row[] = projectIds
    ? await whereInChunks(db, 'project_reforecast_summaries', 'project_id', projectIds)
    : await db('project_reforecast_summaries');
  const out = new Map<number, Map<number, ReforecastDelta[]>>();
  for (const r of rows) {
    const projectId = Number(r.project_id);
    const years = out.get(projectId) ?? new Map<number, ReforecastDelta[]>();
    out.set(projectId, years);
    const list = years.get(Number(r.fy_start)) ?? [];
    years.set(Number(r.fy_start), list);
    const amounts = Object.fromEntries(DELTA_AMOUNTS.map((k) => [k, big(r, k)])) as Record<
      keyof typeof COLUMNS,
      bigint
    >;
    addDelta(list, toDelta(Number(r.made_fy), amounts));
  }
  return out;
}

/** The filtered projects' differences summed per directorate, year and made year, exactly. */
export async function sumsByDirectorate(
  db: Db,
  filter: ProjectFilter,
): Promise<Map<number, Map<number, ReforecastDelta[]>>> {
  const rows: Row[] = await whereProject(
    db('project_reforecast_summaries as s').join('projects as p', 'p.id', 's.project_id'),
    db,
    filter,
  ).select('s.*', 'p.directorate_id as directorate');
  const sums = new Map<string, { d: number; fy: number; made: number; amounts: Record<string, bigint> }>();
  for (const r of rows) {
    const key = `${String(r.directorate)}|${String(r.fy_start)}|${String(r.made_fy)}`;
    const s = sums.get(key) ?? {
      d: Number(r.directorate),
      fy: Number(r.fy_start),
      made: Number(r.made_fy),
      amounts: Object.fromEntries(DELTA_AMOUNTS.map((k) => [k, 0n])),
    };
    for (const k of DELTA_AMOUNTS) s.amounts[k] += big(r, k);
    sums.set(key, s);
  }
  const out = new Map<number, Map<number, ReforecastDelta[]>>();
  for (const s of sums.values()) {
    const years = out.get(s.d) ?? new Map<number, ReforecastDelta[]>();
    out.set(s.d, years);
    const list = years.get(s.fy) ?? [];
    years.set(s.fy, list);
    addDelta(list, toDelta(s.made, s.amounts as Record<keyof typeof COLUMNS, bigint>));
  }
  return out;
}
