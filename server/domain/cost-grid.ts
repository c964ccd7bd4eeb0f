/**
 * The costs grid (issue 19): a project's costs as rows (planned, then actual; each funding ×
 * category, and × recurrence where lines state one) by financial-year columns, saved all or
 * nothing. One domain function serves the page (and would serve an API): one transaction, one
 * audit record, the C8 summaries refreshed once.
 *
 * How a cell maps onto cost lines: a cell shows the total of its row's lines in that year. Saving
 * leaves a cell alone when its amount is what was shown, so the lines behind it keep their
 * descriptions, references and credits. A changed cell replaces all of its lines with one line of
 * the new amount (description "Entered in the costs grid"); a cell emptied removes its lines.
 * Negative amounts (credits and refunds) are entered line by line on the cost line form (C1: the
 * person marks a credit explicitly). A changed cell whose lines someone else changed since the grid
 * was shown is refused, naming the cell, and the grid shows the new total.
 */
import { inTransaction } from '../knex';
import * as costLinesRepo from '../repositories/cost-lines';
import { ValidationError, type FieldErrors } from '../errors';
import { fyLabel } from '../financial-year';
import { formatGbp, parseMoneyInput, ZERO, type Decimal } from '../money';
import { COST_CATEGORIES, COST_FUNDINGS, COST_KINDS } from '../records';
import type { CostLine, Project } from '../records';
import { copyLastYearForward, spreadEvenly } from '../finance/grid-shortcuts';
import {
  costCellLabel,
  costCellName,
  costRowKey,
  costRowLabel,
  costSpreadName,
  sameAmount,
  type CostGridCellInput,
  type CostGridRowKey,
} from '../validation/cost-grid.schema';
import { audit } from './audit';
import { afterFlowsChanged } from './flow-writes';
import { assertCanEditProject } from './permissions';
import { assertMayEditProject, getProject } from './projects';
import { baseYearProblem } from './rules';
import type { Ctx } from './types';

export { costCellLabel, costRowLabel };

/** Years a new grid offers at least, from the project's base year. */
export const GRID_MIN_YEARS = 5;
/** The most columns a grid offers (C3: an appraisal period is rarely longer). */
export const GRID_MAX_YEARS = 30;
export const GRID_LINE_DESCRIPTION = 'Entered in the costs grid';

export interface CostGridRow extends CostGridRowKey {
  /** Per year: the total of the row's lines (null: none) and how many lines make it. */
  cells: Map<number, { total: Decimal | null; lines: number }>;
}

export interface CostGrid {
  project: Project;
  years: number[];
  rows: CostGridRow[];
}

const cellKey = (r: CostGridRowKey, fy: number) => `${costRowKey(r)}|${fy}`;

function byCell(lines: readonly CostLine[]): Map<string, CostLine[]> {
  const out = new Map<string, CostLine[]>();
  for (const l of lines) {
    const k = cellKey(l, l.fy);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(l);
  }
  return out;
}

const total = (lines: readonly CostLine[] | undefined): Decimal | null =>
  lines && lines.length ? lines.reduce((sum, l) => sum.plus(l.amount), ZERO) : null;

/**
 * The grid's years: from the base year to the last year with a cost line, at least GRID_MIN_YEARS,
 * plus `extraYears` the person added (at most GRID_MAX_YEARS in all).
 */
function gridYears(project: Project, lines: readonly CostLine[], extraYears: number): number[] {
  const lastLine = lines.reduce((m, l) => Math.max(m, l.fy), project.baseFy);
  const last = Math.max(lastLine, project.baseFy + GRID_MIN_YEARS - 1) + Math.max(0, extraYears);
  const count = Math.min(last - project.baseFy + 1, GRID_MAX_YEARS);
  return Array.from({ length: count }, (_, i) => project.baseFy + i);
}

/** Every funding × category row of each kind, and beside each the recurrences its lines state. */
function gridRows(lines: readonly CostLine[], years: readonly number[]): CostGridRow[] {
  const cells = byCell(lines);
  const rows: CostGridRow[] = [];
  for (const kind of COST_KINDS)
    for (const funding of COST_FUNDINGS)
      for (const category of COST_CATEGORIES)
        for (const recurrence of [null, 'one_off', 'recurring'] as const) {
          const key = { kind, funding, category, recurrence };
          const used = lines.some(
            (l) => l.kind === kind && l.funding === funding && l.category === category && l.recurrence === recurrence,
          );
          if (recurrence !== null && !used) continue;
          const row: CostGridRow = { ...key, cells: new Map() };
          for (const fy of years) {
            const own = cells.get(cellKey(key, fy));
            row.cells.set(fy, { total: total(own), lines: own?.length ?? 0 });
          }
          rows.push(row);
        }
  return rows;
}

/** The grid of a project, for someone who may change its costs. */
export async function getCostGrid(ctx: Ctx, projectCode: string, extraYears = 0): Promise<CostGrid> {
  const project = await assertMayEditProject(ctx, projectCode);
  const lines = await costLinesRepo.listByProject(ctx.db, project.id);
  const years = gridYears(project, lines, extraYears);
  return { project, years, rows: gridRows(lines, years) };
}

