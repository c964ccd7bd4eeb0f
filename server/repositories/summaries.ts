/**
 * The stored C8 year series of each project (table project_year_summaries). Money columns hold
 * millionths of a pound as integers: exact, and summed in SQL only through exactSum.
 */
import type { Knex } from 'knex';
import { exactSum, exactSumOf, isPostgres, type Db } from '../knex';
import { Decimal } from '../money';
import { emptyYear, type YearSeries } from '../finance/year-series';
import { chunks, whereInChunks } from './bulk';
import { nowIso, toBool } from './shared';
import { whereProject, type ProjectFilter } from './projects';
import * as reforecastSummaries from './reforecast-summaries';

const COLUMNS = {
  planned: 'planned_e6',
  plannedUplifted: 'planned_uplifted_e6',
  actual: 'actual_e6',
  expectedCashable: 'expected_cashable_e6',
  expectedNonCashable: 'expected_non_cashable_e6',
  riskCashable: 'risk_cashable_e6',
  riskNonCashable: 'risk_non_cashable_e6',
  realisedCashable: 'realised_cashable_e6',
  realisedNonCashable: 'realised_non_cashable_e6',
  // C10 (issue 17): the verified part of the realised series.
  verifiedCashable: 'verified_cashable_e6',
  verifiedNonCashable: 'verified_non_cashable_e6',
  // C9 (issue 16): the latest baseline's series and realisation's "expected".
  baselinePlannedUplifted: 'baseline_planned_uplifted_e6',
  baselineExpectedCashable: 'baseline_expected_cashable_e6',
  baselineExpectedNonCashable: 'baseline_expected_non_cashable_e6',
  baselineRiskCashable: 'baseline_risk_cashable_e6',
  baselineRiskNonCashable: 'baseline_risk_non_cashable_e6',
  realisationExpected: 'realisation_expected_e6',
  // Issue 19: costs split by funding (migration 20261203210200).
  plannedCapital: 'planned_capital_e6',
  plannedRevenue: 'planned_revenue_e6',
  actualCapital: 'actual_capital_e6',
  actualRevenue: 'actual_revenue_e6',
} as const;
const FLAGS = {
  hasPlanned: 'has_planned',
  hasActual: 'has_actual',
  hasExpected: 'has_expected',
  hasRealised: 'has_realised',
  hasVerified: 'has_verified',
  hasBaselinePlanned: 'has_baseline_planned',
  hasBaselineExpected: 'has_baseline_expected',
} as const;
type AmountKey = keyof typeof COLUMNS;
const AMOUNT_KEYS = Object.keys(COLUMNS) as AmountKey[];
type FlagKey = keyof typeof FLAGS;
const FLAG_KEYS = Object.keys(FLAGS) as FlagKey[];

/** Largest magnitude a column holds: under 2^63 millionths of a pound. */
const LIMIT = new Decimal('9223372036854775807');
const MILLION = new Decimal(1_000_000);
/** Advisory-lock namespace of per-project summary refreshes (imports use a single-key lock of their own). */
const SUMMARY_LOCK = 8;
/** Advisory-lock namespace of a directorate's group sums, taken after any project locks. */
const GROUP_LOCK = 9;

export interface ProjectYearSeries extends YearSeries {
  projectId: number;
}

/** Each amount is two columns, value = hi × 10^18 + lo millionths of a pound (C1: no valid data may break a sum). */
const PART = 10n ** 18n;
const hiColumn = (k: AmountKey) => `${COLUMNS[k]}_hi`;

/** Whether every amount of the series fits its two columns (false only for data beyond any real ledger). */
export function fits(y: YearSeries): boolean {
  return AMOUNT_KEYS.every((k) => y[k].times(MILLION).dividedToIntegerBy(PART.toString()).abs().lte(LIMIT));
}

function toE6(d: Decimal): { hi: string; lo: string } {
  const micro = d.times(MILLION);
  // The series are exact to six places by construction (pence × four-place factors).
  if (!micro.isInteger()) throw new Error(`Summary amount ${d.toString()} has more than six decimal places`);
  const v = BigInt(micro.toFixed(0));
  // BigInt division and remainder truncate toward zero, so hi·10^18 + lo = v with |lo| < 10^18.
  return { hi: (v / PART).toString(), lo: (v % PART).toString() };
}

