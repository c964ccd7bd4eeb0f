import type { BenefitDetail } from '../../domain/benefits';
import { benefitYears } from '../../finance/totals';
import { NO_EVIDENCE, type Benefit, type ProfileEntry, type Realisation } from '../../records';
import { toInputMoney } from '../../money';
import { conflictPresenter, formatDate, formatGbp, fyLabel, moneyCell, toPercentInput } from './format';
import { BENEFIT_STATUS_LABELS, BENEFIT_TYPE_LABELS } from './labels';
import { presentVerification } from './verification';

export interface ProfileRowValues {
  year: string;
  amount: string;
}

export function benefitFormValues(b: Benefit, profile: ProfileEntry[]) {
  return {
    ref: b.ref,
    title: b.title,
    description: b.description,
    type: b.type,
    category: b.category,
    isDisbenefit: b.isDisbenefit ? 'on' : '',
    owner: b.owner,
    measure: b.measure,
    baseline: b.baseline,
    target: b.target,
    unit: b.unit,
    confidence: toPercentInput(b.confidence),
    status: b.status,
    serviceFeature: b.serviceFeature,
    enablingActivities: b.enablingActivities,
    profile: profile.map((e) => ({ year: fyLabel(e.fy), amount: toInputMoney(e.amount) })),
    version: String(b.version),
  };
}

/**
 * The profile table: a row for every year of the project's appraisal period and every year the
 * profile already has, in order, each with its stored amount or empty (an empty amount is skipped
 * on save).
 */
export function profileRowsForYears(years: number[], stored: ProfileEntry[] = []): ProfileRowValues[] {
  const amounts = new Map(stored.map((e) => [e.fy, toInputMoney(e.amount)]));
  const all = [...new Set([...years, ...amounts.keys()])].sort((a, b) => a - b);
  return all.map((fy) => ({ year: fyLabel(fy), amount: amounts.get(fy) ?? '' }));
}

export function presentRealisation(r: Realisation) {
  return {
    id: r.id,
    year: fyLabel(r.fy),
    amount: r.amount === null ? null : moneyCell(r.amount),
    value: r.value,
    isCorrection: r.isCorrection,
    // Rows saved before evidence was required say so, rather than show an empty cell.
    evidence: r.evidence.trim() || NO_EVIDENCE,
    hasEvidence: r.evidence.trim() !== '',
    recordedBy: r.recordedBy,
    recordedOn: formatDate(r.recordedOn),
    // C10
    verification: presentVerification(r.verification),
  };
}

export function presentBenefitDetail(d: BenefitDetail) {
  const b = d.benefit;
  const money = b.type !== 'qualitative';
  const realised = d.realisations.filter((r) => r.amount !== null).map((r) => ({ fy: r.fy, amount: r.amount! }));
  return {
    ref: b.ref,
    title: b.title,
    isMoney: money,
    isDisbenefit: b.isDisbenefit,
    summary: [
      {
        key: 'Type',
        value: `${BENEFIT_TYPE_LABELS[b.type]}${b.isDisbenefit ? ' (dis-benefit: counted as a negative)' : ''}`,
      },
      { key: 'Category', value: b.category || 'Not recorded' },
      { key: 'Status', value: BENEFIT_STATUS_LABELS[b.status] },
      { key: 'Responsible officer', value: b.owner || 'Not recorded' },
      { key: 'Description', value: b.description || 'Not recorded' },
      { key: 'Service feature giving rise to it', value: b.serviceFeature || 'Not recorded' },
      { key: 'Activities needed to secure it', value: b.enablingActivities || 'Not recorded' },
      { key: 'Measure (KPI)', value: b.measure || 'Not recorded' },
      { key: 'Baseline', value: [b.baseline, b.unit].filter(Boolean).join(' ') || 'Not recorded' },
      { key: 'Target', value: [b.target, b.unit].filter(Boolean).join(' ') || 'Not recorded' },
      { key: 'Confidence', value: `${toPercentInput(b.confidence)}%` },
    ],
    years: benefitYears(d.profile, realised).map((y) => ({
      year: fyLabel(y.fy),
      expected: moneyCell(y.expected),
      realised: moneyCell(y.realised),
    })),
    realisations: d.realisations.map(presentRealisation),
  };
}

export const presentBenefitConflict = conflictPresenter<Benefit>((b) => ({
  Reference: b.ref,
  Title: b.title,
  Type: BENEFIT_TYPE_LABELS[b.type],
  Status: BENEFIT_STATUS_LABELS[b.status],
  Confidence: `${toPercentInput(b.confidence)}%`,
}));

export function realisationFormValues(r: Realisation) {
  return {
    year: fyLabel(r.fy),
    amount: r.amount === null ? '' : toInputMoney(r.amount),
    value: r.value,
    isCorrection: r.isCorrection ? 'on' : '',
    evidence: r.evidence,
    recordedBy: r.recordedBy,
    recordedOn: r.recordedOn,
    version: String(r.version),
  };
}

export const presentRealisationConflict = conflictPresenter<Realisation>((r) => ({
  Year: fyLabel(r.fy),
  Amount: r.amount === null ? '—' : formatGbp(r.amount),
  'Measured value': r.value || '—',
  Evidence: r.evidence.trim() || NO_EVIDENCE,
  'Recorded by': r.recordedBy,
}));