/**
 * Saves every changed cell in one transaction, or none: refused (422, a message per bad cell)
 * when a cell is before the base year or was changed by someone else since it was shown.
 * Returns how many cells changed.
 */
export async function saveCostGrid(
  ctx: Ctx,
  projectCode: string,
  cells: readonly CostGridCellInput[],
): Promise<number> {
  return inTransaction(ctx.db, async (trx) => {
    const project = await getProject({ db: trx }, projectCode);
    assertCanEditProject(ctx, project);
    const stored = byCell(await costLinesRepo.listByProject(trx, project.id));
    const changed = cells.filter((c) => !sameAmount(c.amount, c.shown));
    const problems: FieldErrors = {};
    for (const c of changed) {
      const name = costCellName(c, c.fy);
      const early = baseYearProblem(project.baseFy, c.fy);
      const now = total(stored.get(cellKey(c, c.fy)));
      if (early) problems[name] = `${costCellLabel(c, c.fy)}: ${early}`;
      else if (!sameAmount(now, c.shown))
        problems[name] =
          `${costCellLabel(c, c.fy)}: someone changed this cell since you opened the grid (it is now ${now === null ? 'empty' : formatGbp(now)}): check it and save again`;
    }
    if (Object.keys(problems).length) throw new ValidationError(problems);
    if (changed.length === 0) return 0;

    for (const c of changed)
      for (const line of stored.get(cellKey(c, c.fy)) ?? []) await costLinesRepo.remove(trx, line.id);
    await costLinesRepo.insertMany(
      trx,
      changed
        .filter((c) => c.amount !== null)
        .map((c) => ({
          projectId: project.id,
          fy: c.fy,
          kind: c.kind,
          funding: c.funding,
          category: c.category,
          recurrence: c.recurrence,
          amount: c.amount!,
          isCredit: false,
          description: GRID_LINE_DESCRIPTION,
          reference: '',
        })),
    );
    // C1's yearly limit and the C8 summaries, once for the whole grid.
    await afterFlowsChanged(trx, project, (t) => {
      const cell = changed.find((c) => c.fy === t.fy && c.kind === t.kind) ?? changed[0];
      return costCellName(cell, cell.fy);
    });
    const shown = (d: Decimal | null) => (d === null ? null : d.toFixed(2));
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'cost_grid',
      entityId: project.code,
      projectId: project.id,
      summary: `Costs grid saved on ${project.code}: ${changed.length} cell${changed.length === 1 ? '' : 's'} changed`,
      before: { cells: changed.map((c) => ({ row: costRowLabel(c), year: fyLabel(c.fy), amount: shown(c.shown) })) },
      after: { cells: changed.map((c) => ({ row: costRowLabel(c), year: fyLabel(c.fy), amount: shown(c.amount) })) },
    });
    return changed.length;
  });
}

// ## Shortcuts: they change the form's cells only; nothing is saved until Save

export type GridShortcut = 'copy-forward' | 'spread';

/** One row of a grid as the shortcuts see it: its cells' input names in year order, and its total to spread. */
export interface ShortcutRow {
  label: string;
  cells: string[];
  spread: string;
}

/**
 * The cells' texts after a shortcut, by input name. "copy-forward": each row's last filled year
 * fills the blank years after it. "spread": each row with a total to spread gets it over every
 * year of the grid in whole pence, the remainder in the last year (a bad total: a message on it).
 * Both grids (costs and benefit profiles) use it.
 */
export function applyGridShortcut(
  shortcut: GridShortcut,
  rows: readonly ShortcutRow[],
  values: Record<string, unknown>,
): { values: Record<string, string>; errors: FieldErrors } {
  const out: Record<string, string> = {};
  const errors: FieldErrors = {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  for (const r of rows) {
    const texts = r.cells.map((n) => text(values[n]));
    let next = texts;
    if (shortcut === 'copy-forward') next = copyLastYearForward(texts);
    else {
      const raw = text(values[r.spread]).trim();
      if (raw !== '') {
        const parsed = parseMoneyInput(raw);
        if (!parsed.ok) errors[r.spread] = `${r.label}, total to spread: ${parsed.error}`;
        else next = spreadEvenly(parsed.value, r.cells.length).map((d) => d.toFixed(2));
      }
    }
    r.cells.forEach((n, i) => (out[n] = next[i]));
  }
  return { values: out, errors };
}

/** The costs grid's rows for applyGridShortcut. */
export function applyCostGridShortcut(
  shortcut: GridShortcut,
  rows: readonly CostGridRowKey[],
  years: readonly number[],
  values: Record<string, unknown>,
): { values: Record<string, string>; errors: FieldErrors } {
  return applyGridShortcut(
    shortcut,
    rows.map((r) => ({
      label: costRowLabel(r),
      cells: years.map((fy) => costCellName(r, fy)),
      spread: costSpreadName(r),
    })),
    values,
  );
}
