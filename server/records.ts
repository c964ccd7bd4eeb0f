/**
 * Record types shared by every layer: camelCase, money as Decimal pounds, financial years as start
 * years (C2). A leaf module: it imports only types from money and the finance engine, so
 * repositories, domain, presenters, io and validation can all depend on it without an upward arrow.
 */
import type { Decimal } from './money';
import type { BenefitType, CostKind } from './finance/types';

export const PROJECT_STATUSES = ['proposed', 'approved', 'in_delivery', 'live', 'closed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const COST_KINDS = ['planned', 'actual'] as const;
export const COST_CATEGORIES = [
  'capital',
  'revenue_one_off',
  'revenue_recurring',
  'staff',
  'licences',
  'hardware',
  'services',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export const BENEFIT_TYPES = ['cashable', 'non_cashable', 'qualitative'] as const;
export const BENEFIT_STATUSES = ['identified', 'planned', 'realising', 'realised', 'at_risk', 'withdrawn'] as const;
export type BenefitStatus = (typeof BENEFIT_STATUSES)[number];

export type { BenefitType, CostKind };

/** 'system' is for seeds, the command line and tests: trusted code, not a person. */
export type ActorRole = 'admin' | 'finance' | 'project_manager' | 'scrutiny' | 'system';

export interface Actor {
  id: number | null;
  label: string;
  role: ActorRole;
  /** Finance users limited to these directorates; empty means all. */
  directorateIds: number[];
}

export function systemActor(label: string): Actor {
  return { id: null, label, role: 'system', directorateIds: [] };
}

export interface Directorate {
  id: number;
  code: string;
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Project {
  id: number;
  code: string;
  name: string;
  directorateId: number;
  directorateCode: string;
  directorateName: string;
  description: string;
  sponsor: string;
  manager: string;
  status: ProjectStatus;
  startFy: number;
  baseFy: number;
  discountRate: Decimal | null;
  optimismBias: Decimal;
  priority: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CostLine {
  id: number;
  projectId: number;
  fy: number;
  kind: CostKind;
  category: CostCategory;
  /** Signed: credits are negative. */
  amount: Decimal;
  isCredit: boolean;
  description: string;
  reference: string;
  version: number;
}

export interface ProfileEntry {
  fy: number;
  amount: Decimal;
}

/** One stored row of a benefit's expected profile. */
export interface StoredProfileEntry extends ProfileEntry {
  id: number;
  benefitId: number;
  version: number;
}

export interface Benefit {
  id: number;
  projectId: number;
  ref: string;
  title: string;
  description: string;
  type: BenefitType;
  category: string;
  isDisbenefit: boolean;
  owner: string;
  measure: string;
  baseline: string;
  target: string;
  unit: string;
  confidence: Decimal;
  status: BenefitStatus;
  serviceFeature: string;
  enablingActivities: string;
  version: number;
}

/**
 * What pages and exports show for a realisation saved without evidence (rows from before evidence
 * was required); an import reads it back as no evidence, so it never passes for evidence itself.
 */
export const NO_EVIDENCE = 'no evidence recorded';

export interface Realisation {
  id: number;
  benefitId: number;
  fy: number;
  amount: Decimal | null;
  value: string;
  isCorrection: boolean;
  evidence: string;
  recordedBy: string;
  recordedOn: string;
  version: number;
  createdAt: string;
}

// ## People

export const ROLES = ['admin', 'finance', 'project_manager', 'scrutiny'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  isDisabled: boolean;
  failedSignIns: number;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  version: number;
  /** Finance users limited to these directorates; empty means all. */
  directorateIds: number[];
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

// ## Savings taken from budgets (issue 19)

/** A cashable benefit's saving taken out of a budget in one financial year. */
export interface BudgetReduction {
  id: number;
  benefitId: number;
  fy: number;
  amount: Decimal;
  /** The budget or cost centre reduced. */
  budget: string;
  reference: string;
  recordedBy: string;
  createdAt: string;
  version: number;
}
