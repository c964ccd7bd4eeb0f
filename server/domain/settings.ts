/**
 * Organisation settings (C3 discount rule, C6 VfM bands and RAG thresholds, price basis), stored
 * as JSON strings of exact decimals, with the conventions' defaults when unset.
 */
import * as settingsRepo from '../repositories/settings';
import type { Db } from '../knex';
import { Decimal } from '../money';
import { DEFAULT_RAG, DEFAULT_VFM_BANDS, GREEN_BOOK } from '../finance';
import type { DiscountRule, RagThresholds, VfmBands } from '../finance/types';

export type PriceBasis = 'real' | 'nominal';

export interface OrgSettings {
  discountRule: DiscountRule;
  vfmBands: VfmBands;
  rag: RagThresholds;
  priceBasis: PriceBasis;
}

export const DEFAULT_SETTINGS: OrgSettings = { discountRule: GREEN_BOOK, vfmBands: DEFAULT_VFM_BANDS, rag: DEFAULT_RAG, priceBasis: 'real' };

function decimalOr(v: unknown, fallback: Decimal): Decimal {
  return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? new Decimal(v) : fallback;
}

export async function getOrgSettings(ctx: { db: Db }): Promise<OrgSettings> {
  const all = await settingsRepo.getAll(ctx.db);
  const rate = all.discountRate?.value;
  const bands = (all.vfmBands?.value ?? {}) as Record<string, unknown>;
  const rag = (all.rag?.value ?? {}) as Record<string, unknown>;
  return {
    discountRule: typeof rate === 'string' ? { kind: 'constant', rate: new Decimal(rate) } : GREEN_BOOK,
    vfmBands: {
      poor: decimalOr(bands.poor, DEFAULT_VFM_BANDS.poor),
      low: decimalOr(bands.low, DEFAULT_VFM_BANDS.low),
      medium: decimalOr(bands.medium, DEFAULT_VFM_BANDS.medium),
      high: decimalOr(bands.high, DEFAULT_VFM_BANDS.high),
      veryHigh: decimalOr(bands.veryHigh, DEFAULT_VFM_BANDS.veryHigh),
    },
    rag: { green: decimalOr(rag.green, DEFAULT_RAG.green), amber: decimalOr(rag.amber, DEFAULT_RAG.amber) },
    priceBasis: all.priceBasis?.value === 'nominal' ? 'nominal' : 'real',
  };
}