function fromE6(hi: unknown, lo: unknown): Decimal {
  return new Decimal((BigInt(String(hi ?? 0)) * PART + BigInt(String(lo))).toString()).dividedBy(MILLION);
}

/** An exactSum of both parts of a summary amount, selected as `alias` (hi) and `alias_lo` parts. */
function sumAmount(db: Db, k: AmountKey, table = 's'): Knex.Raw[] {
  return [exactSum(db, `${table}.${COLUMNS[k]}`, k), exactSum(db, `${table}.${hiColumn(k)}`, `${k}Hi`)];
}

function summedAmount(r: Record<string, unknown>, k: AmountKey): Decimal {
  return fromE6(exactSumOf(r, `${k}Hi`), exactSumOf(r, k));
}

/** The directorate and status whose group sums a project's series are added to. */
export interface SeriesGroup {
  directorateId: number;
  status: string;
}

function toRow(projectId: number, y: YearSeries, now: string, group?: SeriesGroup): Record<string, unknown> {
  const row: Record<string, unknown> = {
    project_id: projectId,
    fy_start: y.fy,
    updated_at: now,
    directorate_id: group?.directorateId ?? null,
    status: group?.status ?? null,
  };
  for (const k of AMOUNT_KEYS) {
    const { hi, lo } = toE6(y[k]);
    row[COLUMNS[k]] = lo;
    row[hiColumn(k)] = hi;
  }
  for (const k of FLAG_KEYS) row[FLAGS[k]] = y[k];
  return row;
}

function map(r: Record<string, unknown>): ProjectYearSeries {
  const y = { ...emptyYear(Number(r.fy_start)), projectId: Number(r.project_id) };
  for (const k of AMOUNT_KEYS) y[k] = fromE6(r[hiColumn(k)], r[COLUMNS[k]]);
  for (const k of FLAG_KEYS) y[k] = toBool(r[FLAGS[k]]);
  return y;
}

/**
 * Replaces the stored series of these projects with the given ones, each project's added to its
 * group (`groups`), and moves the change into the group sums: the old rows come out of the group
 * they were added to, the new ones go into the project's group now.
 */
export async function replaceForProjects(
  db: Db,
  projectIds: number[],
  series: ProjectYearSeries[],
  groups: ReadonlyMap<number, SeriesGroup>,
): Promise<void> {
  const old = await groupedRows(db, projectIds);
  for (const part of chunks([...new Set(projectIds)]))
    await db('project_year_summaries').whereIn('project_id', part).delete();
  const now = nowIso();
  const rows = series.map((s) => toRow(s.projectId, s, now, groups.get(s.projectId)));
  for (const part of chunks(rows, 200)) await db('project_year_summaries').insert(part);
  await applyGroupChange(db, old, rows.map(groupedRow));
}

/** Removes these projects' series and takes them out of their group sums (before the projects are deleted). */
export async function removeForProjects(db: Db, projectIds: number[]): Promise<void> {
  const old = await groupedRows(db, projectIds);
  for (const part of chunks([...new Set(projectIds)]))
    await db('project_year_summaries').whereIn('project_id', part).delete();
  await applyGroupChange(db, old, []);
}

// ## Group sums (table group_year_summaries): per directorate, status and year, in millionths as BigInt

const FLAG_COUNTS = {
  hasPlanned: 'n_planned',
  hasActual: 'n_actual',
  hasExpected: 'n_expected',
  hasRealised: 'n_realised',
  hasVerified: 'n_verified',
  hasBaselinePlanned: 'n_baseline_planned',
  hasBaselineExpected: 'n_baseline_expected',
} as const;

interface GroupedYear {
  directorateId: number;
  status: string;
  fy: number;
  amounts: Record<AmountKey, bigint>;
  counts: Record<FlagKey, number>;
}

