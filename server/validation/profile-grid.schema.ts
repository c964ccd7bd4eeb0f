/**
 * The benefit profile grid form (issue 19): one expected amount per money benefit and financial
 * year of the appraisal period. Cells follow C1's form input rules (≥ 0: a dis-benefit is flagged
 * on the benefit, C5); blank is no profile row for the year.
 */
import type { Decimal } from '../money';
import { ValidationError, type FieldErrors } from '../errors';
import { fyLabel } from '../financial-year';
import { parseGridMoney, sameAmount } from './cost-grid.schema';

export interface ProfileGridCellInput {
  ref: string;
  fy: number;
  amount: Decimal | null;
  shown: Decimal | null;
}

export const profileCellName = (ref: string, fy: number) => `p__${ref}__${fy}`;
export const profileShownName = (ref: string, fy: number) => `q__${ref}__${fy}`;
export const profileSpreadName = (ref: string) => `t__${ref}`;
/** "B1 Staff time saved, 2025/26"; a benefit no longer there has no title to show. */
export const profileCellLabel = (ref: string, title: string, fy: number) =>
  `${[ref, title].filter(Boolean).join(' ')}, ${fyLabel(fy)}`;

const NAME = /^p__([A-Z0-9][A-Z0-9-]{0,19})__(\d{4})$/;

/** Every cell of the submitted grid, each checked by C1; `title` names a benefit for messages. */
export function parseProfileGrid(
  body: Record<string, unknown>,
  title: (ref: string) => string | undefined,
): ProfileGridCellInput[] {
  const errors: FieldErrors = {};
  const cells: ProfileGridCellInput[] = [];
  for (const name of Object.keys(body)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const ref = m[1];
    const fy = Number.parseInt(m[2], 10);
    const shown = parseGridMoney(body[profileShownName(ref, fy)]);
    const shownValue = shown.ok ? shown.value : null;
    const amount = parseGridMoney(body[name]);
    if (!amount.ok) {
      errors[name] = `${profileCellLabel(ref, title(ref) ?? '', fy)}: ${amount.error}`;
      continue;
    }
    cells.push({ ref, fy, amount: amount.value, shown: shownValue });
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return cells.sort((a, b) => a.ref.localeCompare(b.ref) || a.fy - b.fy);
}

export { sameAmount };
