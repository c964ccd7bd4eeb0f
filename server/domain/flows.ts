/** Turns stored yearly totals into the engine's ProjectFlows; the sums themselves are the engine's (finance/totals.ts). */
import type { ProjectFlows } from '../finance/types';
import type { BenefitFlowRows, FlowRows } from '../repositories/flows';
import type { Benefit, Project } from '../records';

function projectShell(p: Project): ProjectFlows {
  return { baseFy: p.baseFy, optimismBias: p.optimismBias, costs: [], benefits: [] };
}

function engineBenefit(
  b: Pick<BenefitFlowRows, 'type' | 'isDisbenefit' | 'confidence'>,
  series?: Pick<BenefitFlowRows, 'expected' | 'realised'>,
): ProjectFlows['benefits'][number] {
  return {
    type: b.type,
    disbenefit: b.isDisbenefit,
    confidence: b.confidence,
    expected: series?.expected ?? [],
    realised: series?.realised ?? [],
  };
}

/** Groups flow rows by project, in the shape the finance engine takes. Credits are already negative. */
export function groupFlows(projects: Project[], rows: FlowRows): Map<number, ProjectFlows> {
  const out = new Map<number, ProjectFlows>();
  for (const p of projects) out.set(p.id, projectShell(p));
  for (const c of rows.costs) out.get(c.projectId)?.costs.push({ fy: c.fy, kind: c.kind, amount: c.amount });
  for (const b of rows.benefits) out.get(b.projectId)?.benefits.push(engineBenefit(b, b));
  return out;
}

/**
 * One project's flows with its benefits in the order of `benefits` (the project's benefit records),
 * so `flows.benefits[i]` is the series of `benefits[i]`.
 */
export function projectFlows(project: Project, rows: FlowRows, benefits: Benefit[]): ProjectFlows {
  const flows = projectShell(project);
  for (const c of rows.costs)
    if (c.projectId === project.id) flows.costs.push({ fy: c.fy, kind: c.kind, amount: c.amount });
  const series = new Map(rows.benefits.map((b) => [b.id, b]));
  flows.benefits = benefits.map((b) => engineBenefit(b, series.get(b.id)));
  return flows;
}