const groupKey = (g: Pick<GroupedYear, 'directorateId' | 'status' | 'fy'>) => `${g.directorateId}|${g.status}|${g.fy}`;

function bigOf(hi: unknown, lo: unknown): bigint {
  return BigInt(String(hi ?? 0)) * PART + BigInt(String(lo ?? 0));
}

/** A stored project row as its contribution to its group (null for a row written before groups existed). */
function groupedRow(r: Record<string, unknown>): GroupedYear | null {
  if (r.directorate_id === null || r.directorate_id === undefined) return null;
  const amounts = {} as Record<AmountKey, bigint>;
  for (const k of AMOUNT_KEYS) amounts[k] = bigOf(r[hiColumn(k)], r[COLUMNS[k]]);
  const counts = {} as Record<FlagKey, number>;
  for (const k of FLAG_KEYS) counts[k] = toBool(r[FLAGS[k]]) ? 1 : 0;
  return { directorateId: Number(r.directorate_id), status: String(r.status), fy: Number(r.fy_start), amounts, counts };
}

async function groupedRows(db: Db, projectIds: number[]): Promise<(GroupedYear | null)[]> {
  const rows: Record<string, unknown>[] = await whereInChunks(db, 'project_year_summaries', 'project_id', projectIds);
  return rows.map(groupedRow);
}

function addInto(into: Map<string, GroupedYear>, g: GroupedYear, sign: 1n | -1n): void {
  const key = groupKey(g);
  let sum = into.get(key);
  if (!sum) {
    sum = { ...g, amounts: { ...g.amounts }, counts: { ...g.counts } };
    for (const k of AMOUNT_KEYS) sum.amounts[k] = 0n;
    for (const k of FLAG_KEYS) sum.counts[k] = 0;
    into.set(key, sum);
  }
  for (const k of AMOUNT_KEYS) sum.amounts[k] += sign * g.amounts[k];
  for (const k of FLAG_KEYS) sum.counts[k] += Number(sign) * g.counts[k];
}

function groupRow(g: GroupedYear): Record<string, unknown> {
  const row: Record<string, unknown> = { directorate_id: g.directorateId, status: g.status, fy_start: g.fy };
  for (const k of AMOUNT_KEYS) {
    row[COLUMNS[k]] = (g.amounts[k] % PART).toString();
    row[hiColumn(k)] = (g.amounts[k] / PART).toString();
  }
  for (const k of FLAG_KEYS) row[FLAG_COUNTS[k]] = g.counts[k];
  return row;
}

function storedGroup(r: Record<string, unknown>): GroupedYear {
  const amounts = {} as Record<AmountKey, bigint>;
  for (const k of AMOUNT_KEYS) amounts[k] = bigOf(r[hiColumn(k)], r[COLUMNS[k]]);
  const counts = {} as Record<FlagKey, number>;
  for (const k of FLAG_KEYS) counts[k] = Number(r[FLAG_COUNTS[k]]);
  return { directorateId: Number(r.directorate_id), status: String(r.status), fy: Number(r.fy_start), amounts, counts };
}

const isEmptyGroup = (g: GroupedYear) =>
  AMOUNT_KEYS.every((k) => g.amounts[k] === 0n) && FLAG_KEYS.every((k) => g.counts[k] === 0);

