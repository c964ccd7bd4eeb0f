/**
 * Realisations. Natural key: (project, benefit ref, year): one realisation per benefit and year is
 * added, or updated when its amount, value, correction flag or evidence differ.
 */
import { Decimal } from '../../money';
import type { ImportProblem } from '../../io/header';
import type { Benefit, Realisation } from '../../records';
import type { RealisationNew, RealisationWrite } from '../../repositories/realisations';
import { realisationRowSchema, type RealisationRow } from '../../validation/import-rows.schema';
import {
  baseYearProblem,
  futureRealisationProblem,
  hasEvidence,
  realisationEvidenceProblem,
  realisationProblems,
  realisationSignProblem,
  VERIFIED_IMPORT_PROBLEM,
} from '../rules';
import {
  check,
  FieldParser,
  groupBy,
  newCounts,
  resolveProject,
  SeenKeys,
  type Action,
  type Counts,
  type ParsedRow,
  type PlanContext,
  type ProjectRef,
  type Update,
} from './plan-common';
import { YearlyTotals } from './year-totals';
import { noPlannedRows, PlannedRowsCollector, type PlannedRow, type PlannedRows } from './planned-rows';
import { signedBenefitAmount } from '../../finance/benefit-sign';

export interface RealisationPlan {
  counts: Counts;
  problems: ImportProblem[];
  inserts: RealisationNew[];
  updates: Update<Realisation, RealisationWrite>[];
  /** What the preview lists: lines by action, with totals by year. */
  planned: PlannedRows;
}

export interface RealisationStore {
  benefits: Benefit[];
  realisations: Realisation[];
  /** Who and when, for new and changed realisations. */
  recordedBy: string;
  /** C10: the signed-in user importing (who recorded or changed each realisation it writes). */
  userId?: number | null;
  recordedOn: string;
  /** The financial year containing today's UK date: no realisation is saved in a later one (C6). */
  currentFy: number;
}

type Fields = Pick<RealisationWrite, 'amount' | 'value' | 'isCorrection' | 'evidence'>;

/** The same rules as the realisation form (C1 sign, C5 money or measured value), on the columns they concern. */
function checkFields(benefit: Benefit, f: Fields, problems: ImportProblem[], line: number): boolean {
  const found = { ...realisationProblems(benefit.type, f) };
  const sign = realisationSignProblem(f.amount, f.isCorrection);
  if (sign && !found.amount) found.amount = sign;
  for (const [column, message] of Object.entries(found)) problems.push({ line, column, message });
  return Object.keys(found).length === 0;
}

/**
 * The rules on what a line saves, as the form's (C6 year, evidence for an amount): checked only on
 * lines that add or change a realisation, so an unchanged line of an old row still imports.
 */
function checkWrite(
  benefit: Benefit,
  fy: number,
  f: Fields,
  currentFy: number,
  problems: ImportProblem[],
  line: number,
) {
  const year = check(problems, line, 'year', futureRealisationProblem(fy, currentFy));
  const evidence =
    benefit.type === 'qualitative' ||
    check(problems, line, 'evidence', realisationEvidenceProblem(f.amount, f.evidence));
  return year && evidence;
}

/** An export shows "no evidence recorded" where a row has none: imported back, it is none again. */
const evidenceOf = (text: string): string => (hasEvidence(text) ? text : '');

function fieldsOf(v: Partial<RealisationRow>, has: (c: string) => boolean, current: Realisation | undefined): Fields {
  const amount = has('amount') ? (v.amount ?? null) : (current?.amount ?? null);
  return {
    // A typed "-0" is zero, never a negative correction.
    amount: amount !== null && amount.isZero() ? amount.abs() : amount,
    value: has('value') ? v.value! : (current?.value ?? ''),
    isCorrection: has('correction') ? v.correction! : (current?.isCorrection ?? false),
    evidence: has('evidence') ? evidenceOf(v.evidence!) : (current?.evidence ?? ''),
  };
}

function same(current: Realisation, f: Fields): boolean {
  const amounts =
    current.amount === null || f.amount === null ? current.amount === f.amount : current.amount.eq(f.amount);
  return (
    amounts && current.value === f.value && current.isCorrection === f.isCorrection && current.evidence === f.evidence
  );
}

