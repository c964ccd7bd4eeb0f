/**
 * C9 decisions and frozen baselines (tables decisions, baselines, baseline_cost_lines,
 * baseline_benefits, baseline_benefit_profile). Append-only: nothing here updates or deletes a row
 * (a project's deletion removes them by CASCADE, its audit record keeping the decisions).
 */
import { Decimal, fromDbPence, toDbPence } from '../money';
import type { Db } from '../knex';
import type { DiscountRule } from '../finance/types';
import type {
  Baseline,
  BaselineBenefit,
  BaselineCostLine,
  BaselineHeader,
  BenefitType,
  CostCategory,
  Decision,
  DecisionKind,
  ReasonCode,
} from '../records';
import { chunks, whereInChunks } from './bulk';
import { toBool, toIso } from './shared';
import { whereProject, type ProjectFilter } from './projects';

interface DecisionRow {
  id: number;
  project_id: number;
  kind: DecisionKind;
  decided_on: string;
  decided_by: string;
  reference: string;
  funding_source: string;
  reason_code: ReasonCode | null;
  note: string;
  baseline_number: number;
  recorded_by_user_id: number | null;
  recorded_by: string;
  created_at: unknown;
}

function mapDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    projectId: r.project_id,
    kind: r.kind,
    decidedOn: String(r.decided_on),
    decidedBy: r.decided_by,
    reference: r.reference,
    fundingSource: r.funding_source,
    reasonCode: r.reason_code ?? null,
    note: r.note,
    baselineNumber: r.baseline_number,
    recordedByUserId: r.recorded_by_user_id ?? null,
    recordedBy: r.recorded_by,
    createdAt: toIso(r.created_at),
  };
}

export type DecisionWrite = Omit<Decision, 'id' | 'createdAt'>;

async function insertId(db: Db, table: string, row: Record<string, unknown>): Promise<number> {
  const [res] = await db(table).insert(row).returning('id');
  return typeof res === 'object' ? Number(res.id) : Number(res);
}

export async function insertDecision(db: Db, d: DecisionWrite): Promise<number> {
  return insertId(db, 'decisions', {
    project_id: d.projectId,
    kind: d.kind,
    decided_on: d.decidedOn,
    decided_by: d.decidedBy,
    reference: d.reference,
    funding_source: d.fundingSource,
    reason_code: d.reasonCode,
    note: d.note,
    baseline_number: d.baselineNumber,
    recorded_by_user_id: d.recordedByUserId,
    recorded_by: d.recordedBy,
    created_at: new Date().toISOString(),
  });
}

/** A project's decisions, oldest first. */
export async function listDecisions(db: Db, projectId: number): Promise<Decision[]> {
  const rows: DecisionRow[] = await db('decisions').where({ project_id: projectId }).orderBy('baseline_number');
  return rows.map(mapDecision);
}

export async function findDecision(db: Db, id: number): Promise<Decision | null> {
  const row: DecisionRow | undefined = await db('decisions').where({ id }).first();
  return row ? mapDecision(row) : null;
}

/** The number the next baseline of this project takes (1 before any decision). */
export async function nextBaselineNumber(db: Db, projectId: number): Promise<number> {
  const row = await db('baselines').where({ project_id: projectId }).max<{ n: number | null }>({ n: 'number' }).first();
  return Number(row?.n ?? 0) + 1;
}

// ## Baselines

interface HeaderRow {
  id: number;
  project_id: number;
  decision_id: number;
  number: number;
  base_fy: number;
  optimism_bias: string;
  discount_source: 'project' | 'organisation';
  discount_kind: string;
  discount_rate: string | null;
  created_at: unknown;
}

function ruleOf(r: HeaderRow): DiscountRule {
  return r.discount_kind === 'constant'
    ? { kind: 'constant', rate: new Decimal(r.discount_rate!) }
    : { kind: 'green_book' };
}

function mapHeader(r: HeaderRow): BaselineHeader {
  return {
    id: r.id,
    projectId: r.project_id,
    decisionId: r.decision_id,
    number: r.number,
    baseFy: r.base_fy,
    optimismBias: new Decimal(r.optimism_bias),
    discountSource: r.discount_source,
    discountRule: ruleOf(r),
    createdAt: toIso(r.created_at),
  };
}

export interface BaselineWrite {
  projectId: number;
  decisionId: number;
  number: number;
  baseFy: number;
  optimismBias: Decimal;
  discountSource: 'project' | 'organisation';
  discountRule: DiscountRule;
  costLines: BaselineCostLine[];
  benefits: BaselineBenefit[];
}