/** Adds `added` and takes `removed` out of the stored group sums, exactly (BigInt millionths). */
async function applyGroupChange(db: Db, removed: (GroupedYear | null)[], added: (GroupedYear | null)[]): Promise<void> {
  const delta = new Map<string, GroupedYear>();
  for (const g of removed) if (g) addInto(delta, g, -1n);
  for (const g of added) if (g) addInto(delta, g, 1n);
  for (const [key, g] of delta) if (isEmptyGroup(g)) delta.delete(key);
  if (delta.size === 0) return;
  const directorateIds = [...new Set([...delta.values()].map((g) => g.directorateId))].sort((a, b) => a - b);
  // Writes to different projects of one directorate add to the same rows: one at a time (PostgreSQL).
  if (isPostgres(db))
    await db.raw(`SELECT pg_advisory_xact_lock(${GROUP_LOCK}, id) FROM unnest(?::int[]) AS id ORDER BY id`, [
      directorateIds,
    ]);
  const stored = new Map(
    ((await db('group_year_summaries').whereIn('directorate_id', directorateIds)) as Record<string, unknown>[]).map(
      (r) => {
        const g = storedGroup(r);
        return [groupKey(g), g] as const;
      },
    ),
  );
  for (const [key, change] of delta) {
    const next = stored.get(key) ?? { ...change, amounts: { ...change.amounts }, counts: { ...change.counts } };
    if (stored.has(key)) {
      for (const k of AMOUNT_KEYS) next.amounts[k] += change.amounts[k];
      for (const k of FLAG_KEYS) next.counts[k] += change.counts[k];
    }
    const where = { directorate_id: next.directorateId, status: next.status, fy_start: next.fy };
    if (isEmptyGroup(next)) await db('group_year_summaries').where(where).delete();
    else if (stored.has(key)) await db('group_year_summaries').where(where).update(groupRow(next));
    else await db('group_year_summaries').insert(groupRow(next));
  }
}

/** The group sums as the project rows give them now (rebuild and verify). */
async function groupsFromProjectRows(db: Db): Promise<Map<string, GroupedYear>> {
  const sums = new Map<string, GroupedYear>();
  const rows: Record<string, unknown>[] = await db('project_year_summaries');
  for (const r of rows) {
    const g = groupedRow(r);
    if (g) addInto(sums, g, 1n);
  }
  for (const [key, g] of sums) if (isEmptyGroup(g)) sums.delete(key);
  return sums;
}

/** Rewrites every group sum from the project rows; call it in a transaction. */
export async function rebuildGroups(db: Db): Promise<void> {
  await db('group_year_summaries').delete();
  const rows = [...(await groupsFromProjectRows(db)).values()].map(groupRow);
  for (const part of chunks(rows, 100)) await db('group_year_summaries').insert(part);
}

/** Group rows that differ from the sums of the project rows, and project rows not in their project's group now. */
export async function groupDifferences(
  db: Db,
): Promise<{ key: string; stored: string | null; expected: string | null }[]> {
  const expected = await groupsFromProjectRows(db);
  const stored = new Map(
    ((await db('group_year_summaries')) as Record<string, unknown>[]).map((r) => {
      const g = storedGroup(r);
      return [groupKey(g), g] as const;
    }),
  );
  const text = (g: GroupedYear | undefined) =>
    g
      ? JSON.stringify({ ...g, amounts: Object.fromEntries(AMOUNT_KEYS.map((k) => [k, g.amounts[k].toString()])) })
      : null;
  const out: { key: string; stored: string | null; expected: string | null }[] = [];
  for (const key of new Set([...expected.keys(), ...stored.keys()])) {
    const a = text(stored.get(key));
    const b = text(expected.get(key));
    if (a !== b) out.push({ key: `group ${key}`, stored: a, expected: b });
  }
  const misfiled: { project_id: number; fy_start: number }[] = await db('project_year_summaries as s')
    .join('projects as p', 'p.id', 's.project_id')
    .where((w) =>
      w
        .whereNull('s.directorate_id')
        .orWhereRaw('s.directorate_id <> p.directorate_id')
        .orWhereRaw('s.status <> p.status'),
    )
    .select('s.project_id', 's.fy_start');
  for (const m of misfiled)
    out.push({
      key: `project ${m.project_id} year ${m.fy_start}`,
      stored: 'in another group',
      expected: "its project's group",
    });
  return out;
}

/** Whether the group sums are missing while project rows exist (a database from before them). */
export async function groupsMissing(db: Db): Promise<boolean> {
  const [groups, rows] = await Promise.all([
    db('group_year_summaries').first('fy_start'),
    db('project_year_summaries').first('fy_start'),
  ]);
  return !groups && !!rows;
}

/**
 * The group sums per directorate and year for a filter of directorate and status: the same as
 * sumsByDirectorate over the project rows, from a few hundred rows.
 */
