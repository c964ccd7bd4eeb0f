/**
 * Record types shared by every layer: camelCase, money as Decimal pounds, financial years as start
 * years (C2). A leaf module: it imports only types from money and the finance engine, so
 * repositories, domain, presenters, io and validation can all depend on it without an upward arrow.
 */
import type { Decimal } from './money';
import type { BenefitType, CostKind, DiscountRule } from './finance/types';

export const PROJECT_STATUSES = ['proposed', 'approved', 'in_delivery', 'live', 'closed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const COST_KINDS = ['planned', 'actual'] as const;
/**
 * Issue 19: what a cost is for. Capital or revenue is its own dimension (`funding`), and one-off
 * or recurring its `recurrence` (null: not stated). CONVENTIONS C4 still lists the older mixed list
 * (capital, revenue_one_off, revenue_recurring, …): LEGACY_COST_CATEGORIES maps those names.
 */
export const COST_CATEGORIES = ['staff', 'licences', 'hardware', 'services', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const COST_FUNDINGS = ['capital', 'revenue'] as const;
export type CostFunding = (typeof COST_FUNDINGS)[number];
export const COST_RECURRENCES = ['one_off', 'recurring'] as const;
export type CostRecurrence = (typeof COST_RECURRENCES)[number];

/** The category names before issue 19, as the migration maps them (accepted by the API for one version). */
export const LEGACY_COST_CATEGORIES: Record<
  string,
  { category: CostCategory; funding: CostFunding; recurrence: CostRecurrence | null }
> = {
  capital: { category: 'other', funding: 'capital', recurrence: null },
  revenue_one_off: { category: 'other', funding: 'revenue', recurrence: 'one_off' },
  revenue_recurring: { category: 'other', funding: 'revenue', recurrence: 'recurring' },
};

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
  funding: CostFunding;
  recurrence: CostRecurrence | null;
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
  /** C10: who recorded it and who last changed it (user ids; null for the system or a removed user). */
  recordedByUserId: number | null;
  changedByUserId: number | null;
  verification: RealisationVerification;
}

// ## Verification of realisations (C10)

export const VERIFICATION_STATUSES = ['unverified', 'verified'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export const EVIDENCE_GRADES = ['audited', 'management_information', 'estimate'] as const;
export type EvidenceGrade = (typeof EVIDENCE_GRADES)[number];

export interface RealisationVerification {
  status: VerificationStatus;
  /** Set exactly when verified. */
  grade: EvidenceGrade | null;
  verifiedByUserId: number | null;
  /** The verifier's name, when the user still exists. */
  verifiedBy: string | null;
  verifiedAt: string | null;
}

/** C10 evidence file kept with a realisation (metadata; the bytes are read only to download). */
export interface RealisationAttachment {
  id: number;
  realisationId: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedByUserId: number | null;
  createdAt: string;
}

/** C9: a re-forecast of one benefit and year; append-only, the latest made on or before the as-at date counts. */
export interface BenefitReforecast {
  id: number;
  benefitId: number;
  fy: number;
  amount: Decimal;
  note: string;
  enteredByUserId: number | null;
  enteredBy: string;
  /** The "made on" moment (ISO timestamp). */
  createdAt: string;
  /** The financial year of createdAt's UK date (C2): the as-at years from which it counts. */
  madeFy: number;
  version: number;
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

// ## Strategic ICT effectiveness assessments (issue 18, C11)

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'approved'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** An action still to do: open or in progress. */
export const LIVE_ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress'];

/** Overdue: still to do and due before `today` (a UK date, YYYY-MM-DD). */
export function isActionOverdue(a: { status: ActionStatus; dueOn: string }, today: string): boolean {
  return LIVE_ACTION_STATUSES.includes(a.status) && a.dueOn < today;
}

/** One statement of a framework version: a stable code, its wording and the maturity levels 1–5. */
export interface FrameworkStatement {
  id: number;
  code: string;
  text: string;
  /** Descriptors of levels 1 to 5, in order. */
  levels: [string, string, string, string, string];
}

export interface FrameworkDimension {
  id: number;
  code: string;
  name: string;
  statements: FrameworkStatement[];
}

/** One version of an assessment framework; a version in use is never changed. */
export interface Framework {
  id: number;
  code: string;
  versionNo: number;
  name: string;
  description: string;
  dimensions: FrameworkDimension[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Assessment {
  id: number;
  directorateId: number;
  directorateCode: string;
  directorateName: string;
  frameworkId: number;
  assessedOn: string;
  assessors: string;
  status: AssessmentStatus;
  returnComment: string;
  submittedById: number | null;
  submittedBy: string;
  submittedAt: string | null;
  approvedBy: string;
  approvedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AssessmentAnswer {
  statementId: number;
  score: number | null;
  evidence: string;
}

export interface DimensionNote {
  dimensionId: number;
  strengths: string;
  weaknesses: string;
}

export interface ImprovementAction {
  id: number;
  assessmentId: number;
  dimensionId: number;
  dimensionCode: string;
  dimensionName: string;
  directorateId: number;
  directorateCode: string;
  title: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
  projectIds: number[];
  projectCodes: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

// ## Post-implementation reviews (issue 17)

export const REVIEW_KINDS = ['go_live', 'closure', 'annual', 'ad_hoc'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_STATUSES = ['scheduled', 'completed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** One benefit's status as a review found it (a record of the review, kept as it was then). */
export interface ReviewBenefitStatus {
  ref: string;
  title: string;
  status: BenefitStatus;
  note: string;
}

export interface Review {
  id: number;
  projectId: number;
  projectCode: string;
  projectName: string;
  directorateId: number;
  kind: ReviewKind;
  dueOn: string;
  status: ReviewStatus;
  heldOn: string | null;
  reviewers: string;
  findings: string;
  lessons: string;
  nextSteps: string;
  benefitStatuses: ReviewBenefitStatus[];
  completedAt: string | null;
  completedBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

// ## Decisions and baselines (C9)

export const DECISION_KINDS = ['approval', 'rebaseline'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const REASON_CODES = ['scope_change', 'rephasing', 're_estimate', 'external_factor', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
/** C9: statuses a project reaches only through an approval decision (cancelling needs none). */
export const DECIDED_STATUSES: readonly ProjectStatus[] = ['approved', 'in_delivery', 'live', 'closed'];

export interface Decision {
  id: number;
  projectId: number;
  kind: DecisionKind;
  /** ISO date of the decision. */
  decidedOn: string;
  /** The deciding body or person, e.g. "CLT". */
  decidedBy: string;
  /** Minute or report number. */
  reference: string;
  fundingSource: string;
  /** Re-baselines only. */
  reasonCode: ReasonCode | null;
  note: string;
  /** The baseline this decision froze. */
  baselineNumber: number;
  recordedByUserId: number | null;
  recordedBy: string;
  createdAt: string;
}

/** C9: a frozen baseline's header: the appraisal settings then in force. */
export interface BaselineHeader {
  id: number;
  projectId: number;
  decisionId: number;
  number: number;
  baseFy: number;
  optimismBias: Decimal;
  /** Whose rule it was: the project's own constant rate, or the organisation's rule. */
  discountSource: 'project' | 'organisation';
  discountRule: DiscountRule;
  createdAt: string;
}

export interface BaselineCostLine {
  fy: number;
  category: CostCategory;
  /** Signed: credits are negative. */
  amount: Decimal;
  isCredit: boolean;
  description: string;
}

export interface BaselineBenefit {
  /** The benefit it was frozen from (it may since have been deleted). */
  sourceBenefitId: number | null;
  ref: string;
  title: string;
  type: BenefitType;
  isDisbenefit: boolean;
  confidence: Decimal;
  profile: ProfileEntry[];
}

export interface Baseline extends BaselineHeader {
  costLines: BaselineCostLine[];
  benefits: BaselineBenefit[];
}
