/**
 * Issue 19: projects. Each line adds a project through createProject (apply.ts), after the checks
 * createProject makes, here with the line and column: the directorate exists and the importer may
 * add projects to it (permissions.ts), the priority is on the managed list (knownPriority, run
 * once per distinct text before planning), and the status needs no approval decision (C9: a
 * project is imported proposed or cancelled and approved through its decision form). A line whose
 * code is stored and whose given columns equal the stored project is unchanged, so a file imported
 * twice adds nothing the second time. A line whose code is stored with different values is refused:
 * a project's fields carry governance (its status follows decisions, its base year bounds its
 * figures, a move of directorate needs both directorates' finance partners), so they change on its
 * edit form, one project at a time, never by a spreadsheet.
 */
import type { ImportProblem } from '../../io/header';
import type { Directorate, Project } from '../../records';
import type { ProjectInput } from '../../validation/projects.schema';
import { projectRowSchema, type ProjectImportRow } from '../../validation/import-rows.schema';
import { decisionStatusProblem } from '../rules';
import { FieldParser, newCounts, type Counts, type ParsedRow, type PlanContext } from './plan-common';
import { noPlannedRows, PlannedRowsCollector, type PlannedRows } from './planned-rows';

/** A council adds tens of projects at a time; each goes through createProject, one by one. */
export const MAX_PROJECT_LINES = 2000;

export interface ProjectPlan {
  counts: Counts;
  problems: ImportProblem[];
  /** createProject's input for each line that adds a project, in file order. */
  inserts: { line: number; input: ProjectInput }[];
  planned: PlannedRows;
}

/** A priority as typed: the list's spelling, or why it is not on the list (knownPriority's words). */
export type PriorityMatch = { name: string } | { problem: string };

export interface ProjectStore {
  projects: Project[];
  directorates: Directorate[];
  /** By the text as typed (trimmed); blank is none. */
  priorities: Map<string, PriorityMatch>;
}

type Row = Partial<ProjectImportRow>;

const UNMATCHED = 'This priority is not on the list of council priorities';

/** The columns compared with a stored project (a column the file leaves out is not). */
const COMPARED: {
  column: keyof ProjectImportRow;
  label: string;
  same(p: Project, v: Row, priority: string): boolean;
}[] = [
  { column: 'name', label: 'name', same: (p, v) => p.name === v.name },
  { column: 'directorate', label: 'directorate', same: (p, v) => p.directorateCode === v.directorate },
  { column: 'status', label: 'status', same: (p, v) => p.status === v.status },
  { column: 'start_year', label: 'start year', same: (p, v) => p.startFy === v.start_year },
  { column: 'base_year', label: 'base year', same: (p, v) => p.baseFy === (v.base_year ?? v.start_year) },
  {
    column: 'discount_rate',
    label: 'discount rate',
    same: (p, v) =>
      p.discountRate === null || v.discount_rate == null
        ? p.discountRate === null && v.discount_rate == null
        : p.discountRate.eq(v.discount_rate),
  },
  { column: 'optimism_bias', label: 'optimism bias', same: (p, v) => p.optimismBias.eq(v.optimism_bias!) },
  { column: 'sponsor', label: 'sponsor', same: (p, v) => p.sponsor === v.sponsor },
  { column: 'manager', label: 'manager', same: (p, v) => p.manager === v.manager },
  { column: 'priority', label: 'priority', same: (p, _v, priority) => p.priority === priority },
  { column: 'description', label: 'description', same: (p, v) => p.description === v.description },
];

function toInput(v: Row, priority: string): ProjectInput {
  return {
    code: v.project_code!,
    name: v.name!,
    directorateCode: v.directorate!,
    description: v.description ?? '',
    sponsor: v.sponsor ?? '',
    manager: v.manager ?? '',
    status: v.status!,
    startYear: v.start_year!,
    baseYear: v.base_year ?? null,
    discountRate: v.discount_rate ?? null,
    optimismBias: v.optimism_bias!,
    priority,
  };
}

