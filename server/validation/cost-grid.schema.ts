/**
 * The costs grid form (issue 19): one money cell per row (kind × funding × category × recurrence)
 * and financial year. Each cell's input is named for its row and year, so a bad cell's message
 * names it and the error summary links to it. Cells follow C1's form input rules; blank is no cost.
 */
import { COST_CATEGORIES, COST_FUNDINGS, COST_KINDS, COST_RECURRENCES } from '../records';
import type { CostCategory, CostFunding, CostKind, CostRecurrence } from '../records';
import { parseMoneyInput, type Decimal } from '../money';
import { ValidationError, type FieldErrors } from '../errors';
import { fyLabel } from '../financial-year';

export interface CostGridRowKey {
  kind: CostKind;
  funding: CostFunding;
  category: CostCategory;
  recurrence: CostRecurrence | null;
}

export interface CostGridCellInput extends CostGridRowKey {
  fy: number;
  /** What the person left in the cell (null: blank). */
  amount: Decimal | null;
  /** The cell's total when the grid was shown (null: no lines), to tell an edit from someone else's change. */
  shown: Decimal | null;
}

const LABELS = {
  kind: { planned: 'Planned', actual: 'Actual' },
  funding: { capital: 'capital', revenue: 'revenue' },
  recurrence: { one_off: 'one-off', recurring: 'recurring' },
} as const;

/** "Planned capital hardware (one-off)": a row in words. */
export function costRowLabel(r: CostGridRowKey): string {
  const rec = r.recurrence ? ` (${LABELS.recurrence[r.recurrence]})` : '';
  return `${LABELS.kind[r.kind]} ${LABELS.funding[r.funding]} ${r.category}${rec}`;
}

export function costCellLabel(r: CostGridRowKey, fy: number): string {
  return `${costRowLabel(r)}, ${fyLabel(fy)}`;
}

const FIRST_FY = 1900;
const LAST_FY = 2199;

export function costRowKey(r: CostGridRowKey): string {
  return `${r.kind}__${r.funding}__${r.category}__${r.recurrence ?? 'none'}`;
}

/** The input name of a cell (also its id, after `f-`). */
export function costCellName(r: CostGridRowKey, fy: number): string {
  return `c__${costRowKey(r)}__${fy}`;
}

/** The hidden input holding the cell's total when shown. */
export function costShownName(r: CostGridRowKey, fy: number): string {
  return `s__${costRowKey(r)}__${fy}`;
}

/** The input holding a row's "total to spread". */
export function costSpreadName(r: CostGridRowKey): string {
  return `t__${costRowKey(r)}`;
}

const includes = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** A cell name's row and year, or null when it is not a well-formed cell of this grid. */
export function parseCostCellName(name: string): (CostGridRowKey & { fy: number }) | null {
  const parts = name.split('__');
  if (parts.length !== 6 || parts[0] !== 'c') return null;
  const [, kind, funding, category, recurrence, fyText] = parts;
  if (!includes(COST_KINDS, kind) || !includes(COST_FUNDINGS, funding) || !includes(COST_CATEGORIES, category))
    return null;
  if (recurrence !== 'none' && !includes(COST_RECURRENCES, recurrence)) return null;
  if (!/^\d{4}$/.test(fyText)) return null;
  const fy = Number.parseInt(fyText, 10);
  if (fy < FIRST_FY || fy > LAST_FY) return null;
  return { kind, funding, category, recurrence: recurrence === 'none' ? null : recurrence, fy };
}

/** Two cell amounts are the same: both blank, or equal to the penny. */
export function sameAmount(a: Decimal | null, b: Decimal | null): boolean {
  return a === null || b === null ? a === b : a.eq(b);
}

/**
 * C1: a cell's amount is £0 or more, unless it is the negative total it was shown with (credits
 * entered line by line on the cost line form stay as they are). The page and the API both ask it.
 */
export function costCellSignProblem(amount: Decimal | null, shown: Decimal | null): string | null {
  if (!amount?.isNeg() || sameAmount(amount, shown)) return null;
  return 'Enter an amount of £0 or more (enter credits and refunds on the cost line form)';
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A cell's text as an amount: null when blank, else C1's form rules (costs ≥ 0: credits go line by line). */
export function parseGridMoney(
  v: unknown,
  allowNegative = false,
): { ok: true; value: Decimal | null } | { ok: false; error: string } {
  if (blank(v)) return { ok: true, value: null };
  const r = parseMoneyInput(typeof v === 'string' ? v : String(v), { allowNegative });
  return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
}

/**
 * Every cell of the submitted grid, each checked by C1; `label` names a row and year for messages
 * ("Planned capital hardware, 2024/25"). Throws one ValidationError naming every bad cell.
 */
export function parseCostGrid(
  body: Record<string, unknown>,
  label: (r: CostGridRowKey, fy: number) => string,
): CostGridCellInput[] {
  const errors: FieldErrors = {};
  const cells: CostGridCellInput[] = [];
  for (const name of Object.keys(body)) {
    const key = parseCostCellName(name);
    if (!key) continue;
    // A shown total may be negative (credits entered line by line): left as it was, it stays.
    const shown = parseGridMoney(body[costShownName(key, key.fy)], true);
    const shownValue = shown.ok ? shown.value : null;
    const amount = parseGridMoney(body[name], true);
    const error = amount.ok ? costCellSignProblem(amount.value, shownValue) : amount.error;
    if (!amount.ok || error) {
      errors[name] = `${label(key, key.fy)}: ${error}`;
      continue;
    }
    cells.push({ ...key, amount: amount.value, shown: shownValue });
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return cells.sort((a, b) => costRowKey(a).localeCompare(costRowKey(b)) || a.fy - b.fy);
}
