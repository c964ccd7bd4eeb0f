/** Test data through the domain layer (so rules and audit apply), never raw SQL. */
import type { Ctx } from '../../server/domain/types';
import { createDirectorate } from '../../server/domain/directorates';
import { createProject } from '../../server/domain/projects';
import { addCostLine } from '../../server/domain/costs';
import { addBenefit } from '../../server/domain/benefits';
import { recordRealisation } from '../../server/domain/realisations';
import { directorateSchema } from '../../server/validation/directorates.schema';
import { projectSchema } from '../../server/validation/projects.schema';
import { costSchema } from '../../server/validation/costs.schema';
import { benefitSchema } from '../../server/validation/benefits.schema';
import { realisationSchema } from '../../server/validation/realisations.schema';
import { parseOrThrow } from '../../server/validation/fields';

export async function aDirectorate(ctx: Ctx, over: Record<string, unknown> = {}) {
  return createDirectorate(ctx, parseOrThrow(directorateSchema('api'), { code: 'CS', name: "Children's Services", ...over }));
}

export async function aProject(ctx: Ctx, over: Record<string, unknown> = {}) {
  return createProject(ctx, parseOrThrow(projectSchema('api'), { code: 'CS-001', name: 'Case management system', directorateCode: 'CS', startYear: '2024/25', ...over }));
}

export async function aCostLine(ctx: Ctx, projectCode: string, over: Record<string, unknown> = {}) {
  return addCostLine(ctx, projectCode, parseOrThrow(costSchema('api'), { year: '2024/25', kind: 'planned', category: 'capital', amount: '100000.00', ...over }));
}

export async function aBenefit(ctx: Ctx, projectCode: string, over: Record<string, unknown> = {}) {
  return addBenefit(ctx, projectCode, parseOrThrow(benefitSchema('api'), { ref: 'B1', title: 'Staff time saved', type: 'cashable', profile: [{ year: '2025/26', amount: '40000.00' }], ...over }));
}

export async function aRealisation(ctx: Ctx, projectCode: string, ref: string, over: Record<string, unknown> = {}) {
  return recordRealisation(ctx, projectCode, ref, parseOrThrow(realisationSchema('api'), { year: '2025/26', amount: '30000.00', recordedBy: 'Test officer', recordedOn: '2026-01-15', evidence: 'Ledger extract', ...over }));
}
