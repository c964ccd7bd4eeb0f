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
  capital: 'Capital',
  revenue_one_off: 'Revenue (one-off)',
  revenue_recurring: 'Revenue (recurring)',
  staff: 'Staff',
  licences: 'Licences',
  hardware: 'Hardware',
  services: 'Services',
};

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
