/**
 * The business rules on costs, benefits and realisations, each written once as a pure function
 * that answers with the user-facing message (or null when the value is fine). The web forms, the
 * API and imports all call these same functions: the schemas for the rules that need nothing but
 * the input itself, the domain use cases and the import planner for those that need stored state.
 * A rule added here therefore reaches every entry point; test/integration/rules.entry-points.test.ts
 * runs each one through all three.
 *
 * No I/O here, so `server/validation/` may import this file (and only this file) from the domain.
 */
import { Decimal, formatGbp, MAX_AMOUNT } from '../money';
import { fyLabel } from '../financial-year';
import {
  DECIDED_STATUSES,
  NO_EVIDENCE,
  type BenefitType,
  type DecisionKind,
  type ProjectStatus,
  type ReasonCode,
} from '../records';

// ## Money signs (C1, C4)

/** C1: a negative cost is only accepted on a line the user marks as a credit or refund. */
export function costSignProblem(amount: Decimal, isCredit: boolean): string | null {
  return amount.isNeg() && !isCredit ? 'Enter an amount of £0 or more, or mark the line as a credit or refund' : null;
}

/** C4: a credit or refund reduces cost, whichever sign the user typed; zero is never negative. */
export function signedCost(amount: Decimal, isCredit: boolean): Decimal {
  if (amount.isZero()) return new Decimal(0);
  return isCredit ? amount.abs().negated() : amount;
}

/** C1: a negative realisation is a correction, which the user marks explicitly. */
export function realisationSignProblem(amount: Decimal | null, isCorrection: boolean): string | null {
  return amount !== null && amount.isNeg() && !isCorrection
    ? 'Enter an amount of £0 or more, or mark this as a correction'
    : null;
}

// ## Years (C3)

/** C3: a flow before the project's base year is an error. */
export function baseYearProblem(baseFy: number, fy: number): string | null {
  return fy < baseFy ? `${fyLabel(fy)} is before the project's base year ${fyLabel(baseFy)}` : null;
}

// ## Yearly totals (C1)

/** The four yearly totals of a project that C1 bounds. */
export type YearlyTotalKind = 'planned' | 'actual' | 'expected' | 'realised' | 'reduced';

const TOTAL_LABELS: Record<YearlyTotalKind, string> = {
  planned: 'planned costs',
  actual: 'actual costs',
  expected: 'expected benefits',
  realised: 'realised benefits',
  reduced: 'savings taken from budgets',
};

/**
 * C1 "No valid data may break a sum": one project's total for a financial year and kind stays
 * within the largest accepted amount (benefits net of dis-benefits, costs net of credits).
 */
export function yearlyTotalProblem(
  projectCode: string,
  kind: YearlyTotalKind,
  fy: number,
  total: Decimal,
): string | null {
  if (total.abs().lte(MAX_AMOUNT)) return null;
  return `This would take ${projectCode}'s ${TOTAL_LABELS[kind]} in ${fyLabel(fy)} to ${formatGbp(total)}, more than one year's total can hold (${formatGbp(MAX_AMOUNT)}): correct the amounts`;
}

// ## Benefits (C5)

/** C5: qualitative benefits are not monetised, so they carry no expected amounts. */
export function qualitativeMoneyProblem(type: BenefitType, amount: Decimal | null): string | null {
  return type === 'qualitative' && amount !== null && !amount.isZero()
    ? 'Qualitative benefits have no money value: leave the amount empty or choose a money type'
    : null;
}

/** One expected amount per benefit and year: the message for the second entry of a year. */
export function repeatedYearProblem(fy: number): string {
  return `${fyLabel(fy)} appears more than once: enter one amount per year`;
}

/** Positions (in order) of every entry whose year an earlier entry already had. */
export function repeatedYears(years: number[]): number[] {
  const seen = new Set<number>();
  const repeats: number[] = [];
  years.forEach((fy, i) => {
    if (seen.has(fy)) repeats.push(i);
    seen.add(fy);
  });
  return repeats;
}

export function duplicateBenefitRefProblem(ref: string): string {
  return `Benefit ${ref} already exists on this project`;
}

/** What a benefit already has recorded against it, for the type-change rule. */
export interface RecordedRealisations {
  /** Any realisation with an amount. */
  money: boolean;
  /** Any realisation with only a measured value. */
  valueOnly: boolean;
}

/** A type change must not strand recorded realisations (C5: money and measured values never mix). */
export function typeChangeProblem(type: BenefitType, recorded: RecordedRealisations): string | null {
  if (type === 'qualitative' && recorded.money)
    return 'This benefit has money realisations recorded: remove them before making it qualitative';
  // Otherwise measured values without amounts would silently drop out of every money total.
  if (type !== 'qualitative' && recorded.valueOnly)
    return 'This benefit has measured values recorded without amounts: remove them before giving it a money type';
  return null;
}

// ## Realisations against their benefit (C5)

export interface RealisationFields {
  amount: Decimal | null;
  value: string;
}

/** Money benefits record an amount; qualitative ones a measured value. Keyed by the field at fault. */
export function realisationProblems(type: BenefitType, r: RealisationFields): { amount?: string; value?: string } {
  if (type === 'qualitative') {
    return {
      ...(r.amount !== null ? { amount: 'This benefit is qualitative: record a measured value, not an amount' } : {}),
      ...(r.value === '' ? { value: 'Enter the measured value' } : {}),
    };
  }
  return r.amount === null ? { amount: 'Enter the amount realised' } : {};
}

