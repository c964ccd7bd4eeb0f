/** The costs grid page's view model: rows by kind, one input per cell, the values kept on a re-render. */
import type { CostGrid } from '../../domain/cost-grid';
import { toInputMoney, type Decimal } from '../../money';
import type { FieldErrors } from '../../errors';
import {
  costCellLabel,
  costCellName,
  costRowLabel,
  costShownName,
  costSpreadName,
} from '../../validation/cost-grid.schema';
import { fyLabel } from './format';

const KIND_CAPTIONS = { planned: 'Planned costs', actual: 'Actual costs' } as const;

const money = (d: Decimal | null) => (d === null ? '' : toInputMoney(d));

/**
 * `values` are the submitted texts to show again (empty on a first view); a cell with an error
 * shows the grid's current total as "shown", so saving again compares against what is there now.
 */
export function presentCostGrid(grid: CostGrid, values: Record<string, unknown>, errors: FieldErrors) {
  const text = (name: string, fallback: string) =>
    typeof values[name] === 'string' ? (values[name] as string) : fallback;
  const tables = (['planned', 'actual'] as const).map((kind, t) => ({
    kind,
    caption: `${KIND_CAPTIONS[kind]} by financial year`,
    rows: grid.rows
      .filter((r) => r.kind === kind)
      .map((r, i) => ({
        // "Capital hardware (one-off)": the table's caption says planned or actual.
        label: costRowLabel(r)
          .replace(/^(Planned|Actual) /, '')
          .replace(/^./, (c) => c.toUpperCase()),
        spread: { name: costSpreadName(r), value: text(costSpreadName(r), ''), error: errors[costSpreadName(r)] },
        cells: grid.years.map((fy, j) => {
          const name = costCellName(r, fy);
          const current = money(r.cells.get(fy)?.total ?? null);
          const shownName = costShownName(r, fy);
          return {
            name,
            shownName,
            label: costCellLabel(r, fy),
            value: text(name, current),
            shown: errors[name] ? current : text(shownName, current),
            lines: r.cells.get(fy)?.lines ?? 0,
            error: errors[name],
            grid: t,
            row: i,
            col: j,
          };
        }),
      })),
  }));
  return {
    years: grid.years.map(fyLabel),
    tables,
  };
}
