/** Realisation RAG status (CONVENTIONS C6). */
import type { Decimal } from '../money';
import type { Rag, RagThresholds } from './types';

/** C6: green ≥ thresholds.green, amber ≥ thresholds.amber, red below; null ratio → no status. */
export function ragStatus(ratio: Decimal | null, thresholds: RagThresholds): Rag | null {
  if (ratio === null) return null;
  if (ratio.gte(thresholds.green)) return 'green';
  if (ratio.gte(thresholds.amber)) return 'amber';
  return 'red';
}
