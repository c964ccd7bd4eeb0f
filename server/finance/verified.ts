/**
 * C10 `verifiedOnly`: indicators counted with verified realisations only. The ledger path (a
 * project's page) drops the unverified ones from the flows; the read model's series swap in their
 * verified part (`verifiedAsRealised`, year-series.ts). Both give the same figures (a unit test).
 */
import { ZERO, type Decimal } from '../money';
import { plus } from './sum';
import type { ProjectFlows } from './types';
import type { YearSeries } from './year-series';

/** The flows as if no unverified realisation had been recorded. */
export function verifiedOnlyFlows(flows: ProjectFlows): ProjectFlows {
  return { ...flows, benefits: flows.benefits.map((b) => ({ ...b, realised: b.verified ?? [] })) };
}

export interface VerifiedShare {
  /** Money benefits realised up to and including the as-at year, net of dis-benefits (C6 Realisation). */
  realised: Decimal;
  /** The verified part of it (C10). */
  verified: Decimal;
}

/** "£1.2m realised, of which £0.9m verified": over the years up to and including the as-at year. */
export function verifiedShare(series: readonly YearSeries[], asAtFy: number): VerifiedShare {
  let realised = ZERO;
  let verified = ZERO;
  for (const y of series) {
    if (y.fy > asAtFy) continue;
    realised = plus(realised, plus(y.realisedCashable, y.realisedNonCashable));
    verified = plus(verified, plus(y.verifiedCashable, y.verifiedNonCashable));
  }
  return { realised, verified };
}
