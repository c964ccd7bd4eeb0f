/**
 * Cost lines. Natural key: (project, year, kind, funding, category, reference). A line already
 * stored under that key is updated when its amount, credit flag, recurrence or description differ,
 * else left unchanged. An old category name (capital, revenue_one_off, revenue_recurring) is mapped
 * as the issue-19 migration maps stored lines, so files exported before it still import.
 */
import type { ImportProblem } from '../../io/header';
import type { CostLine } from '../../records';
import type { CostLineNew, CostLineWrite } from '../../repositories/cost-lines';
import { costRowSchema } from '../../validation/import-rows.schema';
import { classifyCost, costFundingProblem } from '../../validation/costs.schema';
import { baseYearProblem, costSignProblem, signedCost } from '../rules';
import {
  check,
  FieldParser,
  groupBy,
  newCounts,
  resolveProject,
  SeenKeys,
  type Counts,
  type ParsedRow,
  type PlanContext,
  type Update,
} from './plan-common';
import { YearlyTotals } from './year-totals';
import { noPlannedRows, PlannedRowsCollector, type PlannedRow, type PlannedRows } from './planned-rows';

export interface CostPlan {
  counts: Counts;
  problems: ImportProblem[];
  inserts: CostLineNew[];
  updates: Update<CostLine, CostLineWrite>[];
  /** What the preview lists: lines by action, with totals by year. */
  planned: PlannedRows;
}

function key(
  projectId: number,
  fy: number,
  kind: string,
  funding: string,
  category: string,
  reference: string,
): string {
  return `${projectId}|${fy}|${kind}|${funding}|${category}|${reference}`;
}

function same(current: CostLine, w: CostLineWrite): boolean {
  return (
    current.amount.eq(w.amount) &&
    current.isCredit === w.isCredit &&
    current.description === w.description &&
    current.recurrence === w.recurrence
  );
}

export function planCosts(rows: ParsedRow[], ctx: PlanContext, existing: CostLine[]): CostPlan {
  const fields = new FieldParser(costRowSchema.shape, ctx.columns);
  const plan: CostPlan = { counts: newCounts(), problems: [], inserts: [], updates: [], planned: noPlannedRows() };
  const planned = new PlannedRowsCollector();
  const stored = groupBy(existing, (c) => key(c.projectId, c.fy, c.kind, c.funding, c.category, c.reference));
  const seen = new SeenKeys();
  const has = (c: string) => ctx.columns.has(c);
  const projects = new Map([...ctx.projects.values()].map((p) => [p.id, p]));
  const totals = new YearlyTotals();
  for (const c of existing) totals.add(projects.get(c.projectId)!, c.kind, c.fy, c.amount);
  for (const row of rows) {
    const problems = plan.problems;
    const before = problems.length;
    const v = fields.parse(row, problems);
    const project = resolveProject(ctx, v.project_code, row.line, problems);
    if (project && v.year !== undefined) check(problems, row.line, 'year', baseYearProblem(project.baseFy, v.year));
    if (problems.length > before || !project) continue;
    const { year, kind, amount, reference } = v as Required<typeof v>;
    const raw = { category: v.category!, funding: v.funding, recurrence: v.recurrence };
    if (!check(problems, row.line, has('funding') ? 'funding' : 'category', costFundingProblem(raw, has('funding'))))
      continue;
    const { category, funding, recurrence } = classifyCost(raw);
    const k = key(project.id, year, kind, funding, category, reference);
    if (
      !seen.check(k, row.line, 'reference', 'the same project, year, kind, funding, category and reference', problems)
    )
      continue;
    const matches = stored.get(k) ?? [];
    if (matches.length > 1) {
      problems.push({
        line: row.line,
        column: 'reference',
        message: `${matches.length} cost lines of ${project.code} already have this year, kind, funding, category and reference: give them different references before importing against them`,
      });
      continue;
    }
    const current = matches[0];
    const isCredit = has('credit') ? v.credit! : (current?.isCredit ?? false);
    if (!check(problems, row.line, 'amount', costSignProblem(amount, isCredit))) continue;
    const description = has('description') ? v.description! : (current?.description ?? '');
    const write: CostLineWrite = {
      fy: year,
      kind,
      category,
      funding,
      recurrence: has('recurrence') || !current ? recurrence : current.recurrence,
      reference,
      amount: signedCost(amount, isCredit),
      isCredit,
      description,
    };
    const delta = write.amount.minus(current?.amount ?? 0);
    totals.add(project, kind, year, delta, delta.isZero() ? null : row.line);
    const shown: PlannedRow = {
      line: row.line,
      project: project.code,
      fy: year,
      details: { kind, funding, category, reference },
      total: kind,
      amount: write.amount,
      before: current?.amount ?? null,
    };
    if (!current) {
      plan.inserts.push({ projectId: project.id, ...write });
      plan.counts.add++;
      planned.record('add', shown);
    } else if (same(current, write)) {
      plan.counts.unchanged++;
      planned.record('unchanged', shown);
    } else {
      plan.updates.push({ current, write });
      plan.counts.update++;
      planned.record('update', shown);
    }
  }
  plan.problems.push(...totals.problems('amount'));
  plan.planned = planned.result();
  return plan;
}
