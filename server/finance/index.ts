/** The finance engine's public API: pure Decimal functions, no I/O (CONVENTIONS C3–C6). */
export * from './types';
export { DEFAULT_RAG, DEFAULT_VFM_BANDS, GREEN_BOOK } from './defaults';
export { discountFactor, discountFactors, discountRate } from './discounting';
export { npv, presentValue, pvBenefits, pvCosts } from './npv';
export { presentValueByYear } from './present-value-by-year';
export { bcr } from './bcr';
export { roi } from './roi';
export { discountedPaybackYears, paybackFromCumulative, paybackYears } from './payback';
export { countSignChanges, irr, type IrrResult } from './irr';
export { vfmCategory } from './vfm';
export { ragStatus } from './rag';
export { switchingValues, type SwitchingValues } from './switching';
export { appraise, appraiseHeadline, appraiseValue } from './appraise';
export {
  appraisePortfolio,
  type PortfolioInput,
  type PortfolioProject,
  type PortfolioResult,
  type PortfolioSettings,
} from './portfolio';
export { PROJECT_VIEWS, projectYearAmounts } from './views';
export { realisation, realisationResult, realisationTotals } from './realisation';
export { signedBenefitAmount } from './benefit-sign';
export { optimismBiasUplift } from './optimism-bias';
export {
  addTotals,
  benefitTotals,
  benefitYears,
  emptyTotals,
  simpleTotals,
  yearTable,
  yearlyBreakdown,
  type BenefitYear,
  type SimpleTotals,
  type YearBreakdown,
  type YearTable,
  type YearTableRow,
} from './totals';
export {
  costVariance,
  costVarianceFromYears,
  costVarianceTotals,
  plannedAndActualByYear,
  type PlannedActual,
} from './cost-variance';