/** Freezes one baseline: its header, planned cost lines, benefits and profiles. */
export async function insertBaseline(db: Db, b: BaselineWrite): Promise<number> {
  const id = await insertId(db, 'baselines', {
    project_id: b.projectId,
    decision_id: b.decisionId,
    number: b.number,
    base_fy: b.baseFy,
    optimism_bias: b.optimismBias.toString(),
    discount_source: b.discountSource,
    discount_kind: b.discountRule.kind,
    discount_rate: b.discountRule.kind === 'constant' ? b.discountRule.rate.toString() : null,
    created_at: new Date().toISOString(),
  });
  const lines = b.costLines.map((c) => ({
    baseline_id: id,
    fy_start: c.fy,
    category: c.category,
    amount_pence: toDbPence(c.amount),
    is_credit: c.isCredit,
    description: c.description,
  }));
  for (const part of chunks(lines, 200)) await db('baseline_cost_lines').insert(part);
  for (const benefit of b.benefits) {
    const benefitId = await insertId(db, 'baseline_benefits', {
      baseline_id: id,
      source_benefit_id: benefit.sourceBenefitId,
      ref: benefit.ref,
      title: benefit.title,
      type: benefit.type,
      is_disbenefit: benefit.isDisbenefit,
      confidence: benefit.confidence.toString(),
    });
    const profile = benefit.profile.map((p) => ({
      baseline_benefit_id: benefitId,
      fy_start: p.fy,
      amount_pence: toDbPence(p.amount),
    }));
    for (const part of chunks(profile, 200)) await db('baseline_benefit_profile').insert(part);
  }
  return id;
}

/** Every baseline header of a project, oldest first. */
export async function listHeaders(db: Db, projectId: number): Promise<BaselineHeader[]> {
  const rows: HeaderRow[] = await db('baselines').where({ project_id: projectId }).orderBy('number');
  return rows.map(mapHeader);
}

/** The latest baseline header of each of these projects that has one (all projects when none are named). */
export async function latestHeaders(db: Db, projectIds?: number[]): Promise<Map<number, BaselineHeader>> {
  const latest = db('baselines as l').whereRaw('l.project_id = b.project_id').max('l.number');
  let rows: HeaderRow[];
  if (projectIds) {
    rows = [];
    for (const part of chunks([...new Set(projectIds)]))
      rows.push(
        ...((await db('baselines as b')
          .select('b.*')
          .whereIn('b.project_id', part)
          .where('b.number', latest)) as HeaderRow[]),
      );
  } else rows = await db('baselines as b').select('b.*').where('b.number', latest);
  return new Map(rows.map((r) => [r.project_id, mapHeader(r)]));
}

async function contents(
  db: Db,
  headers: BaselineHeader[],
): Promise<Map<number, { costLines: BaselineCostLine[]; benefits: BaselineBenefit[] }>> {
  const out = new Map<number, { costLines: BaselineCostLine[]; benefits: BaselineBenefit[] }>();
  for (const h of headers) out.set(h.id, { costLines: [], benefits: [] });
  const ids = headers.map((h) => h.id);
  if (ids.length === 0) return out;
  const lines: Record<string, unknown>[] = await whereInChunks(db, 'baseline_cost_lines', 'baseline_id', ids);
  lines.sort((a, b) => Number(a.fy_start) - Number(b.fy_start) || Number(a.id) - Number(b.id));
  for (const l of lines)
    out.get(Number(l.baseline_id))!.costLines.push({
      fy: Number(l.fy_start),
      category: l.category as CostCategory,
      amount: fromDbPence(l.amount_pence as string),
      isCredit: toBool(l.is_credit),
      description: String(l.description),
    });
  const benefits: Record<string, unknown>[] = await whereInChunks(db, 'baseline_benefits', 'baseline_id', ids);
  benefits.sort((a, b) => Number(a.id) - Number(b.id));
  const byId = new Map<number, BaselineBenefit>();
  for (const b of benefits) {
    const benefit: BaselineBenefit = {
      sourceBenefitId:
        b.source_benefit_id === null || b.source_benefit_id === undefined ? null : Number(b.source_benefit_id),
      ref: String(b.ref),
      title: String(b.title),
      type: b.type as BenefitType,
      isDisbenefit: toBool(b.is_disbenefit),
      confidence: new Decimal(String(b.confidence)),
      profile: [],
    };
    byId.set(Number(b.id), benefit);
    out.get(Number(b.baseline_id))!.benefits.push(benefit);
  }
  const profile: Record<string, unknown>[] = await whereInChunks(
    db,
    'baseline_benefit_profile',
    'baseline_benefit_id',
    [...byId.keys()],
  );
  profile.sort((a, b) => Number(a.fy_start) - Number(b.fy_start));
  for (const p of profile)
    byId.get(Number(p.baseline_benefit_id))!.profile.push({
      fy: Number(p.fy_start),
      amount: fromDbPence(p.amount_pence as string),
    });
  return out;
}

