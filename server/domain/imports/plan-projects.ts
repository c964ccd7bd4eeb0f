/**
 * Issue 19: projects. A line with a new code adds a project through createProject, and a line
 * with a stored code whose given columns differ updates it through updateProject (apply.ts), as
 * the other kinds add and update their records. The checks those functions make are made here
 * first, with the line and column: the directorate exists and the importer may change projects in
 * it (and in the project's current one), the priority is on the managed list (knownPriority, run
 * once per distinct text before planning), `approved` or later needs an approval decision (C9: a
 * new project is imported proposed or cancelled and approved through its decision form), and the
 * base year cannot pass the project's earliest figures (C3). A line whose given columns equal the
 * stored project is unchanged, so a file imported twice changes nothing the second time; a column
 * the file leaves out keeps the stored value.
 */
import type { ImportProblem } from '../../io/header';
import { fyLabel } from '../../financial-year';
import { ZERO } from '../../money';
import type { Directorate, Project } from '../../records';
import type { ProjectInput } from '../../validation/projects.schema';
import { projectRowSchema, type ProjectImportRow } from '../../validation/import-rows.schema';
import { decisionStatusProblem } from '../rules';
import { FieldParser, newCounts, type Counts, type ParsedRow, type PlanContext } from './plan-common';
import { noPlannedRows, PlannedRowsCollector, type PlannedRows } from './planned-rows';

/**
 * A council adds tens of projects at a time; each goes through createProject or updateProject, one
 * by one, in the import's one transaction (1,000 took about 3.7 s on SQLite, 11 s on PostgreSQL).
 */
export const MAX_PROJECT_LINES = 500;

export interface ProjectUpdate {
  line: number;
  current: Project;
  input: ProjectInput;
}

export interface ProjectPlan {
  counts: Counts;
  problems: ImportProblem[];
  /** createProject's input for each line that adds a project, in file order. */
  inserts: { line: number; input: ProjectInput }[];
  /** updateProject's input (the stored values with the file's columns over them) for each line that changes one. */
  updates: ProjectUpdate[];
  planned: PlannedRows;
}

/** A priority as typed: the list's spelling, or why it is not on the list (knownPriority's words). */
export type PriorityMatch = { name: string } | { problem: string };

