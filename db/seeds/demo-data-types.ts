/**
 * Shapes of the demo portfolio's declarative data. Every field is in the API input form the
 * validation schemas take (C1 money strings, C2 "2024/25" labels, ratios as decimal strings), so
 * the seed can hand each object straight to `parseOrThrow(schema('api'), …)`.
 */
import type { BenefitStatus, CostCategory, CostFunding, CostRecurrence, ProjectStatus } from '../../server/records';

export interface DemoDirectorate {
  code: string;
  name: string;
}

export interface DemoCost {
  year: string;
  kind: 'planned' | 'actual';
  /** Issue 19: capital or revenue, and one-off or recurring where the business case says. */
  funding: CostFunding;
  category: CostCategory;
  recurrence?: CostRecurrence;
  /** Pounds as a string; credits may be typed positive or negative, `isCredit` decides (C4). */
  amount: string;
  isCredit?: boolean;
  description: string;
  reference?: string;
}

export interface DemoRealisation {
  year: string;
  /** Money benefits only (C5); omit for qualitative ones. */
  amount?: string;
  /** Qualitative benefits only: the measured value. */
  value?: string;
  isCorrection?: boolean;
  evidence: string;
  recordedBy: string;
  recordedOn: string;
}

export interface DemoBenefit {
  ref: string;
  title: string;
  description?: string;
  type: 'cashable' | 'non_cashable' | 'qualitative';
  category?: string;
  isDisbenefit?: boolean;
  owner: string;
  measure?: string;
  baseline?: string;
  target?: string;
  unit?: string;
  confidence?: string;
  status: BenefitStatus;
  serviceFeature?: string;
  enablingActivities?: string;
  /** Expected amount per financial year, `{ '2025/26': '40000.00' }`; qualitative benefits have none (C5). */
  profile?: Record<string, string>;
  realisations?: DemoRealisation[];
}

export interface DemoProject {
  code: string;
  name: string;
  directorateCode: string;
  description: string;
  sponsor: string;
  manager: string;
  status: ProjectStatus;
  priority: string;
  startYear: string;
  baseYear?: string;
  discountRate?: string;
  optimismBias?: string;
  costs: DemoCost[];
  benefits: DemoBenefit[];
}