/** A stored project: unchanged when every given column matches, otherwise refused on the first that differs. */
function checkStored(ctx: PlanContext, stored: Project, v: Row, priority: string, line: number): ImportProblem | null {
  const refusal = ctx.refusal({
    id: stored.id,
    code: stored.code,
    baseFy: stored.baseFy,
    directorateId: stored.directorateId,
  });
  if (refusal) return { line, column: 'project_code', message: refusal };
  const differs = COMPARED.filter((c) => ctx.columns.has(c.column) && !c.same(stored, v, priority));
  if (differs.length === 0) return null;
  const labels = differs.map((c) => c.label);
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  return {
    line,
    column: differs[0].column,
    message: `Project ${stored.code} already exists with a different ${list}: an import only adds projects. Change it on its edit page, or make this line match it`,
  };
}

/** A new project: the checks createProject makes, each on its column. */
function checkNew(ctx: PlanContext, store: ProjectStore, v: Row, line: number, problems: ImportProblem[]): boolean {
  const before = problems.length;
  const directorate = store.directorates.find((d) => d.code === v.directorate);
  if (!directorate)
    problems.push({ line, column: 'directorate', message: `There is no directorate with code ${v.directorate}` });
  else {
    const refusal = ctx.refusal({ id: 0, code: v.project_code!, baseFy: v.start_year!, directorateId: directorate.id });
    if (refusal) problems.push({ line, column: 'directorate', message: refusal });
  }
  // C9: the same rule as the form, in its words ("add it as proposed, then record the decision").
  const status = decisionStatusProblem(v.status!, false, null);
  if (status) problems.push({ line, column: 'status', message: status });
  return problems.length === before;
}

export function planProjects(rows: ParsedRow[], ctx: PlanContext, store: ProjectStore): ProjectPlan {
  const plan: ProjectPlan = { counts: newCounts(), problems: [], inserts: [], planned: noPlannedRows() };
  if (rows.length > MAX_PROJECT_LINES) {
    plan.problems.push({
      line: null,
      column: null,
      message: `The file has ${rows.length.toLocaleString('en-GB')} projects: import at most ${MAX_PROJECT_LINES.toLocaleString('en-GB')} at a time`,
    });
    return plan;
  }
  const fields = new FieldParser(projectRowSchema.shape, ctx.columns);
  const planned = new PlannedRowsCollector();
  const stored = new Map(store.projects.map((p) => [p.code.toUpperCase(), p]));
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const before = plan.problems.length;
    const v: Row = fields.parse(row, plan.problems);
    if (v.project_code !== undefined) {
      const first = firstLine.get(v.project_code);
      if (first === undefined) firstLine.set(v.project_code, row.line);
      else
        plan.problems.push({
          line: row.line,
          column: 'project_code',
          message: `Line ${first} already has project ${v.project_code}: each project appears once in a file`,
        });
    }
    const match: PriorityMatch = v.priority
      ? (store.priorities.get(v.priority) ?? { problem: UNMATCHED })
      : { name: '' };
    if ('problem' in match) plan.problems.push({ line: row.line, column: 'priority', message: match.problem });
    if (plan.problems.length > before) continue;
    const priority = 'name' in match ? match.name : '';
    const current = stored.get(v.project_code!);
    if (current) {
      const problem = checkStored(ctx, current, v, priority, row.line);
      if (problem) {
        plan.problems.push(problem);
        continue;
      }
    } else {
      if (!checkNew(ctx, store, v, row.line, plan.problems)) continue;
      plan.inserts.push({ line: row.line, input: toInput(v, priority) });
    }
    const action = current ? 'unchanged' : 'add';
    plan.counts[action]++;
    planned.record(action, {
      line: row.line,
      project: v.project_code!,
      fy: v.start_year ?? null,
      details: { name: v.name!, directorate: v.directorate!, status: v.status! },
      total: null,
      amount: null,
      before: null,
    });
  }
  plan.planned = planned.result();
  return plan;
}
