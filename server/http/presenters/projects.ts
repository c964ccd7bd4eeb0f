import type { ProjectDetail } from '../../domain/project-detail';
import type { Directorate, Project } from '../../records';
import {
  conflictPresenter,
  formatDate,
  formatGbp,
  fyLabel,
  moneyCell,
  notYetDueCell,
  plural,
  toPercentInput,
} from './format';
import {
  BENEFIT_STATUS_LABELS,
  BENEFIT_TYPE_LABELS,
  costClassLabel,
  COST_KIND_LABELS,
  PROJECT_STATUS_LABELS,
} from './labels';
import { presentTotals } from './totals';

export function discountRuleText(p: Pick<Project, 'discountRate'>): string {
  return p.discountRate === null
    ? 'Organisation default (Green Book schedule unless changed in settings)'
    : `${toPercentInput(p.discountRate)}% constant`;
}

function summaryRows(p: Project) {
  return [
    {
      key: 'Directorate',
      value: `${p.directorateName} (${p.directorateCode})`,
      href: `/directorates/${encodeURIComponent(p.directorateCode)}`,
    },
    { key: 'Status', value: PROJECT_STATUS_LABELS[p.status] },
    { key: 'Sponsor', value: p.sponsor || 'Not recorded' },
    { key: 'Project manager', value: p.manager || 'Not recorded' },
    { key: 'Council priority', value: p.priority || 'Not recorded' },
    { key: 'Start year', value: fyLabel(p.startFy) },
    { key: 'Appraisal base year', value: fyLabel(p.baseFy) },
    { key: 'Discount rate', value: discountRuleText(p) },
    { key: 'Optimism bias', value: `${toPercentInput(p.optimismBias)}% on planned costs in the business case` },
  ];
}

export function presentProjectDetail(d: ProjectDetail) {
  const p = d.project;
  return {
    code: p.code,
    name: p.name,
    description: p.description,
    summary: summaryRows(p),
    asAtYear: fyLabel(d.asAtFy),
    years: d.years.map((y) => ({
      year: fyLabel(y.fy),
      plannedCosts: moneyCell(y.plannedCosts),
      actualCosts: moneyCell(y.actualCosts),
      // C6: a year after the as-at year has no variance yet.
      costVariance: y.costVariance === null ? notYetDueCell() : moneyCell(y.costVariance),
      expectedBenefits: moneyCell(y.expectedBenefits),
      realisedBenefits: moneyCell(y.realisedBenefits),
    })),
    totals: { ...presentTotals(d.totals), costVariance: moneyCell(d.costVariance) },
    costLines: d.costLines.map((c) => ({
      id: c.id,
      year: fyLabel(c.fy),
      kind: COST_KIND_LABELS[c.kind],
      category: costClassLabel(c),
      amount: moneyCell(c.amount),
      isCredit: c.isCredit,
      description: c.description,
      reference: c.reference,
    })),
    benefits: d.benefits.map((b) => {
      const money = b.benefit.type !== 'qualitative';
      return {
        ref: b.benefit.ref,
        title: b.benefit.title,
        type: BENEFIT_TYPE_LABELS[b.benefit.type],
        isMoney: money,
        isDisbenefit: b.benefit.isDisbenefit,
        status: BENEFIT_STATUS_LABELS[b.benefit.status],
        owner: b.benefit.owner,
        confidence: `${toPercentInput(b.benefit.confidence)}%`,
        expected: money ? formatGbp(b.expectedTotal) : '—',
        realised: money ? formatGbp(b.realisedTotal) : plural(b.realisations.length, 'measurement'),
      };
    }),
  };
}

export function projectFormValues(p: Project) {
  return {
    code: p.code,
    name: p.name,
    directorateCode: p.directorateCode,
    description: p.description,
    sponsor: p.sponsor,
    manager: p.manager,
    status: p.status,
    startYear: fyLabel(p.startFy),
    baseYear: p.baseFy === p.startFy ? '' : fyLabel(p.baseFy),
    discountRate: toPercentInput(p.discountRate),
    optimismBias: toPercentInput(p.optimismBias),
    priority: p.priority,
    version: String(p.version),
  };
}

export function directorateOptions(list: Directorate[]) {
  return list.map((d) => ({ value: d.code, text: `${d.name} (${d.code})` }));
}

export const presentProjectConflict = conflictPresenter<Project>((p) => ({
  Code: p.code,
  Name: p.name,
  Status: PROJECT_STATUS_LABELS[p.status],
  'Start year': fyLabel(p.startFy),
  'Base year': fyLabel(p.baseFy),
  'Optimism bias': `${toPercentInput(p.optimismBias)}%`,
  'Last changed': formatDate(p.updatedAt),
}));
