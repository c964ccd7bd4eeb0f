/**
 * Reading a file and planning it against what is stored now: the header, then every row through
 * the kind's planner, with the stored records loaded once through the per-table repositories.
 * Writes nothing; preview shows the result and commit re-plans inside its transaction.
 */
import crypto from 'node:crypto';
import type { Db } from '../../knex';
import * as benefitsRepo from '../../repositories/benefits';
import * as costLinesRepo from '../../repositories/cost-lines';
import * as profilesRepo from '../../repositories/benefit-profiles';
import * as projectsRepo from '../../repositories/projects';
import * as realisationsRepo from '../../repositories/realisations';
import { currentFy, todayUkIso } from '../../financial-year';
import { matchHeader, type ImportProblem } from '../../io/header';
import { columnNames, type ImportKind } from '../../io/layouts';
import { detectFormat, FileReadError, readTable, type FileFormat } from '../../io/read-table';
import type { RecordedRealisations } from '../rules';
import { editRefusal, managedProjectIds, recordRefusal, reforecastRefusal, hasRole } from '../permissions';
import * as reforecastsRepo from '../../repositories/benefit-reforecasts';
import { planReforecasts, type ReforecastPlan } from './plan-reforecasts';
import type { Ctx } from '../types';
import { newCounts, sortProblems, type Counts, type ParsedRow, type PlanContext, type ProjectRef } from './plan-common';
import { planCosts, type CostPlan } from './plan-costs';
import { planProfiles, type ProfilePlan } from './plan-profiles';
import { planRealisations, type RealisationPlan } from './plan-realisations';
import { noPlannedRows, type PlannedRows } from './planned-rows';
import { planProjects, type PriorityMatch, type ProjectPlan } from './plan-projects';
import * as directoratesRepo from '../../repositories/directorates';
import * as dependentsRepo from '../../repositories/project-dependents';
import { unquote } from '../../io/header';
import { projectRowSchema } from '../../validation/import-rows.schema';
import { ValidationError } from '../../errors';
import { knownPriority } from '../priorities';

export interface ImportFile {
  fileName: string;
  content: Buffer;
}

/** A problem, with the value as typed in its line and column (when it is one cell's). */
export interface PreviewProblem extends ImportProblem {
  value?: string;
}

export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  format: FileFormat;
  /** SHA-256 of the file, hex. */
  checksum: string;
  rows: Counts;
  problems: PreviewProblem[];
  /** The lines to add, update and leave unchanged (the first of each), with totals by year. */
  planned: PlannedRows;
}

/** A planned import, with the projects its file names (whose summaries a commit refreshes, C8). */
export type Plan = (
  | { kind: 'costs'; plan: CostPlan }
  | { kind: 'profiles'; plan: ProfilePlan }
  | { kind: 'realisations'; plan: RealisationPlan }
  | { kind: 'reforecasts'; plan: ReforecastPlan }
  | { kind: 'projects'; plan: ProjectPlan }
) & { projectIds: number[] };

export interface Built {
  preview: ImportPreview;
  plan: Plan | null;
}