export interface ProjectStore {
  projects: Project[];
  directorates: Directorate[];
  /** By the text as typed (trimmed); blank is none. */
  priorities: Map<string, PriorityMatch>;
  /** Stored projects with an approval decision (C9). */
  baselined: Set<number>;
  /** The earliest year of each stored project's figures (C3), for those that have some. */
  earliestFlow: Map<number, number>;
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

/** A stored project as updateProject's input: what the edit form would send unchanged. */
export function storedInput(p: Project): ProjectInput {
  return {
    code: p.code,
    name: p.name,
    directorateCode: p.directorateCode,
    description: p.description,
    sponsor: p.sponsor,
    manager: p.manager,
    status: p.status,
    startYear: p.startFy,
    baseYear: p.baseFy === p.startFy ? null : p.baseFy,
    discountRate: p.discountRate,
    optimismBias: p.optimismBias,
    priority: p.priority,
  };
}

/** The line's input: the given columns over `base` (a new project's defaults, or the stored project). */
function inputOf(base: ProjectInput, v: Row, columns: Map<string, number>, priority: string): ProjectInput {
  const has = (c: keyof ProjectImportRow) => columns.has(c);
  return {
    code: base.code,
    name: v.name!,
    directorateCode: v.directorate!,
    description: has('description') ? v.description! : base.description,
    sponsor: has('sponsor') ? v.sponsor! : base.sponsor,
    manager: has('manager') ? v.manager! : base.manager,
    status: has('status') ? v.status! : base.status,
    startYear: v.start_year!,
    baseYear: has('base_year') ? (v.base_year ?? null) : base.baseYear,
    discountRate: has('discount_rate') ? (v.discount_rate ?? null) : base.discountRate,
    optimismBias: has('optimism_bias') ? v.optimism_bias! : base.optimismBias,
    priority: has('priority') ? priority : base.priority,
  };
}

function newDefaults(code: string): ProjectInput {
  return {
    code,
    name: '',
    directorateCode: '',
    description: '',
    sponsor: '',
    manager: '',
    status: 'proposed',
    startYear: 0,
    baseYear: null,
    discountRate: null,
    optimismBias: ZERO,
    priority: '',
  };
}

/** The checks createProject (current = null) or updateProject makes, each on its column. */
function checkWrite(
  ctx: PlanContext,
  store: ProjectStore,
  current: Project | null,
  input: ProjectInput,
  line: number,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const push = (column: string, message: string) => problems.push({ line, column, message });
  const refusal = (directorateId: number) =>
    ctx.refusal({ id: current?.id ?? 0, code: input.code, baseFy: 0, directorateId });
  if (current) {
    const stored = refusal(current.directorateId);
    if (stored) return [{ line, column: 'project_code', message: stored }];
  }
  const directorate = store.directorates.find((d) => d.code === input.directorateCode);
  if (!directorate) push('directorate', `There is no directorate with code ${input.directorateCode}`);
  else if (directorate.id !== current?.directorateId) {
    const moved = refusal(directorate.id);
    if (moved) push('directorate', moved);
  }
  // C9: the rule the form and the API apply, in their words.
  if (!current || input.status !== current.status) {
    const status = decisionStatusProblem(
      input.status,
      !!current && store.baselined.has(current.id),
      current?.code ?? null,
    );
    if (status) push('status', status);
  }
  const earliest = current ? store.earliestFlow.get(current.id) : undefined;
  if (earliest !== undefined && earliest < (input.baseYear ?? input.startYear))
    // C3: updateProject's rule and words.
    push(
      input.baseYear === null ? 'start_year' : 'base_year',
      `The project has figures in ${fyLabel(earliest)}: the base year cannot be later than that`,
    );
  return problems;
}

function duplicate(firstLine: Map<string, number>, code: string | undefined, line: number): ImportProblem | null {
  if (code === undefined) return null;
  const first = firstLine.get(code);
  if (first === undefined) {
    firstLine.set(code, line);
    return null;
  }
  return {
    line,
    column: 'project_code',
    message: `Line ${first} already has project ${code}: each project appears once in a file`,
  };
}

export function planProjects(rows: ParsedRow[], ctx: PlanContext, store: ProjectStore): ProjectPlan {
  const plan: ProjectPlan = { counts: newCounts(), problems: [], inserts: [], updates: [], planned: noPlannedRows() };
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
    const dup = duplicate(firstLine, v.project_code, row.line);
    if (dup) plan.problems.push(dup);
    const match: PriorityMatch = v.priority
      ? (store.priorities.get(v.priority) ?? { problem: UNMATCHED })
      : { name: '' };
    if ('problem' in match) plan.problems.push({ line: row.line, column: 'priority', message: match.problem });
    if (plan.problems.length > before) continue;
    const priority = 'name' in match ? match.name : '';
    const current = stored.get(v.project_code!) ?? null;
    const differs = current
      ? COMPARED.filter((c) => ctx.columns.has(c.column) && !c.same(current, v, priority)).map((c) => c.label)
      : [];
    const input = inputOf(current ? storedInput(current) : newDefaults(v.project_code!), v, ctx.columns, priority);
    const problems =
      current && differs.length === 0
        ? unchangedProblems(ctx, current, row.line)
        : checkWrite(ctx, store, current, input, row.line);
    if (problems.length) {
      plan.problems.push(...problems);
      continue;
    }
    const action = !current ? 'add' : differs.length ? 'update' : 'unchanged';
    if (action === 'add') plan.inserts.push({ line: row.line, input });
    if (action === 'update') plan.updates.push({ line: row.line, current: current!, input });
    plan.counts[action]++;
    planned.record(action, {
      line: row.line,
      project: current?.code ?? input.code,
      fy: input.startYear,
      details: {
        name: input.name,
        directorate: input.directorateCode,
        status: input.status,
        changes: differs.join(', '),
      },
      total: null,
      amount: null,
      before: null,
    });
  }
  plan.planned = planned.result();
  return plan;
}

/** A line equal to its stored project writes nothing, but is still refused to someone who may not change it. */
function unchangedProblems(ctx: PlanContext, current: Project, line: number): ImportProblem[] {
  const refusal = ctx.refusal({
    id: current.id,
    code: current.code,
    baseFy: current.baseFy,
    directorateId: current.directorateId,
  });
  return refusal ? [{ line, column: 'project_code', message: refusal }] : [];
}
