/**
 * The grid API's bodies (issue 19): PUT /api/v1/projects/:code/costs/grid and …/benefits/grid. A
 * grid is a list of rows, each with its cells by financial-year label (C2's canonical "2024/25"),
 * a cell a C1 money string or null (empty). They become the same cell inputs the grid pages give
 * the grid's domain functions; each bad cell is named by its place in the body
 * (`rows.3.years.2025/26`, as the API names `profile.0.year`) and, in the message, in words.
 */
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../errors';
import { parseFyApi } from '../financial-year';
import { parseApiMoney, type Decimal } from '../money';
import { COST_CATEGORIES, COST_FUNDINGS, COST_KINDS, COST_RECURRENCES } from '../records';
import {
  costCellLabel,
  costCellName,
  costCellSignProblem,
  costRowKey,
  costRowLabel,
  type CostGridCellInput,
  type CostGridRowKey,
} from './cost-grid.schema';
import { profileCellLabel, profileCellName, type ProfileGridCellInput } from './profile-grid.schema';
import { choice, code, object, optional, parseOrThrow } from './fields';

/** Far more rows than a grid has (2 kinds × 2 fundings × every category × 3 recurrences). */
const MAX_ROWS = 500;

const years = z.record(z.string(), z.unknown(), {
  error: 'Enter the row\'s years as an object of financial years and amounts, like {"2024/25": "1000.00"}',
});
/** What a GET answered besides the cells may be sent back as it was: it is ignored. */
const readOnly = { label: z.unknown().optional(), title: z.unknown().optional() };

const costRow = object('api', {
  kind: choice(COST_KINDS, 'planned or actual'),
  funding: choice(COST_FUNDINGS, 'capital or revenue'),
  category: choice(COST_CATEGORIES, 'a category'),
  recurrence: optional(choice(COST_RECURRENCES, 'one-off or recurring')),
  label: readOnly.label,
  years,
});
const profileRow = object('api', {
  benefitRef: code('the benefit reference', 20, 'B1'),
  title: readOnly.title,
  years,
});
const grid = <T extends z.ZodTypeAny>(row: T) =>
  object('api', {
    rows: z.array(row, { error: 'Enter rows as a list' }).max(MAX_ROWS, `A grid has at most ${MAX_ROWS} rows`),
    projectCode: z.unknown().optional(),
    years: z.unknown().optional(),
  });

/** One cell as sent: its year, its amount (null: empty) and its name in the body. */
export interface ApiGridCell {
  fy: number;
  amount: Decimal | null;
  field: string;
}

/** The cells of one row, each amount checked by C1 (negative only where `allowNegative`). */
function rowCells(
  i: number,
  cells: Record<string, unknown>,
  label: (fy: number | null) => string,
  allowNegative: boolean,
  errors: FieldErrors,
): ApiGridCell[] {
  const out: ApiGridCell[] = [];
  for (const [year, v] of Object.entries(cells)) {
    const field = `rows.${i}.years.${year}`;
    const fy = parseFyApi(year);
    if (!fy.ok) {
      errors[field] = `${label(null)}: ${fy.error}`;
      continue;
    }
    const amount = v === null ? null : parseApiMoney(v, { allowNegative });
    if (amount && !amount.ok) errors[field] = `${label(fy.value)}: ${amount.error}`;
    else out.push({ fy: fy.value, amount: amount ? amount.value : null, field });
  }
  return out;
}

function throwIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length) throw new ValidationError(errors, undefined, 400);
}

/** The cells a request asks for, and each one's name in the body by its page name (the domain's). */
export interface ApiGridCells<C> {
  cells: C[];
  fieldOf: Map<string, string>;
}

// ## Costs

export interface CostGridApiRow {
  key: CostGridRowKey;
  cells: ApiGridCell[];
}

/** The body's rows (400 naming each bad row or cell); a row given twice is refused. */
export function parseCostGridBody(body: unknown): CostGridApiRow[] {
  const parsed = parseOrThrow(grid(costRow), body, 400);
  const errors: FieldErrors = {};
  const seen = new Map<string, number>();
  const rows = parsed.rows.map((r, i) => {
    const key: CostGridRowKey = {
      kind: r.kind,
      funding: r.funding,
      category: r.category,
      recurrence: r.recurrence ?? null,
    };
    const twice = seen.get(costRowKey(key));
    if (twice !== undefined) errors[`rows.${i}`] = `${costRowLabel(key)}: this row is also rows.${twice}`;
    seen.set(costRowKey(key), i);
    const label = (fy: number | null) => (fy === null ? costRowLabel(key) : costCellLabel(key, fy));
    return { key, cells: rowCells(i, r.years, label, true, errors) };
  });
  throwIfAny(errors);
  return rows;
}

/**
 * The rows as the costs grid's cell inputs, each against the total it has now (`shown`), so a
 * cell sent as it is leaves its lines alone, as on the page. C1: a changed cell is £0 or more.
 */
export function costGridCells(
  rows: readonly CostGridApiRow[],
  shown: (key: CostGridRowKey, fy: number) => Decimal | null,
): ApiGridCells<CostGridCellInput> {
  const errors: FieldErrors = {};
  const cells: CostGridCellInput[] = [];
  const fieldOf = new Map<string, string>();
  for (const { key, cells: sent } of rows)
    for (const c of sent) {
      const now = shown(key, c.fy);
      const problem = costCellSignProblem(c.amount, now);
      if (problem) errors[c.field] = `${costCellLabel(key, c.fy)}: ${problem}`;
      cells.push({ ...key, fy: c.fy, amount: c.amount, shown: now });
      fieldOf.set(costCellName(key, c.fy), c.field);
    }
  throwIfAny(errors);
  return { cells, fieldOf };
}

// ## Benefit profiles

export interface ProfileGridApiRow {
  ref: string;
  cells: ApiGridCell[];
}

/** The body's rows (400 naming each bad row or cell); `title` names a benefit in messages. */
export function parseProfileGridBody(body: unknown, title: (ref: string) => string | undefined): ProfileGridApiRow[] {
  const parsed = parseOrThrow(grid(profileRow), body, 400);
  const errors: FieldErrors = {};
  const seen = new Map<string, number>();
  const rows = parsed.rows.map((r, i) => {
    const ref = r.benefitRef;
    const twice = seen.get(ref);
    if (twice !== undefined) errors[`rows.${i}`] = `${ref}: this benefit is also rows.${twice}`;
    seen.set(ref, i);
    const label = (fy: number | null) =>
      fy === null ? [ref, title(ref)].filter(Boolean).join(' ') : profileCellLabel(ref, title(ref) ?? '', fy);
    // C5: an expected amount is £0 or more (a dis-benefit is flagged on the benefit).
    return { ref, cells: rowCells(i, r.years, label, false, errors) };
  });
  throwIfAny(errors);
  return rows;
}

export function profileGridCells(
  rows: readonly ProfileGridApiRow[],
  shown: (ref: string, fy: number) => Decimal | null,
): ApiGridCells<ProfileGridCellInput> {
  const cells: ProfileGridCellInput[] = [];
  const fieldOf = new Map<string, string>();
  for (const { ref, cells: sent } of rows)
    for (const c of sent) {
      cells.push({ ref, fy: c.fy, amount: c.amount, shown: shown(ref, c.fy) });
      fieldOf.set(profileCellName(ref, c.fy), c.field);
    }
  return { cells, fieldOf };
}
