/**
 * Assessment frameworks (issue 18): versioned lists of dimensions and statements with maturity
 * descriptors. One write path, `saveFramework`, serves the edit form, the API and the file import:
 * when no assessment uses the latest version of the framework it is changed in place; otherwise
 * the save makes a new version, so older assessments keep their wording.
 */
import { inTransaction } from '../knex';
import * as repo from '../repositories/assessments';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../errors';
import { FileReadError, readTable } from '../io/read-table';
import type { TableSpec } from '../io/write-table';
import type { Framework } from '../records';
import { frameworkSchema, type FrameworkInput } from '../validation/assessments.schema';
import { toFieldErrors } from '../validation/fields';
import { audit } from './audit';
import { assertRole } from './permissions';
import type { Ctx } from './types';

/** Adding and editing frameworks (form, API, import): administrators only. */
export function assertMayEditFrameworks(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin');
}

export async function listFrameworks(ctx: Ctx): Promise<Framework[]> {
  return repo.listFrameworks(ctx.db);
}

export async function getFramework(ctx: Pick<Ctx, 'db'>, id: number): Promise<Framework> {
  const f = await repo.findFramework(ctx.db, id);
  if (!f) throw new NotFoundError(`There is no assessment framework ${id}`);
  return f;
}

/** The framework version a new assessment uses unless told otherwise: the one made last. */
export async function latestFramework(ctx: Pick<Ctx, 'db'>): Promise<Framework | null> {
  const id = await repo.latestFrameworkId(ctx.db);
  return id === null ? null : getFramework(ctx, id);
}

export async function frameworkInUse(ctx: Pick<Ctx, 'db'>, id: number): Promise<number> {
  return repo.countAssessmentsUsing(ctx.db, id);
}

/** The framework as its input shape (for the edit form, the API and export). */
export function frameworkAsInput(f: Framework): FrameworkInput {
  return {
    code: f.code,
    name: f.name,
    description: f.description,
    dimensions: f.dimensions.map((d) => ({
      code: d.code,
      name: d.name,
      statements: d.statements.map((s) => ({ code: s.code, text: s.text, levels: [...s.levels] })),
    })),
  };
}

export interface SavedFramework {
  framework: Framework;
  /** True when the save made a new version (or the first one). */
  created: boolean;
}

/**
 * Saves a framework definition under its code. `basedOn` (the edit form) names the version the
 * user opened: it must still be the latest version of that code, at the same row version.
 */
export async function saveFramework(
  ctx: Ctx,
  input: FrameworkInput,
  basedOn?: { id: number; version: number },
): Promise<SavedFramework> {
  assertMayEditFrameworks(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const latestNo = await repo.maxVersionNo(trx, input.code);
    const latest = latestNo
      ? (await repo.listFrameworks(trx)).find((f) => f.code === input.code && f.versionNo === latestNo)!
      : null;
    if (basedOn) {
      const opened = await repo.findFramework(trx, basedOn.id);
      if (!opened) throw new NotFoundError(`There is no assessment framework ${basedOn.id}`);
      if (opened.code !== input.code)
        throw new ValidationError({
          code: 'The framework code cannot be changed: save it as a new framework by import',
        });
      if (!latest || latest.id !== opened.id)
        throw new ConflictError(
          `Version ${opened.versionNo} is not the latest version of ${opened.code}: edit version ${latest?.versionNo} instead`,
        );
      if (opened.version !== basedOn.version) throw new StaleVersionError(opened);
    }
    const content = input.dimensions;
    let id: number;
    let created: boolean;
    if (latest && (await repo.countAssessmentsUsing(trx, latest.id)) === 0) {
      if (!(await repo.updateFrameworkHeader(trx, latest.id, latest.version, input)))
        throw new StaleVersionError(latest);
      id = latest.id;
      created = false;
    } else {
      id = await repo.insertFramework(trx, { ...input, versionNo: latestNo + 1 });
      created = true;
    }
    await repo.writeFrameworkContent(trx, id, content);
    const framework = (await repo.findFramework(trx, id))!;
    await audit(trx, ctx, {
      action: created ? 'created' : 'updated',
      entityType: 'assessment_framework',
      entityId: `${framework.code} v${framework.versionNo}`,
      projectId: null,
      summary: created
        ? `Assessment framework ${framework.code} version ${framework.versionNo} created`
        : `Assessment framework ${framework.code} version ${framework.versionNo} updated`,
      ...(latest && !created ? { before: frameworkAsInput(latest) } : {}),
      after: frameworkAsInput(framework),
    });
    return { framework, created };
  });
}