export function planRealisations(rows: ParsedRow[], ctx: PlanContext, store: RealisationStore): RealisationPlan {
  const fields = new FieldParser(realisationRowSchema.shape, ctx.columns);
  const plan: RealisationPlan = {
    counts: newCounts(),
    problems: [],
    inserts: [],
    updates: [],
    planned: noPlannedRows(),
  };
  const planned = new PlannedRowsCollector();
  const l: Lookups = {
    columns: ctx.columns,
    benefits: new Map(store.benefits.map((b) => [`${b.projectId}|${b.ref.toUpperCase()}`, b])),
    stored: groupBy(store.realisations, (r) => `${r.benefitId}|${r.fy}`),
    seen: new SeenKeys(),
    store,
    totals: new YearlyTotals(),
  };
  const projects = new Map([...ctx.projects.values()].map((p) => [p.id, p]));
  const benefitsById = new Map(store.benefits.map((b) => [b.id, b]));
  for (const r of store.realisations) {
    const b = benefitsById.get(r.benefitId)!;
    if (r.amount !== null)
      l.totals.add(
        projects.get(b.projectId)!,
        'realised',
        r.fy,
        signedBenefitAmount({ disbenefit: b.isDisbenefit }, r.amount),
      );
  }
  for (const row of rows) {
    const before = plan.problems.length;
    const v = fields.parse(row, plan.problems);
    const project = resolveProject(ctx, v.project_code, row.line, plan.problems);
    if (project && v.year !== undefined)
      check(plan.problems, row.line, 'year', baseYearProblem(project.baseFy, v.year));
    if (plan.problems.length > before || !project) continue;
    const action = planRow(plan, row, v, project, l);
    if (!action) continue;
    plan.counts[action]++;
    planned.record(action, shownRow(row, v, project, l));
  }
  plan.planned = planned.result();
  plan.problems.push(...l.totals.problems('amount'));
  return plan;
}

interface Lookups {
  columns: Map<string, number>;
  benefits: Map<string, Benefit>;
  stored: Map<string, Realisation[]>;
  seen: SeenKeys;
  store: RealisationStore;
  totals: YearlyTotals;
}

/** A planned line as the preview lists it: the benefit, the measured value, the amount before and after. */
function shownRow(row: ParsedRow, v: Partial<RealisationRow>, project: ProjectRef, l: Lookups): PlannedRow {
  const benefit = l.benefits.get(`${project.id}|${v.benefit_ref}`);
  const current = benefit ? l.stored.get(`${benefit.id}|${v.year}`)?.[0] : undefined;
  const f = fieldsOf(v, (c) => l.columns.has(c), current);
  return {
    line: row.line,
    project: project.code,
    fy: v.year ?? null,
    details: { benefit_ref: v.benefit_ref ?? '', value: f.value },
    total: f.amount === null ? null : 'realised',
    amount: f.amount,
    before: current?.amount ?? null,
  };
}

function planRow(
  plan: RealisationPlan,
  row: ParsedRow,
  v: Partial<RealisationRow>,
  project: ProjectRef,
  l: Lookups,
): Action | null {
  const problems = plan.problems;
  const benefit = l.benefits.get(`${project.id}|${v.benefit_ref}`);
  if (!benefit) {
    problems.push({
      line: row.line,
      column: 'benefit_ref',
      message: `There is no benefit ${v.benefit_ref} on project ${project.code}`,
    });
    return null;
  }
  const key = `${benefit.id}|${v.year}`;
  if (!l.seen.check(key, row.line, 'year', `a realisation of benefit ${v.benefit_ref} in this year`, problems))
    return null;
  const matches = l.stored.get(key) ?? [];
  if (matches.length > 1) {
    problems.push({
      line: row.line,
      column: 'year',
      message: `Benefit ${v.benefit_ref} already has ${matches.length} realisations in this year: correct them on the benefit's page, then import`,
    });
    return null;
  }
  const current = matches[0];
  const f = fieldsOf(v, (c) => l.columns.has(c), current);
  if (!checkFields(benefit, f, problems, row.line)) return null;
  if (current && same(current, f)) return 'unchanged';
  // C10: a verified realisation changes only with a reason, which a file line cannot give.
  if (current?.verification.status === 'verified') {
    problems.push({ line: row.line, column: 'amount', message: VERIFIED_IMPORT_PROBLEM });
    return null;
  }
  if (!checkWrite(benefit, v.year!, f, l.store.currentFy, problems, row.line)) return null;
  const write: RealisationWrite = { fy: v.year!, ...f, recordedBy: l.store.recordedBy, recordedOn: l.store.recordedOn };
  const signed = (a: Decimal | null) => signedBenefitAmount({ disbenefit: benefit.isDisbenefit }, a ?? new Decimal(0));
  const delta = signed(write.amount).minus(signed(current?.amount ?? null));
  l.totals.add(project, 'realised', write.fy, delta, delta.isZero() ? null : row.line);
  const userId = l.store.userId ?? null;
  if (!current) {
    plan.inserts.push({ benefitId: benefit.id, ...write, recordedByUserId: userId });
    return 'add';
  }
  plan.updates.push({ current, write: { ...write, changedByUserId: userId } });
  return 'update';
}
