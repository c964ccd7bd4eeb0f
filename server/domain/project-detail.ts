/** Everything the project page shows, loaded together. */
import * as costLinesRepo from '../repositories/cost-lines';
import * as benefitsRepo from '../repositories/benefits';
import * as realisationsRepo from '../repositories/realisations';
import { getProject } from './projects';
import { simpleTotals, type SimpleTotals } from './flows';
import type { ProjectFlows } from '../finance/types';
import type { BenefitDetail } from './benefits';
import type { Ctx } from './types';
import type { CostLine, Project } from '../records';

export interface ProjectDetail {
  project: Project;
  costLines: CostLine[];
  benefits: BenefitDetail[];
  flows: ProjectFlows;
  totals: SimpleTotals;
}

export async function getProjectDetail(ctx: Ctx, code: string): Promise<ProjectDetail> {
  const project = await getProject(ctx, code);
  const [costLines, benefitRows, realisations] = await Promise.all([
    costLinesRepo.listByProject(ctx.db, project.id),
    benefitsRepo.listByProject(ctx.db, project.id),
    realisationsRepo.listByProject(ctx.db, project.id),
  ]);
  const benefits: BenefitDetail[] = [];
  for (const benefit of benefitRows) {
    benefits.push({ project, benefit, profile: await benefitsRepo.profileByBenefit(ctx.db, benefit.id), realisations: realisations.filter((r) => r.benefitId === benefit.id) });
  }
  const flows: ProjectFlows = {
    baseFy: project.baseFy,
    optimismBias: project.optimismBias,
    costs: costLines.map((c) => ({ fy: c.fy, kind: c.kind, amount: c.amount })),
    benefits: benefits.map((b) => ({
      type: b.benefit.type,
      disbenefit: b.benefit.isDisbenefit,
      confidence: b.benefit.confidence,
      expected: b.profile,
      realised: b.realisations.filter((r) => r.amount !== null).map((r) => ({ fy: r.fy, amount: r.amount! })),
    })),
  };
  return { project, costLines, benefits, flows, totals: simpleTotals(flows) };
}
