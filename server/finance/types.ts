/**
 * The finance engine's contract: pure data in, pure data out, every amount a Decimal in pounds.
 * Financial years are integer start years (C2); year indices are relative to a base year (C3).
 */
import type { Decimal } from '../money';

/** C3: the Green Book declining schedule, or one constant rate. */
export type DiscountRule = { kind: 'green_book' } | { kind: 'constant'; rate: Decimal };

/** C6: lower bounds (inclusive) of each VfM band; an organisation setting. */
export interface VfmBands {
  poor: Decimal; // 0
  low: Decimal; // 1
  medium: Decimal; // 1.5
  high: Decimal; // 2
  veryHigh: Decimal; // 4
}

export type VfmCategory = 'Negative' | 'Poor' | 'Low' | 'Medium' | 'High' | 'Very High';

/** C6: realisation RAG thresholds (green ≥ 0.90, amber ≥ 0.70); an organisation setting. */
export interface RagThresholds {
  green: Decimal;
  amber: Decimal;
}

export type Rag = 'green' | 'amber' | 'red';

/**
 * Money flows of one financial year, ready for appraisal. `cashable` and `nonCashable` are
 * benefits net of dis-benefits (C5); costs already carry any optimism bias (C4).
 */
export interface YearAmounts {
  fy: number;
  costs: Decimal;
  cashable: Decimal;
  nonCashable: Decimal;
}

export interface AppraisalInput {
  baseFy: number;
  /** Any order; several entries for one year add up. */
  years: YearAmounts[];
  rule: DiscountRule;
  bands: VfmBands;
}

export interface AppraisalYear {
  fy: number;
  index: number;
  discountFactor: Decimal;
  costs: Decimal;
  benefits: Decimal;
  net: Decimal;
  pvNet: Decimal;
  cumulativeNet: Decimal;
  cumulativePvNet: Decimal;
}

export interface Appraisal {
  /** From the base year to the last year with a flow, no gaps (just the base year when empty). */
  years: AppraisalYear[];
  totals: { costs: Decimal; benefits: Decimal; cashableBenefits: Decimal; nonCashableBenefits: Decimal; net: Decimal };
  pvCosts: Decimal;
  pvBenefits: Decimal;
  npv: Decimal;
  bcr: Decimal | null;
  roi: Decimal | null;
  irr: Decimal | null;
  irrAmbiguous: boolean;
  paybackYears: Decimal | null;
  discountedPaybackYears: Decimal | null;
  vfmCategory: VfmCategory | null;
  switchingValues: { benefits: Decimal | null; costs: Decimal | null };
}

export type BenefitType = 'cashable' | 'non_cashable' | 'qualitative';
export type CostKind = 'planned' | 'actual';

/** One project's stored flows, as the engine needs them. Credits are already negative. */
export interface ProjectFlows {
  baseFy: number;
  optimismBias: Decimal;
  /** `funding` (issue 19) splits the series into capital and revenue; flows without it (the calculator) are in neither. */
  costs: { fy: number; kind: CostKind; amount: Decimal; funding?: 'capital' | 'revenue' }[];
  benefits: {
    /** The stored benefit's id, where known: C9 realisation tells a benefit in the baseline from one added since. */
    id?: number;
    type: BenefitType;
    disbenefit: boolean;
    confidence: Decimal;
    expected: { fy: number; amount: Decimal }[];
    realised: { fy: number; amount: Decimal }[];
    /** C10: the verified part of `realised` (absent: none verified). */
    verified?: { fy: number; amount: Decimal }[];
    /** C9 re-forecasts in the order made, each with the financial year it was made in (absent: none). */
    reforecasts?: { fy: number; madeFy: number; amount: Decimal }[];
  }[];
  /** C9: the latest frozen baseline, once the project has been approved (absent or null before). */
  baseline?: BaselineFlows | null;
}

/**
 * C9: what a decision froze: planned costs, benefits with their profiles, the base year, the
 * optimism bias and the discount rule then in force. Never changes once recorded.
 */
export interface BaselineFlows {
  number: number;
  baseFy: number;
  optimismBias: Decimal;
  rule: DiscountRule;
  /** Planned costs (credits negative) by year. */
  costs: { fy: number; amount: Decimal }[];
  benefits: {
    /** The benefit it was frozen from, if known. */
    sourceId: number | null;
    type: BenefitType;
    disbenefit: boolean;
    confidence: Decimal;
    expected: { fy: number; amount: Decimal }[];
  }[];
}

export type ProjectView = 'businessCase' | 'forecast' | 'toDate';

export interface ViewOptions {
  asAtFy: number;
  riskAdjusted: boolean;
  /** C10: count verified realisations only (default: all). */
  verifiedOnly?: boolean;
}

export interface RealisationResult {
  expectedToDate: Decimal;
  realisedToDate: Decimal;
  ratio: Decimal | null;
  rag: Rag | null;
}

export interface CostVarianceResult {
  planned: Decimal;
  actual: Decimal;
  variance: Decimal;
  varianceRatio: Decimal | null;
  /** Every year listed, in order; a year after the as-at year is not yet due: null variance, in no total (C6). */
  byYear: CostVarianceYear[];
}

export interface CostVarianceYear {
  fy: number;
  planned: Decimal;
  actual: Decimal;
  /** False for a year after the as-at year. */
  due: boolean;
  /** Null when the year is not yet due. */
  variance: Decimal | null;
  /** Null when the year is not yet due or nothing was planned in it. */
  varianceRatio: Decimal | null;
}

/** An appraisal's indicators without its year table: one row of a per-project table. */
export type AppraisalHeadline = Omit<Appraisal, 'years'>;

/** Cost variance in total, without the per-year breakdown. */
export type CostVarianceTotals = Omit<CostVarianceResult, 'byYear'>;

/** The value-for-money figures of an appraisal alone: no IRR, paybacks, switching values or years. */
export type ValueFigures = Pick<Appraisal, 'totals' | 'pvCosts' | 'pvBenefits' | 'npv' | 'bcr' | 'roi' | 'vfmCategory'>;

/**
 * One project's row in the per-project table behind an aggregate: the business case in full, the
 * forecast's value for money, realisation and cost variance. The project's own page has the rest.
 */
export interface HeadlineViewSet {
  businessCase: AppraisalHeadline;
  forecast: ValueFigures;
  realisation: RealisationResult;
  costVariance: CostVarianceTotals;
}

/** Every C6 indicator of one project or aggregate: three views, realisation and cost variance. */
export interface ViewSet {
  businessCase: Appraisal;
  forecast: Appraisal;
  toDate: Appraisal;
  realisation: RealisationResult;
  costVariance: CostVarianceResult;
}

/** Thrown for input the engine cannot appraise (e.g. a flow before the base year, C3). */
export class FinanceInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FinanceInputError';
  }
}