// ## File layout (export and import share it, so an exported file imports back unchanged)

export const FRAMEWORK_COLUMNS = [
  'framework code',
  'framework name',
  'dimension code',
  'dimension',
  'statement code',
  'statement',
  'level 1',
  'level 2',
  'level 3',
  'level 4',
  'level 5',
] as const;

/** One row per statement, in framework order. */
export function frameworkTable(f: Framework): TableSpec {
  const rows = f.dimensions.flatMap((d) =>
    d.statements.map((s) => [f.code, f.name, d.code, d.name, s.code, s.text, ...s.levels]),
  );
  return {
    name: `${f.code} v${f.versionNo}`.slice(0, 31),
    columns: FRAMEWORK_COLUMNS.map((header) => ({ header, kind: 'text' as const })),
    rows: [rows],
  };
}

/** A CSV or .xlsx file in the layout above → the framework input, or a ValidationError naming lines. */
export async function frameworkFromFile(buf: Buffer): Promise<FrameworkInput> {
  let table;
  try {
    table = await readTable(buf);
  } catch (err) {
    if (err instanceof FileReadError) throw new ValidationError({ file: err.message });
    throw err;
  }
  const header = table.header.map((h) => h.trim().toLowerCase());
  const missing = FRAMEWORK_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw new ValidationError({
      file: `The file needs the columns ${FRAMEWORK_COLUMNS.join(', ')} (missing: ${missing.join(', ')})`,
    });
  if (table.rows.length === 0) throw new ValidationError({ file: 'The file has no statements' });
  const col = (cells: string[], name: (typeof FRAMEWORK_COLUMNS)[number]) => cells[header.indexOf(name)] ?? '';
  const first = table.rows[0].cells;
  const input = {
    code: col(first, 'framework code'),
    name: col(first, 'framework name'),
    description: '',
    dimensions: [] as { code: string; name: string; statements: unknown[] }[],
  };
  for (const row of table.rows) {
    const c = row.cells;
    if (col(c, 'framework code').toUpperCase() !== input.code.toUpperCase())
      throw new ValidationError({ file: `Line ${row.line}: every row must have the framework code ${input.code}` });
    const dimCode = col(c, 'dimension code').toUpperCase();
    let dim = input.dimensions.find((d) => d.code.toUpperCase() === dimCode);
    if (!dim) {
      dim = { code: dimCode, name: col(c, 'dimension'), statements: [] };
      input.dimensions.push(dim);
    }
    dim.statements.push({
      code: col(c, 'statement code'),
      text: col(c, 'statement'),
      levels: [col(c, 'level 1'), col(c, 'level 2'), col(c, 'level 3'), col(c, 'level 4'), col(c, 'level 5')],
    });
  }
  const parsed = frameworkSchema('form').safeParse(input);
  if (!parsed.success) {
    const problems = Object.entries(toFieldErrors(parsed.error)).map(([path, message]) => {
      const m = /^dimensions\.(\d+)\.statements\.(\d+)/.exec(path);
      if (!m) return message;
      const code = (
        input.dimensions[Number.parseInt(m[1], 10)].statements[Number.parseInt(m[2], 10)] as { code: string }
      ).code;
      return `Statement ${code || `${Number.parseInt(m[2], 10) + 1} of dimension ${input.dimensions[Number.parseInt(m[1], 10)].code}`}: ${message}`;
    });
    throw new ValidationError({ file: problems.slice(0, 5).join('; ') });
  }
  return parsed.data;
}