/**
 * C6: realisations record what happened, so a realisation's year may not be later than the
 * financial year containing today's UK date. The caller reads the clock (`currentFy()` in
 * financial-year.ts) and passes that year in, which keeps this rule pure.
 */
export function futureRealisationProblem(fy: number, currentFy: number): string | null {
  return fy > currentFy
    ? `${fyLabel(fy)} has not started yet: record a realisation once it has happened, in ${fyLabel(currentFy)} or an earlier year`
    : null;
}

/** Evidence is a description or a link; blank, or the words pages show for none, is no evidence. */
export function hasEvidence(evidence: string): boolean {
  const text = evidence.trim();
  return text !== '' && text.toLowerCase() !== NO_EVIDENCE;
}

/**
 * A money realisation (one with an amount, which only cashable and non-cashable benefits take)
 * says where the figure comes from: "realised" without evidence is not a figure anyone can rely on.
 * Qualitative realisations (a measured value) keep evidence optional.
 */
export function realisationEvidenceProblem(amount: Decimal | null, evidence: string): string | null {
  return amount !== null && !hasEvidence(evidence)
    ? 'Enter the evidence for the amount realised: where the figure comes from (a report, a ledger extract) or a link to it'
    : null;
}

// ## Verification of realisations (C10)

/** C10: editing a verified realisation needs a reason (it then returns to unverified). */
export function verifiedChangeProblem(verified: boolean, reason: string): string | null {
  return verified && reason.trim() === ''
    ? 'This realisation is verified: give a reason for the change (it will return to unverified and need verifying again)'
    : null;
}

/** C10: the import cannot carry a reason, so it leaves verified realisations alone. */
export const VERIFIED_IMPORT_PROBLEM =
  'This realisation is verified: change it on its page, giving a reason (it will return to unverified)';

// ## Savings taken from budgets (issue 19, C5)

/**
 * C5: only a cashable benefit releases budget, so only a cashable benefit that is not a
 * dis-benefit records budget reductions.
 */
export function budgetReductionBenefitProblem(b: { type: BenefitType; isDisbenefit: boolean }): string | null {
  if (b.type !== 'cashable')
    return 'Only cashable benefits release budget: this benefit is not cashable, so no budget reduction can be recorded';
  if (b.isDisbenefit) return 'A dis-benefit releases no budget: no budget reduction can be recorded against it';
  return null;
}

/** C1: a budget reduction is a positive amount (a reversal is recorded by deleting the wrong row). */
export function budgetReductionAmountProblem(amount: Decimal): string | null {
  return amount.gt(0) ? null : 'Enter the amount taken from the budget, more than £0';
}

// ## Decisions and baselines (C9)

/** Where a project's decision form is, for messages that point to it. */
export function decisionFormPath(projectCode: string): string {
  return `/projects/${encodeURIComponent(projectCode)}/decisions/new`;
}

/**
 * C9: a project reaches `approved` or a later status (in delivery, live, closed) only through an
 * approval decision; proposing and cancelling need none. `projectCode` is null for a project not
 * yet created, which may bring its approval decision with it (the API's `decision`).
 */
export function decisionStatusProblem(
  status: ProjectStatus,
  hasDecision: boolean,
  projectCode: string | null,
): string | null {
  if (hasDecision || !DECIDED_STATUSES.includes(status)) return null;
  const label = status.replace('_', ' ');
  return projectCode === null
    ? `A project can only be ${label} after an approval decision: add it as proposed, then record the decision on its decision form`
    : `${projectCode} has no approval decision: record the approval on its decision form (${decisionFormPath(projectCode)}) before making it ${label}`;
}

/** C9: an approval comes first and once; a re-baseline follows it. */
export function decisionKindProblem(kind: DecisionKind, hasBaseline: boolean): string | null {
  if (kind === 'approval' && hasBaseline)
    return 'This project is already approved: record a re-baseline to freeze a new baseline';
  if (kind === 'rebaseline' && !hasBaseline)
    return 'This project has no approval yet: record the approval before any re-baseline';
  return null;
}

/** C9: a re-baseline gives its reason code; an approval has none. */
export function reasonCodeProblem(kind: DecisionKind, reasonCode: ReasonCode | null): string | null {
  if (kind === 'rebaseline' && reasonCode === null) return 'Select the reason for the re-baseline';
  if (kind === 'approval' && reasonCode !== null) return 'An approval has no reason code: leave it empty';
  return null;
}

/** A decision has been taken: its date is not after today (the caller reads the clock). */
export function decisionDateProblem(decidedOn: string, today: string): string | null {
  return decidedOn > today ? 'The decision date must be today or in the past' : null;
}

/**
 * C9: a re-forecast is for the current financial year (today's UK date, C2) or a later one. The
 * caller reads the clock and passes the year in.
 */
export function reforecastYearProblem(fy: number, currentFy: number): string | null {
  return fy < currentFy
    ? `${fyLabel(fy)} has ended: re-forecast ${fyLabel(currentFy)} or a later year (record what happened as a realisation)`
    : null;
}

/** C9 + C5: only money benefits are re-forecast; a qualitative benefit is never money. */
export function reforecastBenefitProblem(benefit: { type: BenefitType; ref: string }): string | null {
  return benefit.type === 'qualitative'
    ? `Benefit ${benefit.ref} is qualitative: only cashable and non-cashable benefits can be re-forecast`
    : null;
}
