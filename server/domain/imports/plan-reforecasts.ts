/**
 * C9 re-forecasts. Append-only: each line adds a re-forecast of (project, benefit ref, year), and a
 * line whose amount and note equal that benefit and year's latest re-forecast is unchanged, so a
 * file imported twice adds nothing the second time. The rules are the form's (reforecastProblems).
 */
import type { ImportProblem } from '../../io/header';
import type { Benefit, BenefitReforecast } from '../../records';
import type { ReforecastNew } from '../../repositories/benefit-reforecasts';
import { reforecastRowSchema, type ReforecastRow } from '../../validation/import-rows.schema';
import { reforecastProblems } from '../reforecasts';
import {
  FieldParser,
  newCounts,
  resolveProject,
  SeenKeys,
  type Action,
  type Counts,
  type ParsedRow,
  type PlanContext,
} from './plan-common';
import { noPlannedRows, PlannedRowsCollector, type PlannedRows } from './planned-rows';

export interface ReforecastPlan {
  counts: Counts;
  problems: ImportProblem[];
  inserts: ReforecastNew[];
  planned: PlannedRows;
}

export interface ReforecastStore {
  benefits: Benefit[];
  /** Stored re-forecasts of those benefits, in the order made. */
  reforecasts: BenefitReforecast[];
  enteredByUserId: number | null;
  enteredBy: string;
  /** The financial year containing today's UK date: no re-forecast of an earlier one (C9). */
  currentFy: number;
}

export function planReforecasts(rows: ParsedRow[], ctx: PlanContext, store: ReforecastStore): ReforecastPlan {
  const fields = new FieldParser(reforecastRowSchema.shape, ctx.columns);
  const plan: ReforecastPlan = { counts: newCounts(), problems: [], inserts: [], planned: noPlannedRows() };
  const planned = new PlannedRowsCollector();
  const benefits = new Map(store.benefits.map((b) => [`${b.projectId}|${b.ref.toUpperCase()}`, b]));
  const latest = new Map<string, BenefitReforecast>();
  for (const r of store.reforecasts) latest.set(`${r.benefitId}|${r.fy}`, r); // the last made wins
  const seen = new SeenKeys();
  for (const row of rows) {
    const before = plan.problems.length;
    const v: Partial<ReforecastRow> = fields.parse(row, plan.problems);
    const project = resolveProject(ctx, v.project_code, row.line, plan.problems);
    if (plan.problems.length > before || !project) continue;
    const benefit = benefits.get(`${project.id}|${v.benefit_ref}`);
    if (!benefit) {
      plan.problems.push({
        line: row.line,
        column: 'benefit_ref',
        message: `There is no benefit ${v.benefit_ref} on project ${project.code}`,
      });
      continue;
    }
    const key = `${benefit.id}|${v.year}`;
    if (!seen.check(key, row.line, 'year', `a re-forecast of benefit ${benefit.ref} for this year`, plan.problems))
      continue;
    const current = latest.get(key);
    const note = v.note ?? '';
    let action: Action;
    if (current && current.amount.eq(v.amount!) && current.note === note) action = 'unchanged';
    else {
      const problems = reforecastProblems(project, benefit, v.year!, store.currentFy);
      for (const [column, message] of Object.entries(problems)) plan.problems.push({ line: row.line, column, message });
      if (Object.keys(problems).length) continue;
      plan.inserts.push({
        benefitId: benefit.id,
        fy: v.year!,
        amount: v.amount!,
        note,
        enteredByUserId: store.enteredByUserId,
        enteredBy: store.enteredBy,
      });
      action = 'add';
    }
    plan.counts[action]++;
    planned.record(action, {
      line: row.line,
      project: project.code,
      fy: v.year ?? null,
      details: { benefit_ref: benefit.ref, note },
      total: null,
      amount: v.amount ?? null,
      before: current?.amount ?? null,
    });
  }
  plan.planned = planned.result();
  return plan;
}
