/** Human labels for stored codes, shared by every view. */
export const PROJECT_STATUS_LABELS: Record<string, string> = {
  proposed: 'Proposed',
  approved: 'Approved',
  in_delivery: 'In delivery',
  live: 'Live',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export const COST_KIND_LABELS: Record<string, string> = { planned: 'Planned', actual: 'Actual' };

export const COST_CATEGORY_LABELS: Record<string, string> = {
  staff: 'Staff',
  licences: 'Licences',
  hardware: 'Hardware',
  services: 'Services',
  other: 'Other',
};

/** Issue 19: capital or revenue, a dimension of its own. */
export const COST_FUNDING_LABELS: Record<string, string> = { capital: 'Capital', revenue: 'Revenue' };

export const COST_RECURRENCE_LABELS: Record<string, string> = { one_off: 'One-off', recurring: 'Recurring' };

/** "Capital hardware (one-off)": a cost line's three dimensions in a few words. */
export function costClassLabel(c: { funding: string; category: string; recurrence: string | null }): string {
  const r = c.recurrence ? ` (${COST_RECURRENCE_LABELS[c.recurrence].toLowerCase()})` : '';
  return `${COST_FUNDING_LABELS[c.funding]} ${COST_CATEGORY_LABELS[c.category].toLowerCase()}${r}`;
}

export const BENEFIT_TYPE_LABELS: Record<string, string> = {
  cashable: 'Cashable',
  non_cashable: 'Non-cashable',
  qualitative: 'Qualitative',
};

export const BENEFIT_STATUS_LABELS: Record<string, string> = {
  identified: 'Identified',
  planned: 'Planned',
  realising: 'Realising',
  realised: 'Realised',
  at_risk: 'At risk',
  withdrawn: 'Withdrawn',
};

export function options(labels: Record<string, string>): { value: string; text: string }[] {
  return Object.entries(labels).map(([value, text]) => ({ value, text }));
}
