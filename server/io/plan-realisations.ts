/**
 * Realisations. Natural key: (project, benefit ref, year): one realisation per benefit and year is
 * added, or updated when its amount, value, correction flag or evidence differ.
 */
import { toDbPence } from '../money';
import type { ImportProblem } from './header';
import { realisationRowSchema, type RealisationRow } from './row-schemas';
import {
  checkBaseYear,
  dbBool,
  dbText,
  groupBy,
  newCounts,
  FieldParser,
  resolveProject,
  SeenKeys,
  snapshot,
  type Action,
  type Counts,
  type DbRow,
  type ParsedRow,
  type PlanContext,
  type ProjectRef,
  type RowUpdate,
} from './plan-common';

export interface RealisationPlan {
  counts: Counts;
  problems: ImportProblem[];
  inserts: Record<string, unknown>[];
  updates: RowUpdate[];
}

export interface RealisationStore {
  benefits: DbRow[];
  realisations: DbRow[];
  /** Who and when, for new and changed realisations. */
  recordedBy: string;
  recordedOn: string;
}


interface Write {
  amount_pence: string | null;
  value: string;
  is_correction: boolean;
  evidence: string;
}

/** C1 and C5: money benefits record an amount (negative only as a correction), qualitative ones a value. */
function checkWrite(benefit: DbRow, w: Write, problems: ImportProblem[], line: number): boolean {
  const before = problems.length;
  if (benefit.type === 'qualitative') {
    if (w.amount_pence !== null) problems.push({ line, column: 'amount', message: 'This benefit is qualitative: record a measured value, not an amount' });
    if (w.value === '') problems.push({ line, column: 'value', message: 'Enter the measured value' });
  } else if (w.amount_pence === null) {
    problems.push({ line, column: 'amount', message: 'Enter the amount realised' });
  } else if (w.amount_pence.startsWith('-') && !w.is_correction) {
    problems.push({ line, column: 'amount', message: 'Enter an amount of £0 or more, or mark this as a correction (correction column: yes)' });
  }
  return problems.length === before;
}

function writeOf(v: Partial<RealisationRow>, has: (c: string) => boolean, current: DbRow | undefined): Write {
  const amount = has('amount') ? (v.amount ?? null) : undefined;
  return {
    amount_pence: amount === undefined ? (current?.amount_pence == null ? null : String(current.amount_pence)) : amount === null ? null : toDbPence(amount.isZero() ? amount.abs() : amount),
    value: has('value') ? v.value! : dbText(current?.value),
    is_correction: has('correction') ? v.correction! : dbBool(current?.is_correction),
    evidence: has('evidence') ? v.evidence! : dbText(current?.evidence),
  };
}

function same(current: DbRow, w: Write): boolean {
  const amount = current.amount_pence == null ? null : String(current.amount_pence);
  return amount === w.amount_pence && dbText(current.value) === w.value && dbBool(current.is_correction) === w.is_correction && dbText(current.evidence) === w.evidence;
}

export function planRealisations(rows: ParsedRow[], ctx: PlanContext, store: RealisationStore): RealisationPlan {
  const fields = new FieldParser(realisationRowSchema.shape, ctx.columns);
  const plan: RealisationPlan = { counts: newCounts(), problems: [], inserts: [], updates: [] };
  const benefits = new Map(store.benefits.map((b) => [`${b.project_id}|${String(b.ref).toUpperCase()}`, b]));
  const stored = groupBy(store.realisations, (r) => `${r.benefit_id}|${r.fy_start}`);
  const seen = new SeenKeys();
  for (const row of rows) {
    const before = plan.problems.length;
    const v = fields.parse(row, plan.problems);
    const project = resolveProject(ctx, v.project_code, row.line, plan.problems);
    if (project) checkBaseYear(project, v.year, row.line, plan.problems);
    if (plan.problems.length > before || !project) continue;
    const action = planRow(plan, row, v, project, { columns: ctx.columns, benefits, stored, seen, store });
    if (action) plan.counts[action]++;
  }
  return plan;
}

interface Lookups {
  columns: Map<string, number>;
  benefits: Map<string, DbRow>;
  stored: Map<string, DbRow[]>;
  seen: SeenKeys;
  store: RealisationStore;
}

function planRow(plan: RealisationPlan, row: ParsedRow, v: Partial<RealisationRow>, project: ProjectRef, l: Lookups): Action | null {
  const problems = plan.problems;
  const benefit = l.benefits.get(`${project.id}|${v.benefit_ref}`);
  if (!benefit) {
    problems.push({ line: row.line, column: 'benefit_ref', message: `There is no benefit ${v.benefit_ref} on project ${project.code}` });
    return null;
  }
  const key = `${benefit.id}|${v.year}`;
  if (!l.seen.check(key, row.line, 'year', `a realisation of benefit ${v.benefit_ref} in this year`, problems)) return null;
  const matches = l.stored.get(key) ?? [];
  if (matches.length > 1) {
    problems.push({ line: row.line, column: 'year', message: `Benefit ${v.benefit_ref} already has ${matches.length} realisations in this year: correct them on the benefit's page, then import` });
    return null;
  }
  const current = matches[0];
  const w = writeOf(v, (c) => l.columns.has(c), current);
  if (!checkWrite(benefit, w, problems, row.line)) return null;
  const recorded = { recorded_by: l.store.recordedBy, recorded_on: l.store.recordedOn };
  if (!current) {
    plan.inserts.push({ benefit_id: benefit.id, fy_start: v.year, ...w, ...recorded });
    return 'add';
  }
  if (same(current, w)) return 'unchanged';
  plan.updates.push({ table: 'realisations', id: current.id, version: current.version, before: snapshot(current), patch: { ...w, ...recorded } });
  return 'update';
}
