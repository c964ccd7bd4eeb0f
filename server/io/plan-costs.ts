/**
 * Cost lines. Natural key: (project, year, kind, category, reference). A line already stored under
 * that key is updated when its amount, credit flag or description differ, else left unchanged.
 */
import { Decimal, toDbPence } from '../money';
import type { ImportProblem } from './header';
import { costRowSchema } from './row-schemas';
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
  type Counts,
  type DbRow,
  type ParsedRow,
  type PlanContext,
  type RowUpdate,
} from './plan-common';

export interface CostPlan {
  counts: Counts;
  problems: ImportProblem[];
  inserts: Record<string, unknown>[];
  updates: RowUpdate[];
}


function key(projectId: unknown, fy: unknown, kind: unknown, category: unknown, reference: unknown): string {
  return `${projectId}|${fy}|${kind}|${category}|${reference}`;
}

export function planCosts(rows: ParsedRow[], ctx: PlanContext, existing: DbRow[]): CostPlan {
  const fields = new FieldParser(costRowSchema.shape, ctx.columns);
  const plan: CostPlan = { counts: newCounts(), problems: [], inserts: [], updates: [] };
  const stored = groupBy(existing, (r) => key(r.project_id, r.fy_start, r.kind, r.category, r.reference));
  const seen = new SeenKeys();
  for (const row of rows) {
    const problems = plan.problems;
    const before = problems.length;
    const v = fields.parse(row, problems);
    const project = resolveProject(ctx, v.project_code, row.line, problems);
    if (project) checkBaseYear(project, v.year, row.line, problems);
    if (problems.length > before || !project) continue;
    const { year, kind, category, amount, reference } = v as Required<typeof v>;
    const k = key(project.id, year, kind, category, reference);
    if (!seen.check(k, row.line, 'reference', 'the same project, year, kind, category and reference', problems)) continue;
    const matches = stored.get(k) ?? [];
    if (matches.length > 1) {
      problems.push({ line: row.line, column: 'reference', message: `${matches.length} cost lines of ${project.code} already have this year, kind, category and reference: give them different references before importing against them` });
      continue;
    }
    const current = matches[0];
    const has = (c: string) => ctx.columns.has(c);
    const isCredit = has('credit') ? v.credit! : current ? dbBool(current.is_credit) : false;
    // C1: a negative cost is only accepted on a line marked as a credit or refund.
    if (amount.isNeg() && !isCredit) {
      problems.push({ line: row.line, column: 'amount', message: 'Enter an amount of £0 or more, or mark the line as a credit or refund (credit column: yes)' });
      continue;
    }
    // C4: a credit reduces cost, whichever sign was typed.
    const signed = isCredit && !amount.isZero() ? amount.abs().negated() : amount.isZero() ? new Decimal(0) : amount;
    const write = { amount_pence: toDbPence(signed), is_credit: isCredit, description: has('description') ? v.description! : current ? dbText(current.description) : '' };
    if (!current) {
      plan.inserts.push({ project_id: project.id, fy_start: year, kind, category, reference, ...write });
      plan.counts.add++;
    } else if (String(current.amount_pence) === write.amount_pence && dbBool(current.is_credit) === write.is_credit && dbText(current.description) === write.description) {
      plan.counts.unchanged++;
    } else {
      plan.updates.push({ table: 'cost_lines', id: current.id, version: current.version, before: snapshot(current), patch: write });
      plan.counts.update++;
    }
  }
  return plan;
}
