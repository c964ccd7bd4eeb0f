/**
 * What the import planners share. A planner is pure: given the parsed rows and what is already
 * stored (loaded once by the domain), it decides, row by row, add / update / unchanged, and
 * collects every problem with its line and column. Nothing is written here.
 */
import type { z } from 'zod';
import { fyLabel } from '../financial-year';
import { unquote, type ImportProblem } from './header';

export type Action = 'add' | 'update' | 'unchanged';

export interface Counts {
  add: number;
  update: number;
  unchanged: number;
}

/** A stored row as read (snake_case columns); its writable columns become the undo snapshot. */
export type DbRow = Record<string, unknown> & { id: number; version: number };

export interface RowUpdate {
  table: string;
  id: number;
  version: number;
  before: Record<string, unknown>;
  patch: Record<string, unknown>;
}

export interface ProjectRef {
  id: number;
  code: string;
  baseFy: number;
  directorateId: number;
}

export interface PlanContext {
  /** The file's columns: name → position in each row's cells. */
  columns: Map<string, number>;
  /** Projects by upper-case code. */
  projects: Map<string, ProjectRef>;
  /** Why the actor may not import into this project, or null when they may. */
  refusal(project: ProjectRef): string | null;
}

/** A row as read: its line and its cells in file order (see PlanContext.columns). */
export interface ParsedRow {
  line: number;
  cells: string[];
}

export function newCounts(): Counts {
  return { add: 0, update: 0, unchanged: 0 };
}

type FieldResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Distinct values remembered per column: codes, years and kinds repeat on nearly every line. */
const MEMO_LIMIT = 512;

/**
 * Parses each column with its own field schema, so one bad cell does not hide the others: returns
 * the values that parsed and adds a problem for each cell that did not. Results are remembered per
 * column for the first few hundred distinct texts (parsed values are immutable), which saves most
 * of the work on a large file.
 */
export class FieldParser<S extends Record<string, z.ZodType>> {
  private fields: { name: string; at: number; memo: Map<string | undefined, FieldResult> }[];
  constructor(
    private readonly shape: S,
    columns: Map<string, number>,
  ) {
    this.fields = Object.keys(shape).map((name) => ({ name, at: columns.get(name) ?? -1, memo: new Map() }));
  }

  parse(row: ParsedRow, problems: ImportProblem[]): { [K in keyof S]?: z.output<S[K]> } {
    const out: Record<string, unknown> = {};
    for (const { name, at, memo } of this.fields) {
      // A column the file lacks reads as undefined, so each planner can tell "not given" from blank.
      const text = at < 0 ? undefined : unquote(row.cells[at] ?? '');
      let r = memo.get(text);
      if (!r) {
        const parsed = this.shape[name].safeParse(text);
        r = parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? 'This value is not valid' };
        if (memo.size < MEMO_LIMIT) memo.set(text, r);
      }
      if (r.ok) out[name] = r.value;
      else problems.push({ line: row.line, column: name, message: r.message });
    }
    return out as { [K in keyof S]?: z.output<S[K]> };
  }
}

/** The project a row names, checked for existence and for the actor's permission. */
export function resolveProject(ctx: PlanContext, code: string | undefined, line: number, problems: ImportProblem[]): ProjectRef | null {
  if (code === undefined) return null;
  const project = ctx.projects.get(code.toUpperCase());
  if (!project) {
    problems.push({ line, column: 'project_code', message: `There is no project with code ${code}` });
    return null;
  }
  const refusal = ctx.refusal(project);
  if (refusal) {
    problems.push({ line, column: 'project_code', message: refusal });
    return null;
  }
  return project;
}

/** C3: a flow before the project's base year is an error. */
export function checkBaseYear(project: ProjectRef, fy: number | null | undefined, line: number, problems: ImportProblem[]): boolean {
  if (fy === null || fy === undefined) return true;
  if (fy >= project.baseFy) return true;
  problems.push({ line, column: 'year', message: `${fyLabel(fy)} is before the project's base year ${fyLabel(project.baseFy)}` });
  return false;
}

/** Keeps the first line of each key and reports later ones as duplicates. */
export class SeenKeys {
  private seen = new Map<string, number>();
  check(key: string, line: number, column: string, describe: string, problems: ImportProblem[]): boolean {
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, line);
      return true;
    }
    problems.push({ line, column, message: `Line ${first} already has ${describe}: combine them into one line` });
    return false;
  }
}

/** The columns to restore on undo: everything but the id and the bookkeeping columns. */
export function snapshot(row: DbRow): Record<string, unknown> {
  const { id: _id, created_at: _c, updated_at: _u, ...rest } = row;
  return rest;
}

/** Rows by a key; a key held by several stored rows cannot be matched and is reported. */
export function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function sortProblems(problems: ImportProblem[], order: string[]): ImportProblem[] {
  const col = (c: string | null) => (c === null ? -1 : order.indexOf(c));
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || col(a.column) - col(b.column));
}

/** Stored booleans: SQLite 0/1, PostgreSQL true/false. */
export function dbBool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

export function dbText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}