export async function groupSumsByDirectorate(
  db: Db,
  filter: Pick<ProjectFilter, 'directorateId' | 'status'>,
): Promise<GroupYearSeries[]> {
  let q = db('group_year_summaries as g');
  if (filter.directorateId !== undefined) q = q.where('g.directorate_id', filter.directorateId);
  if (filter.status) q = q.where('g.status', filter.status);
  // A few hundred rows: summed here, exactly, rather than by forty SQL aggregates.
  const sums = new Map<string, GroupedYear>();
  for (const r of (await q) as Record<string, unknown>[]) addInto(sums, { ...storedGroup(r), status: '' }, 1n);
  return [...sums.values()]
    .map((g) => {
      const y: GroupYearSeries = { ...emptyYear(g.fy), directorateId: g.directorateId };
      for (const k of AMOUNT_KEYS) y[k] = new Decimal(g.amounts[k].toString()).dividedBy(MILLION);
      for (const k of FLAG_KEYS) y[k] = g.counts[k] > 0;
      return y;
    })
    .sort((a, b) => a.directorateId - b.directorateId || a.fy - b.fy);
}

/** The stored series of these projects (all projects when none are named), by project then year. */
export async function listForProjects(db: Db, projectIds?: number[]): Promise<ProjectYearSeries[]> {
  const rows: Record<string, unknown>[] = projectIds
    ? await whereInChunks(db, 'project_year_summaries', 'project_id', projectIds)
    : await db('project_year_summaries').orderBy(['project_id', 'fy_start']);
  const list = rows.map(map).sort((a, b) => a.projectId - b.projectId || a.fy - b.fy);
  // C9: each year's stored re-forecast differences (a re-forecast's year always has a row).
  const deltas = await reforecastSummaries.listForProjects(db, projectIds);
  for (const y of list) {
    const d = deltas.get(y.projectId)?.get(y.fy);
    if (d) y.reforecasts = d;
  }
  return list;
}

