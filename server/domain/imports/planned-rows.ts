/**
 * What the preview shows of a planned import beyond its counts: for each action (add, update,
 * unchanged) the first lines of the file that take it, and the amounts of all of them totalled by
 * financial year and yearly total (planned or actual costs, expected or realised benefits), in
 * exact Decimal arithmetic (C1). Filled by the planners as they decide each line.
 */
import { Decimal, ZERO } from '../../money';
import type { YearlyTotalKind } from '../rules';
import type { Action } from './plan-common';

/** Lines listed per action; the totals count every line. */
export const ROWS_SHOWN = 50;

/** One line of the file, as the preview lists it. */
export interface PlannedRow {
  line: number;
  project: string;
  /** The financial year, or null for a line that names none (a benefit's register details only). */
  fy: number | null;
  /** The line's other identifying values, by import column (category, reference, benefit_ref …). */
  details: Record<string, string>;
  /** The yearly total the amount counts towards, or null for a line without an amount. */
  total: YearlyTotalKind | null;
  amount: Decimal | null;
  /** An update's amount before the import (null when the line adds, or has no amount). */
  before: Decimal | null;
}

export interface YearTotal {
  fy: number;
  total: YearlyTotalKind;
  lines: number;
  amount: Decimal;
  /** For updates: the same lines' amounts before the import. */
  before: Decimal;
}

export interface PlannedGroup {
  count: number;
  /** The first ROWS_SHOWN lines, in file order. */
  rows: PlannedRow[];
  /** By year, then planned, actual, expected, realised. */
  totals: YearTotal[];
}

export type PlannedRows = Record<Action, PlannedGroup>;

const TOTAL_ORDER: YearlyTotalKind[] = ['planned', 'actual', 'expected', 'realised'];

export function noPlannedRows(): PlannedRows {
  return {
    add: { count: 0, rows: [], totals: [] },
    update: { count: 0, rows: [], totals: [] },
    unchanged: { count: 0, rows: [], totals: [] },
  };
}

export class PlannedRowsCollector {
  private groups = noPlannedRows();
  private sums: Record<Action, Map<string, YearTotal>> = { add: new Map(), update: new Map(), unchanged: new Map() };

  record(action: Action, row: PlannedRow): void {
    const group = this.groups[action];
    group.count++;
    if (group.rows.length < ROWS_SHOWN) group.rows.push(row);
    if (row.fy === null || row.total === null || row.amount === null) return;
    const key = `${row.fy}|${row.total}`;
    const sums = this.sums[action];
    const sum = sums.get(key) ?? { fy: row.fy, total: row.total, lines: 0, amount: ZERO, before: ZERO };
    sums.set(key, {
      ...sum,
      lines: sum.lines + 1,
      amount: sum.amount.plus(row.amount),
      before: sum.before.plus(row.before ?? row.amount),
    });
  }

  result(): PlannedRows {
    for (const action of Object.keys(this.groups) as Action[]) {
      this.groups[action].totals = [...this.sums[action].values()].sort(
        (a, b) => a.fy - b.fy || TOTAL_ORDER.indexOf(a.total) - TOTAL_ORDER.indexOf(b.total),
      );
    }
    return this.groups;
  }
}

/** Plain JSON for keeping a preview between requests: amounts as exact decimal strings. */
export function plannedRowsFromJson(json: PlannedRows): PlannedRows {
  const dec = (v: unknown) => (v === null || v === undefined ? null : new Decimal(String(v)));
  const group = (g: PlannedGroup): PlannedGroup => ({
    count: g.count,
    rows: g.rows.map((r) => ({ ...r, amount: dec(r.amount), before: dec(r.before) })),
    totals: g.totals.map((t) => ({ ...t, amount: dec(t.amount)!, before: dec(t.before)! })),
  });
  return { add: group(json.add), update: group(json.update), unchanged: group(json.unchanged) };
}