export function checksumOf(content: Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

/** Why this actor may not import into a project: the same refusals as the single-record pages. */
async function refusalFor(db: Db, ctx: Ctx, kind: ImportKind): Promise<(p: ProjectRef) => string | null> {
  if (kind === 'reforecasts') {
    const managed = await managedProjectIds(ctx.actor, db);
    return (p) => reforecastRefusal(ctx.actor, managed.has(p.id), p);
  }
  if (kind !== 'realisations') return (p) => editRefusal(ctx.actor, p);
  const managed = hasRole(ctx.actor, 'admin') ? new Set<number>() : await managedProjectIds(ctx.actor, db);
  return (p) => recordRefusal(ctx.actor, managed.has(p.id), p);
}

async function planContext(db: Db, ctx: Ctx, kind: ImportKind, columns: Map<string, number>): Promise<PlanContext> {
  const projects = await projectsRepo.list(db);
  return {
    columns,
    projects: new Map(
      projects.map((p) => [
        p.code.toUpperCase(),
        { id: p.id, code: p.code, baseFy: p.baseFy, directorateId: p.directorateId },
      ]),
    ),
    refusal: await refusalFor(db, ctx, kind),
  };
}

function referencedProjectIds(rows: ParsedRow[], pc: PlanContext): number[] {
  const ids = new Set<number>();
  const at = pc.columns.get('project_code')!;
  for (const r of rows) {
    const p = pc.projects.get((r.cells[at] ?? '').toUpperCase());
    if (p) ids.add(p.id);
  }
  return [...ids];
}

function recordedOf(realisations: { benefitId: number; amount: unknown }[]): Map<number, RecordedRealisations> {
  const out = new Map<number, RecordedRealisations>();
  for (const r of realisations) {
    const seen = out.get(r.benefitId) ?? { money: false, valueOnly: false };
    if (r.amount === null) seen.valueOnly = true;
    else seen.money = true;
    out.set(r.benefitId, seen);
  }
  return out;
}

/** Each distinct priority the file names, through the rule every project write meets (knownPriority). */
async function priorityMatches(db: Db, rows: ParsedRow[], columns: Map<string, number>) {
  const out = new Map<string, PriorityMatch>();
  const at = columns.get('priority');
  if (at === undefined) return out;
  for (const r of rows) {
    const parsed = projectRowSchema.shape.priority.safeParse(unquote(r.cells[at] ?? ''));
    if (!parsed.success || parsed.data === '' || out.has(parsed.data)) continue;
    try {
      out.set(parsed.data, { name: await knownPriority(db, parsed.data) });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      out.set(parsed.data, { problem: Object.values(err.fields)[0] ?? 'This priority is not on the list' });
    }
  }
  return out;
}

/** The stored projects a projects file names (the ones it may update). */
function namedProjectIds(rows: ParsedRow[], columns: Map<string, number>, projects: { id: number; code: string }[]) {
  const at = columns.get('project_code')!;
  const byCode = new Map(projects.map((p) => [p.code.toUpperCase(), p.id]));
  const ids: number[] = [];
  for (const r of rows) {
    const id = byCode.get(
      unquote(r.cells[at] ?? '')
        .trim()
        .toUpperCase(),
    );
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

async function plan(
  db: Db,
  ctx: Ctx,
  kind: ImportKind,
  rows: ParsedRow[],
  columns: Map<string, number>,
): Promise<Plan> {
  if (kind === 'projects') {
    // planProjects looks projects up in the store, with all their fields, not in the context's references.
    const pc: PlanContext = { columns, projects: new Map(), refusal: await refusalFor(db, ctx, kind) };
    const projects = await projectsRepo.list(db);
    const named = namedProjectIds(rows, columns, projects);
    const store = {
      projects,
      directorates: await directoratesRepo.listAll(db),
      priorities: await priorityMatches(db, rows, columns),
      baselined: await dependentsRepo.withBaseline(db, named),
      earliestFlow: await dependentsRepo.earliestFlowFys(db, named),
    };
    // New projects have no summaries yet; createProject keeps its own (C8).
    return { kind, projectIds: [], plan: planProjects(rows, pc, store) };
  }
  const pc = await planContext(db, ctx, kind, columns);
  const projectIds = referencedProjectIds(rows, pc);
  if (kind === 'costs')
    return { kind, projectIds, plan: planCosts(rows, pc, await costLinesRepo.listByProjects(db, projectIds)) };
  const benefits = await benefitsRepo.listByProjects(db, projectIds);
  const benefitIds = benefits.map((b) => b.id);
  if (kind === 'reforecasts')
    return {
      kind,
      projectIds,
      plan: planReforecasts(rows, pc, {
        benefits,
        reforecasts: await reforecastsRepo.listByBenefits(db, benefitIds),
        enteredByUserId: ctx.actor.id,
        enteredBy: ctx.actor.label.slice(0, 120),
        currentFy: currentFy(),
      }),
    };
  const realisations = await realisationsRepo.listByBenefits(db, benefitIds);
  if (kind === 'profiles') {
    const profiles = await profilesRepo.listByBenefits(db, benefitIds);
    return {
      kind,
      projectIds,
      plan: planProfiles(rows, pc, { benefits, profiles, recorded: recordedOf(realisations) }),
    };
  }
  return {
    kind,
    projectIds,
    plan: planRealisations(rows, pc, {
      benefits,
      realisations,
      recordedBy: ctx.actor.label.slice(0, 120),
      userId: ctx.actor.id,
      recordedOn: todayUkIso(),
      currentFy: currentFy(),
    }),
  };
}

/**
 * A file read and checked on its own, before any database work: a commit reads it outside its
 * transaction, so a slow or damaged file never holds the database (on SQLite, its one writer).
 */
export interface ReadFile {
  preview: ImportPreview;
  /** The rows and the header's columns, or null when the file has a problem of its own (in preview). */
  read: { rows: ParsedRow[]; columns: Map<string, number>; extra: ImportProblem[] } | null;
}

export async function readImportFile(kind: ImportKind, file: ImportFile): Promise<ReadFile> {
  const format = detectFormat(file.content);
  const preview: ImportPreview = {
    kind,
    fileName: file.fileName,
    format,
    checksum: checksumOf(file.content),
    rows: newCounts(),
    problems: [],
    planned: noPlannedRows(),
  };
  const fileProblem = (message: string): ReadFile => ({
    preview: { ...preview, problems: [{ line: null, column: null, message }] },
    read: null,
  });
  let table;
  try {
    table = await readTable(file.content, format);
  } catch (err) {
    if (err instanceof FileReadError) return fileProblem(err.message);
    throw err;
  }
  if (table.headerLine === 0)
    return fileProblem(
      `The file is empty: start it with a header row naming the columns (${columnNames(kind).join(', ')})`,
    );
  const header = matchHeader(kind, table.header, table.headerLine);
  if (header.problems.length) return { preview: { ...preview, problems: header.problems }, read: null };
  if (table.rows.length === 0) return fileProblem('The file has a header row but no rows of data under it');
  const width = table.header.length;
  const extra: ImportProblem[] = [];
  for (const r of table.rows) {
    // A value beyond the last column is usually an unquoted separator inside a value.
    if (r.cells.length > width && r.cells.slice(width).some((c) => c !== '')) {
      extra.push({
        line: r.line,
        column: null,
        message: `This line has ${r.cells.length} values but the header names ${width} columns: put quotes around values that contain the separator`,
      });
    }
  }
  return { preview, read: { rows: table.rows, columns: header.index, extra } };
}

/** Each problem of one cell with the cell's text, so the preview can show what was typed. */
function withValues(problems: ImportProblem[], rows: ParsedRow[], columns: Map<string, number>): PreviewProblem[] {
  if (problems.length === 0) return problems;
  const byLine = new Map(rows.map((r) => [r.line, r]));
  return problems.map((p) => {
    const at = p.column === null ? undefined : columns.get(p.column);
    const row = p.line === null ? undefined : byLine.get(p.line);
    return row && at !== undefined ? { ...p, value: row.cells[at] ?? '' } : p;
  });
}

/** Plans a file already read against what is stored now. Writes nothing. */
export async function planFile(db: Db, ctx: Ctx, kind: ImportKind, file: ReadFile): Promise<Built> {
  if (!file.read) return { preview: file.preview, plan: null };
  const built = await plan(db, ctx, kind, file.read.rows, file.read.columns);
  const sorted = sortProblems([...file.read.extra, ...built.plan.problems], columnNames(kind));
  const problems = withValues(sorted, file.read.rows, file.read.columns);
  return {
    preview: { ...file.preview, rows: built.plan.counts, problems, planned: built.plan.planned },
    plan: built,
  };
}

/** Reads, checks and plans a file against what is stored now. Writes nothing. */
export async function build(db: Db, ctx: Ctx, kind: ImportKind, file: ImportFile): Promise<Built> {
  return planFile(db, ctx, kind, await readImportFile(kind, file));
}
