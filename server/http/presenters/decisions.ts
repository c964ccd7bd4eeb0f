/**
 * C9 on pages: the baseline beside the current plan and the forecast with the change between
 * them, the history of decisions with each baseline's headline figures, and the decision form.
 * Display strings only; the figures come from the engine.
 */
import type { DecisionHistory } from '../../domain/decisions';
import type { ProjectMetrics } from '../../domain/metrics';
import type { Appraisal, ValueFigures, VfmCategory } from '../../finance/types';
import type { Decimal } from '../../money';
import type { Decision, ReasonCode } from '../../records';
import { formatDate, formatGbp, fyLabel, moneyCell, ratioText, type MoneyCell } from './format';

export const DECISION_KIND_LABELS: Record<string, string> = { approval: 'Approval', rebaseline: 'Re-baseline' };

export const REASON_CODE_LABELS: Record<ReasonCode, string> = {
  scope_change: 'Scope change',
  rephasing: 'Rephasing',
  re_estimate: 'Re-estimate',
  external_factor: 'External factor',
  other: 'Other',
};

/** "+£1,234.00" / "−£1,234.00": a change, signed either way. */
export function signedGbp(d: Decimal): string {
  const r = d.toDecimalPlaces(2);
  if (r.isZero()) return '£0.00';
  return r.isNeg() ? formatGbp(r) : `+${formatGbp(r)}`;
}

function bcrChange(now: Decimal | null, then: Decimal | null): string {
  if (now === null || then === null) return '—';
  const d = now.minus(then).toDecimalPlaces(2);
  return d.isZero() ? '0.00' : `${d.isNeg() ? '' : '+'}${ratioText(d)}`;
}

function bandChange(now: VfmCategory | null, then: VfmCategory | null): string {
  if (now === then) return 'No change';
  return `${then ?? 'None'} → ${now ?? 'None'}`;
}

/** "change since baseline" of one view against the baseline: NPV, BCR and band. */
export interface BaselineChange {
  npv: MoneyCell;
  bcr: string;
  band: string;
}

export function changeSinceBaseline(now: ValueFigures, baseline: ValueFigures): BaselineChange {
  const npv = now.npv.minus(baseline.npv);
  return {
    npv: { text: signedGbp(npv), negative: npv.toDecimalPlaces(2).isNeg() },
    bcr: bcrChange(now.bcr, baseline.bcr),
    band: bandChange(now.vfmCategory, baseline.vfmCategory),
  };
}

function column(a: Appraisal) {
  return {
    pvCosts: moneyCell(a.pvCosts),
    pvBenefits: moneyCell(a.pvBenefits),
    npv: moneyCell(a.npv),
    bcr: ratioText(a.bcr),
    band: a.vfmCategory ?? '—',
  };
}

function decisionRow(d: Decision, history: DecisionHistory, riskAdjusted: boolean) {
  const b = history.baselines.get(d.baselineNumber);
  const a = b ? (riskAdjusted ? b.riskAdjusted : b.asProfiled) : null;
  return {
    number: d.baselineNumber,
    kind: DECISION_KIND_LABELS[d.kind],
    decidedOn: formatDate(d.decidedOn),
    decidedBy: d.decidedBy,
    reference: d.reference,
    fundingSource: d.fundingSource,
    reason: d.reasonCode ? REASON_CODE_LABELS[d.reasonCode] : '',
    note: d.note,
    recordedBy: d.recordedBy,
    npv: a ? moneyCell(a.npv) : { text: '—', negative: false },
    bcr: a ? ratioText(a.bcr) : '—',
    band: a?.vfmCategory ?? '—',
    basis: b
      ? `Base year ${fyLabel(b.header.baseFy)}, ${
          b.header.discountRule.kind === 'constant'
            ? `${b.header.discountRule.rate.times(100).toString()}% (${b.header.discountSource === 'project' ? "the project's own rate" : "the organisation's rate"})`
            : 'Green Book schedule'
        }, optimism bias ${b.header.optimismBias.times(100).toString()}%`
      : '',
  };
}

/** The project page's decisions section. `mayDecide`: whether to offer the decision form. */
export function presentDecisionSection(history: DecisionHistory, m: ProjectMetrics, mayDecide: boolean) {
  const code = history.project.code;
  const formHref = `/projects/${encodeURIComponent(code)}/decisions/new`;
  const riskAdjusted = m.settings.riskAdjusted;
  const comparison = m.baseline
    ? {
        baselineLabel: `Baseline ${m.baselineNumber}`,
        baseline: column(m.baseline),
        plan: column(m.businessCase),
        forecast: column(m.forecast),
        planChange: changeSinceBaseline(m.businessCase, m.baseline),
        forecastChange: changeSinceBaseline(m.forecast, m.baseline),
        caption: `Baseline ${m.baselineNumber} (as approved), the current plan (business case) and the forecast as at ${fyLabel(
          m.settings.asAtFy,
        )}, ${riskAdjusted ? 'risk-adjusted' : 'not risk-adjusted'}. The baseline keeps the base year, optimism bias and discount rule it was frozen with; the plan and forecast use today's.`,
      }
    : null;
  return {
    formHref,
    mayDecide,
    approved: history.decisions.length > 0,
    comparison,
    decisions: history.decisions.map((d) => decisionRow(d, history, riskAdjusted)).reverse(),
    riskAdjusted,
  };
}

export type DecisionSection = ReturnType<typeof presentDecisionSection>;
