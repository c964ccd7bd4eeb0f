import type { CostLine } from '../../records';
import { conflictView, formatGbp, fyLabel } from './format';
import { toInputMoney } from '../../money';
import { COST_CATEGORY_LABELS, COST_KIND_LABELS } from './labels';

export function costFormValues(c: CostLine) {
  return {
    year: fyLabel(c.fy),
    kind: c.kind,
    category: c.category,
    // A credit is shown as the positive amount with the box ticked, as it was entered.
    amount: toInputMoney(c.isCredit ? c.amount.abs() : c.amount),
    isCredit: c.isCredit ? 'on' : '',
    description: c.description,
    reference: c.reference,
    version: String(c.version),
  };
}

export function presentCostConflict(current: unknown) {
  const c = current as CostLine;
  return conflictView(c.version, {
    Year: fyLabel(c.fy),
    'Planned or actual': COST_KIND_LABELS[c.kind],
    Category: COST_CATEGORY_LABELS[c.category],
    Amount: formatGbp(c.amount),
    Description: c.description,
    Reference: c.reference,
  });
}

export function describeCostLine(c: CostLine): string {
  return `${COST_KIND_LABELS[c.kind]} ${COST_CATEGORY_LABELS[c.category].toLowerCase()} cost of ${formatGbp(c.amount)} in ${fyLabel(c.fy)}`;
}
