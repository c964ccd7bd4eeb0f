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
} as const;
const FLAGS = {
  hasPlanned: 'has_planned',
  hasActual: 'has_actual',
  hasExpected: 'has_expected',
  hasRealised: 'has_realised',
} as const;
type AmountKey = keyof typeof COLUMNS;
const AMOUNT_KEYS = Object.keys(COLUMNS) as AmountKey[];
const FLAG_KEYS = Object.keys(FLAGS) as (keyof typeof FLAGS)[];

/** Largest magnitude a column holds: under 2^63 millionths of a pound. */
const LIMIT = new Decimal('9223372036854775807');
const MILLION = new Decimal(1_000_000);
/** Advisory-lock namespace of per-project summary refreshes (imports use a single-key lock of their own). */
const SUMMARY_LOCK = 8;

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

function toRow(projectId: number, y: YearSeries, now: string): Record<string, unknown> {
  const row: Record<string, unknown> = { project_id: projectId, fy_start: y.fy, updated_at: now };
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

/** Replaces the stored series of these projects with the given ones. */
export async function replaceForProjects(db: Db, projectIds: number[], series: ProjectYearSeries[]): Promise<void> {
  for (const part of chunks([...new Set(projectIds)]))
    await db('project_year_summaries').whereIn('project_id', part).delete();
  const now = nowIso();
  const rows = series.map((s) => toRow(s.projectId, s, now));
  for (const part of chunks(rows, 200)) await db('project_year_summaries').insert(part);
}

/** The stored series of these projects (all projects when none are named), by project then year. */
export async function listForProjects(db: Db, projectIds?: number[]): Promise<ProjectYearSeries[]> {
  const rows: Record<string, unknown>[] = projectIds
    ? await whereInChunks(db, 'project_year_summaries', 'project_id', projectIds)
    : await db('project_year_summaries').orderBy(['project_id', 'fy_start']);
  return rows.map(map).sort((a, b) => a.projectId - b.projectId || a.fy - b.fy);
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
  const q = whereProject(db('project_year_summaries as s').join('projects as p', 'p.id', 's.project_id'), db, filter)
    .select('p.directorate_id', 's.fy_start')
    .groupBy('p.directorate_id', 's.fy_start');
  for (const k of AMOUNT_KEYS) q.select(...sumAmount(db, k));
  for (const k of FLAG_KEYS) q.select(db.raw(`MAX(CASE WHEN ?? THEN 1 ELSE 0 END) AS ??`, [`s.${FLAGS[k]}`, k]));
  const rows: Record<string, unknown>[] = await q;
  return rows
    .map((r) => {
      const y: GroupYearSeries = { ...emptyYear(Number(r.fy_start)), directorateId: Number(r.directorate_id) };
      for (const k of AMOUNT_KEYS) y[k] = summedAmount(r, k);
      for (const k of FLAG_KEYS) y[k] = Number(r[k]) === 1;
      return y;
    })
    .sort((a, b) => a.directorateId - b.directorateId || a.fy - b.fy);
}

/** Per filtered project, its undiscounted totals over all years (as entered, not risk-adjusted), exactly. */
export async function totalsByProject(
  db: Db,
  filter: ProjectFilter,
): Promise<Map<number, { planned: Decimal; actual: Decimal; expected: Decimal; realised: Decimal }>> {
  const q = whereProject(db('project_year_summaries as s').join('projects as p', 'p.id', 's.project_id'), db, filter)
    .select('s.project_id')
    .groupBy('s.project_id');
  const parts = [
    'planned',
    'actual',
    'expectedCashable',
    'expectedNonCashable',
    'realisedCashable',
    'realisedNonCashable',
  ] as const;
  for (const k of parts) q.select(...sumAmount(db, k));
  const rows: Record<string, unknown>[] = await q;
  const pounds = summedAmount;
  return new Map(
    rows.map((r) => [
      Number(r.project_id),
      {
        planned: pounds(r, 'planned'),
        actual: pounds(r, 'actual'),
        expected: pounds(r, 'expectedCashable').plus(pounds(r, 'expectedNonCashable')),
        realised: pounds(r, 'realisedCashable').plus(pounds(r, 'realisedNonCashable')),
      },
    ]),
  );
}
