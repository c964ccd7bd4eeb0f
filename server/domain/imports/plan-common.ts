/**
 * What the import planners share. A planner is pure: given the parsed rows and the stored records
 * the use case loaded once through the per-table repositories, it decides, row by row, add / update
 * / unchanged, applies the same rule functions as the forms and the API (../rules.ts,
 * ../permissions.ts), and collects every problem with its line and column. Nothing is written here.
 */
import type { z } from 'zod';
import { unquote, type ImportProblem } from '../../io/header';
import type { RawRow } from '../../io/read-table';

export type Action = 'add' | 'update' | 'unchanged';

export interface Counts {
  add: number;
  update: number;
  unchanged: number;
}

/** A stored record and what the import writes over it (the repositories keep the undo snapshot). */
export interface Update<R, W> {
  current: R;
  write: W;
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
  /** Why the actor may not import into this project, or null when they may (../permissions.ts). */
  refusal(project: ProjectRef): string | null;
}

/** A row as read: its line and its cells in file order (see PlanContext.columns). */
export type ParsedRow = RawRow;

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
        r = parsed.success
          ? { ok: true, value: parsed.data }
          : { ok: false, message: parsed.error.issues[0]?.message ?? 'This value is not valid' };
        if (memo.size < MEMO_LIMIT) memo.set(text, r);
      }
      if (r.ok) out[name] = r.value;
      else problems.push({ line: row.line, column: name, message: r.message });
    }
    return out as { [K in keyof S]?: z.output<S[K]> };
  }
}

/** The project a row names, checked for existence and for the actor's permission. */
export function resolveProject(
  ctx: PlanContext,
  code: string | undefined,
  line: number,
  problems: ImportProblem[],
): ProjectRef | null {
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

/** Adds a problem when there is one; true when the row may go on. */
export function check(problems: ImportProblem[], line: number, column: string, problem: string | null): boolean {
  if (problem === null) return true;
  problems.push({ line, column, message: problem });
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

/** Records by a key; a key held by several stored records cannot be matched and is reported. */
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
