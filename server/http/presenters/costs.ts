import type { CostLine } from '../../records';
import { conflictPresenter, formatGbp, fyLabel } from './format';
import { toInputMoney } from '../../money';
import {
  COST_CATEGORY_LABELS,
  COST_FUNDING_LABELS,
  COST_KIND_LABELS,
  COST_RECURRENCE_LABELS,
  costClassLabel,
} from './labels';

export function costFormValues(c: CostLine) {
  return {
    year: fyLabel(c.fy),
    kind: c.kind,
    category: c.category,
    funding: c.funding,
    recurrence: c.recurrence ?? '',
    // A credit is shown as the positive amount with the box ticked, as it was entered.
    amount: toInputMoney(c.isCredit ? c.amount.abs() : c.amount),
    isCredit: c.isCredit ? 'on' : '',
    description: c.description,
    reference: c.reference,
    version: String(c.version),
  };
}

export const presentCostConflict = conflictPresenter<CostLine>((c) => ({
  Year: fyLabel(c.fy),
  'Planned or actual': COST_KIND_LABELS[c.kind],
  Funding: COST_FUNDING_LABELS[c.funding],
  Category: COST_CATEGORY_LABELS[c.category],
  'One-off or recurring': c.recurrence ? COST_RECURRENCE_LABELS[c.recurrence] : 'Not stated',
  Amount: formatGbp(c.amount),
  Description: c.description,
  Reference: c.reference,
}));

export function describeCostLine(c: CostLine): string {
  return `${COST_KIND_LABELS[c.kind]} ${costClassLabel(c).toLowerCase()} cost of ${formatGbp(c.amount)} in ${fyLabel(c.fy)}`;
}
