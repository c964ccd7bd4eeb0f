/** Default organisation settings for the engine (CONVENTIONS C3, C6); organisations may change them. */
import { Decimal } from '../money';
import type { DiscountRule, RagThresholds, VfmBands } from './types';

/** C3: the default discount rule is the Green Book declining schedule. */
export const GREEN_BOOK: DiscountRule = Object.freeze({ kind: 'green_book' as const });

/** C6: DfT value-for-money band lower bounds (inclusive). */
export const DEFAULT_VFM_BANDS: VfmBands = Object.freeze({
  poor: new Decimal(0),
  low: new Decimal(1),
  medium: new Decimal('1.5'),
  high: new Decimal(2),
  veryHigh: new Decimal(4),
});

/** C6: realisation RAG thresholds (no national standard; organisation settings). */
export const DEFAULT_RAG: RagThresholds = Object.freeze({
  green: new Decimal('0.90'),
  amber: new Decimal('0.70'),
});
