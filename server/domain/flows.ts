/** Turns stored yearly totals into the engine's ProjectFlows; the sums themselves are the engine's (finance/totals.ts). */
import type { BaselineFlows, ProjectFlows } from '../finance/types';
import type { BenefitFlowRows, FlowRows } from '../repositories/flows';
import type { Baseline, Benefit, Project } from '../records';

function projectShell(p: Project, rows?: FlowRows): ProjectFlows {
  const baseline = rows?.baselines?.get(p.id);
  return {
    baseFy: p.baseFy,
    optimismBias: p.optimismBias,
    costs: [],
    benefits: [],
    baseline: baseline ? baselineFlows(baseline) : null,
  };
}

/** C9: a frozen baseline in the shape the finance engine takes. */
export function baselineFlows(b: Baseline): BaselineFlows {
  return {
    number: b.number,
    baseFy: b.baseFy,
    optimismBias: b.optimismBias,
    rule: b.discountRule,
    costs: b.costLines.map((c) => ({ fy: c.fy, amount: c.amount })),
    benefits: b.benefits.map((x) => ({
      sourceId: x.sourceBenefitId,
      type: x.type,
      disbenefit: x.isDisbenefit,
      confidence: x.confidence,
      expected: x.profile.map((p) => ({ fy: p.fy, amount: p.amount })),
    })),
  };
}

function engineBenefit(
  b: Pick<BenefitFlowRows, 'id' | 'type' | 'isDisbenefit' | 'confidence'>,
  series?: Pick<BenefitFlowRows, 'expected' | 'realised'> & Partial<Pick<BenefitFlowRows, 'reforecasts' | 'verified'>>,
): ProjectFlows['benefits'][number] {
  return {
    id: b.id, // C9: tells a baselined benefit from one added since
    type: b.type,
    disbenefit: b.isDisbenefit,
    confidence: b.confidence,
    expected: series?.expected ?? [],
    realised: series?.realised ?? [],
    ...(series?.verified?.length ? { verified: series.verified } : {}),
    ...(series?.reforecasts?.length ? { reforecasts: series.reforecasts } : {}),
  };
}

/** Groups flow rows by project, in the shape the finance engine takes. Credits are already negative. */
export function groupFlows(projects: Project[], rows: FlowRows): Map<number, ProjectFlows> {
  const out = new Map<number, ProjectFlows>();
  for (const p of projects) out.set(p.id, projectShell(p, rows));
  for (const c of rows.costs)
    out.get(c.projectId)?.costs.push({ fy: c.fy, kind: c.kind, amount: c.amount, funding: c.funding });
  for (const b of rows.benefits) out.get(b.projectId)?.benefits.push(engineBenefit(b, b));
  return out;
}

/**
 * One project's flows with its benefits in the order of `benefits` (the project's benefit records),
 * so `flows.benefits[i]` is the series of `benefits[i]`.
 */
export function projectFlows(project: Project, rows: FlowRows, benefits: Benefit[]): ProjectFlows {
  const flows = projectShell(project, rows);
  for (const c of rows.costs)
    if (c.projectId === project.id) flows.costs.push({ fy: c.fy, kind: c.kind, amount: c.amount, funding: c.funding });
  const series = new Map(rows.benefits.map((b) => [b.id, b]));
  flows.benefits = benefits.map((b) => engineBenefit(b, series.get(b.id)));
  return flows;
}
