/** Value-for-money category from the BCR (CONVENTIONS C6, DfT bands). */
import type { Decimal } from '../money';
import type { VfmBands, VfmCategory } from './types';

/** C6: lower bounds are inclusive (a BCR of exactly 1.5 is Medium); null BCR → no category. */
export function vfmCategory(bcr: Decimal | null, bands: VfmBands): VfmCategory | null {
  if (bcr === null) return null;
  if (bcr.gte(bands.veryHigh)) return 'Very High';
  if (bcr.gte(bands.high)) return 'High';
  if (bcr.gte(bands.medium)) return 'Medium';
  if (bcr.gte(bands.low)) return 'Low';
  if (bcr.gte(bands.poor)) return 'Poor';
  return 'Negative';
}
