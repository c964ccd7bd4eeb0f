/**
 * Record snapshots: plain JSON with money as exact strings ("1234.50") and FY labels (C1, C2). The
 * audit trail stores them (domain) and the API returns them (http/presenters/resources-api.ts), so
 * both show a record the same way. Pure, beside records.ts, so both layers import it downward.
 */
import { toApiMoney, toFixedString, type Decimal } from './money';
import { fyLabel } from './financial-year';
import type { Baseline, Benefit, CostLine, Decision, Directorate, ProfileEntry, Project, Realisation } from './records';

export function directorateSnapshot(d: Pick<Directorate, 'code' | 'name'>) {
  return { code: d.code, name: d.name };
}

export function projectSnapshot(
  p: Omit<Project, 'id' | 'directorateId' | 'directorateName' | 'version' | 'createdAt' | 'updatedAt'>,
) {
  return {
    code: p.code,
    name: p.name,
    directorateCode: p.directorateCode,
    description: p.description,
    sponsor: p.sponsor,
    manager: p.manager,
    status: p.status,
    startYear: fyLabel(p.startFy),
    baseYear: fyLabel(p.baseFy),
    discountRate: p.discountRate === null ? null : p.discountRate.toString(),
    optimismBias: p.optimismBias.toString(),
    priority: p.priority,
  };
}

export function costLineSnapshot(c: Omit<CostLine, 'id' | 'projectId' | 'version'>) {
  return {
    year: fyLabel(c.fy),
    kind: c.kind,
    category: c.category,
    funding: c.funding,
    recurrence: c.recurrence,
    amount: toApiMoney(c.amount),
    isCredit: c.isCredit,
    description: c.description,
    reference: c.reference,
  };
}

export function benefitSnapshot(b: Omit<Benefit, 'id' | 'projectId' | 'version'>, profile: ProfileEntry[]) {
  return {
    ref: b.ref,
    title: b.title,
    type: b.type,
    category: b.category,
    isDisbenefit: b.isDisbenefit,
    owner: b.owner,
    measure: b.measure,
    baseline: b.baseline,
    target: b.target,
    unit: b.unit,
    confidence: b.confidence.toString(),
    status: b.status,
    description: b.description,
    serviceFeature: b.serviceFeature,
    enablingActivities: b.enablingActivities,
    profile: profileSnapshot(profile),
  };
}

export function profileSnapshot(profile: ProfileEntry[]) {
  return profile.map((e) => ({ year: fyLabel(e.fy), amount: toApiMoney(e.amount) }));
}

export function realisationSnapshot(
  r: Omit<
    Realisation,
    'id' | 'benefitId' | 'version' | 'createdAt' | 'recordedByUserId' | 'changedByUserId' | 'verification'
  >,
) {
  return {
    year: fyLabel(r.fy),
    amount: r.amount === null ? null : toApiMoney(r.amount),
    value: r.value,
    isCorrection: r.isCorrection,
    evidence: r.evidence,
    recordedBy: r.recordedBy,
    recordedOn: r.recordedOn,
  };
}

/**
 * C9: a decision with what its baseline froze, as the audit trail keeps it (and the API shows it):
 * the figures stay readable after the project and its baselines are deleted.
 */
export function decisionSnapshot(
  d: Omit<Decision, 'id' | 'projectId' | 'createdAt'>,
  b: Baseline,
  headline: { pvCosts: Decimal; pvBenefits: Decimal; npv: Decimal; bcr: Decimal | null; vfmCategory: string | null },
) {
  return {
    kind: d.kind,
    decidedOn: d.decidedOn,
    decidedBy: d.decidedBy,
    reference: d.reference,
    fundingSource: d.fundingSource,
    reasonCode: d.reasonCode,
    note: d.note,
    baselineNumber: d.baselineNumber,
    recordedBy: d.recordedBy,
    baseline: {
      baseYear: fyLabel(b.baseFy),
      optimismBias: b.optimismBias.toString(),
      discountRule:
        b.discountRule.kind === 'constant'
          ? { source: b.discountSource, kind: 'constant', rate: b.discountRule.rate.toString() }
          : { source: b.discountSource, kind: 'green_book' },
      plannedCosts: b.costLines.map((c) => ({
        year: fyLabel(c.fy),
        category: c.category,
        amount: toApiMoney(c.amount),
        isCredit: c.isCredit,
        description: c.description,
      })),
      benefits: b.benefits.map((x) => ({
        ref: x.ref,
        title: x.title,
        type: x.type,
        isDisbenefit: x.isDisbenefit,
        confidence: x.confidence.toString(),
        profile: x.profile.map((p) => ({ year: fyLabel(p.fy), amount: toApiMoney(p.amount) })),
      })),
      headline: {
        pvCosts: toApiMoney(headline.pvCosts),
        pvBenefits: toApiMoney(headline.pvBenefits),
        npv: toApiMoney(headline.npv),
        bcr: toFixedString(headline.bcr, 4),
        vfmCategory: headline.vfmCategory,
      },
    },
  };
}
