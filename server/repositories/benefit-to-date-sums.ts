/**
 * C8: the benefits register's money sort keys (table benefit_to_date_sums). Per benefit and year
 * with a flow, its expected and realised pence summed up to and including that year, so a sort
 * "as at year Y" reads one index entry per benefit (its latest year ≤ Y) instead of summing the
 * ledger. Computed from exact per-year sums (exactSum, C1) and added up in BigInt.
 */
import type { Knex } from 'knex';
import { exactSum, exactSumOf, type Db } from '../knex';
import { chunks } from './bulk';

/** A sort key must fit the bigint column exactly (it only ever orders: never shown). */
const INT64_MAX = 2n ** 63n - 1n;

export interface ToDateRun {
  benefitId: number;
  projectId: number;
  fromFy: number;
  expected: bigint;
  realised: bigint;
}

type Row = Record<string, unknown>;

/** Per benefit and year, the exact pence total of a table's amounts, for these projects (or all). */
async function yearSums(
  db: Db,
  table: 'benefit_profile' | 'realisations',
  projectIds: number[] | undefined,
): Promise<Row[]> {
  const query = (ids?: number[]) => {
    const q = db(`${table} as f`)
      .join('benefits as b', 'b.id', 'f.benefit_id')
      .whereNotNull('f.amount_pence')
      .groupBy('f.benefit_id', 'b.project_id', 'f.fy_start')
      .select('f.benefit_id', 'b.project_id', 'f.fy_start', exactSum(db, 'f.amount_pence', 'total'));
    if (ids) q.whereIn('b.project_id', ids);
    return q as Knex.QueryBuilder<Row, Row[]>;
  };
  if (!projectIds) return query();
  const out: Row[] = [];
  for (const part of chunks(projectIds)) out.push(...(await query(part)));
  return out;
}

/** The runs these projects' ledgers give now (every project's when none are named). */
export async function fromLedger(db: Db, projectIds?: number[]): Promise<ToDateRun[]> {
  const years = new Map<number, { projectId: number; byFy: Map<number, [bigint, bigint]> }>();
  for (const [i, table] of (['benefit_profile', 'realisations'] as const).entries())
    for (const r of await yearSums(db, table, projectIds)) {
      const id = Number(r.benefit_id);
      let b = years.get(id);
      if (!b) years.set(id, (b = { projectId: Number(r.project_id), byFy: new Map() }));
      const fy = Number(r.fy_start);
      const sums = b.byFy.get(fy) ?? [0n, 0n];
      sums[i] += BigInt(exactSumOf(r, 'total'));
      b.byFy.set(fy, sums);
    }
  const runs: ToDateRun[] = [];
  for (const [benefitId, b] of years) {
    const fys = [...b.byFy.keys()].sort((x, y) => x - y);
    let expected = 0n;
    let realised = 0n;
    for (const fy of fys) {
      const [e, r] = b.byFy.get(fy)!;
      expected += e;
      realised += r;
      runs.push({ benefitId, projectId: b.projectId, fromFy: fy, expected, realised });
    }
  }
  return runs.sort((x, y) => x.benefitId - y.benefitId || x.fromFy - y.fromFy);
}

/** Whether every run fits the bigint column (only amounts far beyond C1's limits could not). */
export function fits(r: ToDateRun): boolean {
  const abs = (v: bigint) => (v < 0n ? -v : v);
  return abs(r.expected) <= INT64_MAX && abs(r.realised) <= INT64_MAX;
}

export async function replaceForProjects(db: Db, projectIds: number[], runs: readonly ToDateRun[]): Promise<void> {
  for (const part of chunks([...new Set(projectIds)]))
    await db('benefit_to_date_sums').whereIn('project_id', part).delete();
  const rows = runs.map((r) => ({
    benefit_id: r.benefitId,
    project_id: r.projectId,
    from_fy: r.fromFy,
    expected_pence: r.expected.toString(),
    realised_pence: r.realised.toString(),
  }));
  for (const part of chunks(rows, 200)) await db('benefit_to_date_sums').insert(part);
}

/** Every stored run, in the order fromLedger gives them. */
export async function listAll(db: Db): Promise<ToDateRun[]> {
  const rows: Row[] = await db('benefit_to_date_sums').orderBy(['benefit_id', 'from_fy']);
  return rows.map((r) => ({
    benefitId: Number(r.benefit_id),
    projectId: Number(r.project_id),
    fromFy: Number(r.from_fy),
    expected: BigInt(String(r.expected_pence)),
    realised: BigInt(String(r.realised_pence)),
  }));
}

/**
 * Whether the table is empty while the ledger has money flows: a database from before it. Every
 * write keeps it after that, and `verify` checks it, so an empty table is the only case to find.
 */
export async function missing(db: Db): Promise<boolean> {
  if (await db('benefit_to_date_sums').first('benefit_id')) return false;
  return Boolean(
    (await db('benefit_profile').whereNotNull('amount_pence').first('id')) ??
    (await db('realisations').whereNotNull('amount_pence').first('id')),
  );
}

/**
 * A benefit's sum to date as at year Y, for ORDER BY on a register query whose benefits are `b`:
 * its latest row on or before Y (C8), 0 before its first flow. Exact integer pence (C1).
 */
export function toDateSortKey(db: Db, which: 'expected' | 'realised', asAtFy: number): Knex.Raw {
  const column = which === 'expected' ? 'expected_pence' : 'realised_pence';
  return db.raw(
    `COALESCE((SELECT s.${column} FROM benefit_to_date_sums s WHERE s.benefit_id = b.id AND s.from_fy <= ? ORDER BY s.from_fy DESC LIMIT 1), 0)`,
    [asAtFy],
  );
}