/** Projects with cost lines, profile rows or money realisations but no stored series. */
export async function countProjectsWithoutSeries(db: Db): Promise<number> {
  const one = db.raw('1');
  const benefitFlows = db('benefits as b')
    .whereRaw('b.project_id = p.id')
    .where((w) =>
      w
        .whereExists(db('benefit_profile as bp').whereRaw('bp.benefit_id = b.id').select(one))
        .orWhereExists(
          db('realisations as r').whereRaw('r.benefit_id = b.id').whereNotNull('r.amount_pence').select(one),
        ),
    )
    .select(one);
  const row = await db('projects as p')
    .whereNotExists(db('project_year_summaries as s').whereRaw('s.project_id = p.id').select(one))
    .where((w) =>
      w.whereExists(db('cost_lines as c').whereRaw('c.project_id = p.id').select(one)).orWhereExists(benefitFlows),
    )
    .count<{ n: string | number }>({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/** Holds these projects' summaries for the transaction (PostgreSQL; SQLite writers are serial anyway), in id order. */
export async function lockProjects(db: Db, projectIds: number[]): Promise<void> {
  if (!isPostgres(db) || projectIds.length === 0) return;
  const ids = [...new Set(projectIds)].sort((a, b) => a - b);
  await db.raw(`SELECT pg_advisory_xact_lock(${SUMMARY_LOCK}, id) FROM unnest(?::int[]) AS id ORDER BY id`, [ids]);
}

export interface GroupYearSeries extends YearSeries {
  directorateId: number;
}

/**
 * The filtered projects' series summed per directorate and year, exactly (exactSum): every
 * aggregate a page shows is a sum of these (C6), and the portfolio the sum of all of them.
 */
export async function sumsByDirectorate(db: Db, filter: ProjectFilter): Promise<GroupYearSeries[]> {
  // Directorate and status are kept as group sums; only a name search needs the project rows.
  // (A priority, issue 19, is not a group either.)
  if (!filter.search && filter.priority === undefined)
    return withReforecasts(db, filter, await groupSumsByDirectorate(db, filter));
  const q = whereProject(db('project_year_summaries as s').join('projects as p', 'p.id', 's.project_id'), db, filter)
    .select('p.directorate_id', 's.fy_start')
    .groupBy('p.directorate_id', 's.fy_start');
  for (const k of AMOUNT_KEYS) q.select(...sumAmount(db, k));
  for (const k of FLAG_KEYS) q.select(db.raw(`MAX(CASE WHEN ?? THEN 1 ELSE 0 END) AS ??`, [`s.${FLAGS[k]}`, k]));
  const rows: Record<string, unknown>[] = await q;
  const sums = rows.map((r) => {
    const y: GroupYearSeries = { ...emptyYear(Number(r.fy_start)), directorateId: Number(r.directorate_id) };
    for (const k of AMOUNT_KEYS) y[k] = summedAmount(r, k);
    for (const k of FLAG_KEYS) y[k] = Number(r[k]) === 1;
    return y;
  });
  return withReforecasts(db, filter, sums);
}

/**
 * C9: the filtered projects' re-forecast differences added to their directorate's years (a year
 * with nothing but re-forecasts has no group sum of its own, so it is added), ordered as before.
 */
async function withReforecasts(db: Db, filter: ProjectFilter, sums: GroupYearSeries[]): Promise<GroupYearSeries[]> {
  const deltas = await reforecastSummaries.sumsByDirectorate(db, filter);
  const at = new Map(sums.map((y) => [`${y.directorateId}|${y.fy}`, y]));
  for (const [directorateId, years] of deltas)
    for (const [fy, list] of years) {
      let y = at.get(`${directorateId}|${fy}`);
      if (!y) sums.push((y = { ...emptyYear(fy), directorateId }));
      y.reforecasts = list;
    }
  return sums.sort((a, b) => a.directorateId - b.directorateId || a.fy - b.fy);
}

export interface SimpleSums {
  planned: Decimal;
  actual: Decimal;
  expected: Decimal;
  realised: Decimal;
}

const TOTAL_PARTS = [
  'planned',
  'actual',
  'expectedCashable',
  'expectedNonCashable',
  'realisedCashable',
  'realisedNonCashable',
] as const;

/** Undiscounted all-years totals (as entered, not risk-adjusted) of a query grouped by `key`, exactly. */
async function totalsBy(db: Db, q: Knex.QueryBuilder, table: string, key: string): Promise<Map<number, SimpleSums>> {
  for (const k of TOTAL_PARTS) q.select(...sumAmount(db, k, table));
  const rows: Record<string, unknown>[] = await q;
  return new Map(
    rows.map((r) => [
      Number(r[key]),
      {
        planned: summedAmount(r, 'planned'),
        actual: summedAmount(r, 'actual'),
        expected: summedAmount(r, 'expectedCashable').plus(summedAmount(r, 'expectedNonCashable')),
        realised: summedAmount(r, 'realisedCashable').plus(summedAmount(r, 'realisedNonCashable')),
      },
    ]),
  );
}

/** Per filtered project, its undiscounted totals over all years. */
export async function totalsByProject(db: Db, filter: ProjectFilter): Promise<Map<number, SimpleSums>> {
  const q = whereProject(db('project_year_summaries as s').join('projects as p', 'p.id', 's.project_id'), db, filter)
    .select('s.project_id')
    .groupBy('s.project_id');
  return totalsBy(db, q, 's', 'project_id');
}

/** Per directorate with any summary, its undiscounted totals over all years, from the group sums. */
export async function groupTotalsByDirectorate(db: Db): Promise<Map<number, SimpleSums>> {
  const q = db('group_year_summaries as g').select('g.directorate_id').groupBy('g.directorate_id');
  return totalsBy(db, q, 'g', 'directorate_id');
}

/** The stored series of these projects, by project id (each ascending by year). */
export async function seriesByProject(db: Db, projectIds: number[]): Promise<Map<number, YearSeries[]>> {
  const out = new Map<number, YearSeries[]>();
  for (const y of await listForProjects(db, projectIds)) {
    const list = out.get(y.projectId) ?? [];
    list.push(y);
    out.set(y.projectId, list);
  }
  return out;
}
