/** The benefit profile grid page's view model: one row per money benefit, the values kept on a re-render. */
import type { ProfileGrid } from '../../domain/profile-grid';
import { toInputMoney } from '../../money';
import type { FieldErrors } from '../../errors';
import {
  profileCellLabel,
  profileCellName,
  profileShownName,
  profileSpreadName,
} from '../../validation/profile-grid.schema';
import { fyLabel } from './format';

export function presentProfileGrid(grid: ProfileGrid, values: Record<string, unknown>, errors: FieldErrors) {
  const text = (name: string, fallback: string) =>
    typeof values[name] === 'string' ? (values[name] as string) : fallback;
  return {
    years: grid.years.map(fyLabel),
    rows: grid.rows.map((r, i) => {
      const { ref, title } = r.benefit;
      const spread = profileSpreadName(ref);
      return {
        label: `${ref} ${title}${r.benefit.isDisbenefit ? ' (dis-benefit)' : ''}`,
        spread: { name: spread, value: text(spread, ''), error: errors[spread] },
        cells: grid.years.map((fy, j) => {
          const name = profileCellName(ref, fy);
          const amount = r.cells.get(fy) ?? null;
          const current = amount === null ? '' : toInputMoney(amount);
          const shownName = profileShownName(ref, fy);
          return {
            name,
            shownName,
            label: profileCellLabel(ref, title, fy),
            value: text(name, current),
            shown: errors[name] ? current : text(shownName, current),
            error: errors[name],
            row: i,
            col: j,
          };
        }),
      };
    }),
  };
}