/** Full baselines (header, lines, benefits, profiles) for these headers. */
export async function withContents(db: Db, headers: BaselineHeader[]): Promise<Baseline[]> {
  const c = await contents(db, headers);
  return headers.map((h) => ({ ...h, ...c.get(h.id)! }));
}

/** The latest full baseline of each of these projects that has one (all when none are named). */
export async function latestBaselines(db: Db, projectIds?: number[]): Promise<Map<number, Baseline>> {
  if (projectIds && projectIds.length === 0) return new Map();
  const headers = await latestHeaders(db, projectIds);
  const full = await withContents(db, [...headers.values()]);
  return new Map(full.map((b) => [b.projectId, b]));
}

/** How many projects the filter selects have no baseline yet (C9, an aggregate's projectsWithoutBaseline). */
export async function countWithoutBaseline(db: Db, filter: ProjectFilter): Promise<number> {
  const row = await whereProject(db('projects as p'), db, filter)
    .whereNotExists(db('baselines as b').whereRaw('b.project_id = p.id').select(db.raw('1')))
    .count<{ n: string | number }>({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/** The decision that froze each of these projects' latest baselines: its number, kind and date. */
export async function latestBaselineDecisions(
  db: Db,
  projectIds: number[],
): Promise<Map<number, { baselineNumber: number; kind: DecisionKind; decidedOn: string }>> {
  const out = new Map<number, { baselineNumber: number; kind: DecisionKind; decidedOn: string }>();
  const latest = db('baselines as l').whereRaw('l.project_id = b.project_id').max('l.number');
  for (const part of chunks([...new Set(projectIds)])) {
    const rows: { project_id: number; number: number; kind: DecisionKind; decided_on: string }[] = await db(
      'baselines as b',
    )
      .join('decisions as d', 'd.id', 'b.decision_id')
      .whereIn('b.project_id', part)
      .where('b.number', latest)
      .select('b.project_id', 'b.number', 'd.kind', 'd.decided_on');
    for (const r of rows)
      out.set(Number(r.project_id), {
        baselineNumber: Number(r.number),
        kind: r.kind,
        decidedOn: String(r.decided_on),
      });
  }
  return out;
}

/** A decision with the project it was about, for lists across projects. */
export interface DecisionListing extends Decision {
  projectCode: string;
  projectName: string;
  directorateName: string;
}

export interface DecisionListFilter {
  directorateCode?: string;
  status?: string;
  /** Decisions recorded strictly after this moment (ISO). */
  recordedAfter?: string;
  /** Decisions taken on or after this day (YYYY-MM-DD). */
  decidedFrom?: string;
}

/** Decisions across projects, newest decision first, and how many there are in all. */
export async function listAcrossProjects(
  db: Db,
  f: DecisionListFilter,
  limit: number,
): Promise<{ total: number; rows: DecisionListing[] }> {
  const q = () => {
    const b = db('decisions as dn')
      .join('projects as p', 'p.id', 'dn.project_id')
      .join('directorates as d', 'd.id', 'p.directorate_id');
    if (f.directorateCode) b.where('d.code', f.directorateCode);
    if (f.status) b.where('p.status', f.status);
    if (f.recordedAfter) b.where('dn.created_at', '>', f.recordedAfter);
    if (f.decidedFrom) b.where('dn.decided_on', '>=', f.decidedFrom);
    return b;
  };
  const counted = await q().count<{ n: string | number }>({ n: '*' }).first();
  const rows: (DecisionRow & { project_code: string; project_name: string; directorate_name: string })[] = await q()
    .select('dn.*', 'p.code as project_code', 'p.name as project_name', 'd.name as directorate_name')
    .orderBy([
      { column: 'dn.decided_on', order: 'desc' },
      { column: 'dn.id', order: 'desc' },
    ])
    .limit(limit);
  return {
    total: Number(counted?.n ?? 0),
    rows: rows.map((r) => ({
      ...mapDecision(r),
      projectCode: r.project_code,
      projectName: r.project_name,
      directorateName: r.directorate_name,
    })),
  };
}
