/**
 * The benefits register (issue 19): every benefit across the portfolio, filtered, sorted and
 * paged in SQL. Figures to date are exact sums (exactSum, C1) for the rows of one page only; a
 * sort by a figure orders by the benefit's stored pence sums to date (benefit_to_date_sums, C8),
 * ties broken by project code and benefit ref.
 */
import type { Knex } from 'knex';
import { escapeLike, exactSum, exactSumOf, whereILike, type Db } from '../knex';
import { fromDbPence, sumFromDbPence, type Decimal } from '../money';
import type { BenefitStatus, BenefitType, ProjectStatus } from '../records';
import { chunks } from './bulk';
import { toDateSortKey } from './benefit-to-date-sums';
import { toBool, toIso } from './shared';

export const REGISTER_SORTS = ['project', 'benefit', 'type', 'status', 'owner', 'expected', 'realised'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export interface RegisterFilter {
  type?: BenefitType;
  status?: BenefitStatus;
  /** Part of the owner's name, any case. */
  owner?: string;
  directorateCode?: string;
  projectStatus?: ProjectStatus;
  priority?: string;
}

export interface RegisterKey {
  benefitId: number;
  ref: string;
  title: string;
  description: string;
  type: BenefitType;
  category: string;
  status: BenefitStatus;
  owner: string;
  isDisbenefit: boolean;
  measure: string;
  baseline: string;
  target: string;
  unit: string;
  confidence: string;
  serviceFeature: string;
  enablingActivities: string;
  projectCode: string;
  projectName: string;
  projectStatus: ProjectStatus;
  priority: string;
  directorateCode: string;
  directorateName: string;
}

function filtered(db: Db, f: RegisterFilter): Knex.QueryBuilder {
  const q = db('benefits as b')
    .join('projects as p', 'p.id', 'b.project_id')
    .join('directorates as d', 'd.id', 'p.directorate_id');
  if (f.type) q.where('b.type', f.type);
  if (f.status) q.where('b.status', f.status);
  if (f.owner) whereILike(q, db, 'b.owner', `%${escapeLike(f.owner)}%`);
  if (f.directorateCode) q.where('d.code', f.directorateCode);
  if (f.projectStatus) q.where('p.status', f.projectStatus);
  if (f.priority !== undefined) q.where('p.priority', f.priority);
  return q;
}

export async function count(db: Db, f: RegisterFilter): Promise<number> {
  const row = await filtered(db, f).count<{ n: string | number }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

const KEY_COLUMNS = [
  'b.id as benefit_id',
  'b.ref',
  'b.title',
  'b.description',
  'b.type',
  'b.category',
  'b.status',
  'b.owner',
  'b.is_disbenefit',
  'b.measure',
  'b.baseline',
  'b.target',
  'b.unit',
  'b.confidence',
  'b.service_feature',
  'b.enabling_activities',
  'p.code as project_code',
  'p.name as project_name',
  'p.status as project_status',
  'p.priority',
  'd.code as directorate_code',
  'd.name as directorate_name',
];

function mapKey(r: Record<string, unknown>): RegisterKey {
  return {
    benefitId: Number(r.benefit_id),
    ref: String(r.ref),
    title: String(r.title),
    description: String(r.description),
    type: r.type as BenefitType,
    category: String(r.category),
    status: r.status as BenefitStatus,
    owner: String(r.owner),
    isDisbenefit: toBool(r.is_disbenefit),
    measure: String(r.measure),
    baseline: String(r.baseline),
    target: String(r.target),
    unit: String(r.unit),
    confidence: String(r.confidence),
    serviceFeature: String(r.service_feature),
    enablingActivities: String(r.enabling_activities),
    projectCode: String(r.project_code),
    projectName: String(r.project_name),
    projectStatus: r.project_status as ProjectStatus,
    priority: String(r.priority),
    directorateCode: String(r.directorate_code),
    directorateName: String(r.directorate_name),
  };
}

/** The register's columns of these benefits, in the order given. */
async function keysOf(db: Db, ids: number[]): Promise<RegisterKey[]> {
  const byId = new Map<number, RegisterKey>();
  for (const part of chunks(ids)) {
    const rows = (await filtered(db, {}).whereIn('b.id', part).select(KEY_COLUMNS)) as Record<string, unknown>[];
    for (const r of rows) byId.set(Number(r.benefit_id), mapKey(r));
  }
  return ids.map((id) => byId.get(id)!);
}

/**
 * One page of the register, sorted on the server: the page's ids first, sorting only narrow rows
 * (a deep page of 50,000 benefits would otherwise sort every wide row), then their columns.
 */
export async function page(
  db: Db,
  f: RegisterFilter,
  sort: { key: RegisterSort; dir: 'asc' | 'desc' },
  o: { limit: number; offset: number; asAtFy: number },
): Promise<RegisterKey[]> {
  const q = filtered(db, f).select('b.id');
  const dir = sort.dir === 'desc' ? 'desc' : 'asc';
  const column: Partial<Record<RegisterSort, string>> = {
    benefit: 'b.title',
    type: 'b.type',
    status: 'b.status',
    owner: 'b.owner',
  };
  if (sort.key === 'expected' || sort.key === 'realised') {
    const key = toDateSortKey(db, sort.key, o.asAtFy).toSQL();
    q.orderByRaw(`${key.sql} ${dir}`, key.bindings);
  } else if (sort.key !== 'project') q.orderBy(column[sort.key]!, dir);
  q.orderBy('p.code', sort.key === 'project' ? dir : 'asc').orderBy('b.ref', sort.key === 'project' ? dir : 'asc');
  const ids = ((await q.limit(o.limit).offset(o.offset)) as { id: number | string }[]).map((r) => Number(r.id));
  return keysOf(db, ids);
}

/** The API's pages: by project code then benefit ref, after a (code, ref) keyset cursor. */
export async function pageAfter(
  db: Db,
  f: RegisterFilter,
  after: { code: string; ref: string } | undefined,
  limit: number,
): Promise<RegisterKey[]> {
  const q = filtered(db, f).select(KEY_COLUMNS);
  if (after)
    q.where((w) =>
      w.where('p.code', '>', after.code).orWhere((x) => x.where('p.code', after.code).where('b.ref', '>', after.ref)),
    );
  return ((await q.orderBy('p.code').orderBy('b.ref').limit(limit)) as Record<string, unknown>[]).map(mapKey);
}

/** Per benefit, the exact sum of a table's amounts up to and including the as-at year (pounds). */
async function sumsToDate(
  db: Db,
  table: 'benefit_profile' | 'realisations',
  ids: number[],
  asAtFy: number,
): Promise<Map<number, Decimal>> {
  const out = new Map<number, Decimal>();
  for (const part of chunks(ids)) {
    const rows: Record<string, unknown>[] = await db(table)
      .whereIn('benefit_id', part)
      .where('fy_start', '<=', asAtFy)
      .whereNotNull('amount_pence')
      .groupBy('benefit_id')
      .select('benefit_id', exactSum(db, 'amount_pence', 'total'));
    for (const r of rows) out.set(Number(r.benefit_id), sumFromDbPence(exactSumOf(r, 'total')));
  }
  return out;
}

export interface ReforecastRow {
  benefitId: number;
  fy: number;
  amount: Decimal;
  createdAt: string;
}

/** Whether the re-forecasts table exists yet (issue 16 adds it). */
export async function hasReforecasts(db: Db): Promise<boolean> {
  return db.schema.hasTable('benefit_reforecasts');
}

/** Re-forecasts of these benefits made on or before the end of the as-at date, oldest first. */
async function reforecasts(db: Db, ids: number[], asAt: string): Promise<ReforecastRow[]> {
  const out: ReforecastRow[] = [];
  for (const part of chunks(ids)) {
    const rows: Record<string, unknown>[] = await db('benefit_reforecasts')
      .whereIn('benefit_id', part)
      .where('created_at', '<', nextDay(asAt))
      .orderBy(['created_at', 'id'])
      .select('benefit_id', 'fy_start', 'amount_pence', 'created_at');
    for (const r of rows)
      out.push({
        benefitId: Number(r.benefit_id),
        fy: Number(r.fy_start),
        amount: fromDbPence(r.amount_pence as string),
        createdAt: toIso(r.created_at),
      });
  }
  return out;
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface RegisterFigures {
  expected: Map<number, Decimal>;
  realised: Map<number, Decimal>;
  /** null when the re-forecasts table does not exist yet. */
  reforecasts: ReforecastRow[] | null;
}

export async function figures(db: Db, ids: number[], asAtFy: number, asAt: string): Promise<RegisterFigures> {
  const expected = await sumsToDate(db, 'benefit_profile', ids, asAtFy);
  const realised = await sumsToDate(db, 'realisations', ids, asAtFy);
  const rf = (await hasReforecasts(db)) ? await reforecasts(db, ids, asAt) : null;
  return { expected, realised, reforecasts: rf };
}
