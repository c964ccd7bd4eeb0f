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
import { recordDecision } from '../../server/domain/decisions';
import { decisionSchema } from '../../server/validation/decisions.schema';
import { DECIDED_STATUSES, type ProjectStatus } from '../../server/records';

export async function aDirectorate(ctx: Ctx, over: Record<string, unknown> = {}) {
  return createDirectorate(
    ctx,
    parseOrThrow(directorateSchema('api'), { code: 'CS', name: "Children's Services", ...over }),
  );
}

/** The approval a builder records for a project it creates at `approved` or later (C9). */
export const TEST_APPROVAL = {
  decidedOn: '2024-04-01',
  decidedBy: 'CLT',
  reference: 'CLT/TEST/1',
  fundingSource: 'Capital programme',
};

/**
 * A project through createProject. At `approved` or later (approved, in_delivery, live, closed) it
 * brings an approval decision (TEST_APPROVAL unless `decision` is given), as C9 requires: its
 * baseline 1 is then the plan at creation (empty), and benefits added later count their current
 * profile in realisation, as before approval.
 */
export async function aProject(ctx: Ctx, over: Record<string, unknown> = {}) {
  const decided = DECIDED_STATUSES.includes(over.status as ProjectStatus) && !('decision' in over);
  return createProject(
    ctx,
    parseOrThrow(projectSchema('api'), {
      code: 'CS-001',
      name: 'Case management system',
      directorateCode: 'CS',
      startYear: '2024/25',
      ...(decided ? { decision: TEST_APPROVAL } : {}),
      ...over,
    }),
  );
}

/** Records a decision on a project through the domain (an approval unless `kind` says otherwise). */
export async function aDecision(ctx: Ctx, projectCode: string, over: Record<string, unknown> = {}) {
  return recordDecision(
    ctx,
    projectCode,
    parseOrThrow(decisionSchema('api'), { kind: 'approval', ...TEST_APPROVAL, ...over }),
  );
}

/** Directorates CS and RES (Resources). */
export async function twoDirectorates(ctx: Ctx) {
  return [await aDirectorate(ctx), await aDirectorate(ctx, { code: 'RES', name: 'Resources' })];
}

/** Directorate CS and its project CS-001, as the two builders above make them: where most tests start. */
export async function aProjectWithDirectorate(ctx: Ctx, over: Record<string, unknown> = {}) {
  await aDirectorate(ctx);
  return aProject(ctx, over);
}

export async function aCostLine(ctx: Ctx, projectCode: string, over: Record<string, unknown> = {}) {
  return addCostLine(
    ctx,
    projectCode,
    parseOrThrow(costSchema('api'), {
      year: '2024/25',
      kind: 'planned',
      category: 'capital',
      amount: '100000.00',
      ...over,
    }),
  );
}

export async function aBenefit(ctx: Ctx, projectCode: string, over: Record<string, unknown> = {}) {
  return addBenefit(
    ctx,
    projectCode,
    parseOrThrow(benefitSchema('api'), {
      ref: 'B1',
      title: 'Staff time saved',
      type: 'cashable',
      profile: [{ year: '2025/26', amount: '40000.00' }],
      ...over,
    }),
  );
}

export async function aRealisation(ctx: Ctx, projectCode: string, ref: string, over: Record<string, unknown> = {}) {
  return recordRealisation(
    ctx,
    projectCode,
    ref,
    parseOrThrow(realisationSchema('api'), {
      year: '2025/26',
      amount: '30000.00',
      recordedBy: 'Test officer',
      recordedOn: '2026-01-15',
      evidence: 'Ledger extract',
      ...over,
    }),
  );
}

/**
 * A small portfolio worked by hand, all based in 2024/25 with no optimism bias:
 * - CS-001: planned £100,000 (2024/25) + £20,000 (2025/26), actual £110,000 (2024/25); a cashable
 *   benefit (the given confidence) expecting £60,000 in 2025/26 and 2026/27, £30,000 realised in 2025/26.
 * - CS-002: planned and actual £10,000 (2024/25); expects £50,000 in 2025/26, all realised.
 * - RES-001 (live): planned £50,000, actual £60,000 (2024/25, a 20% overrun); expects £80,000 in
 *   2025/26, all realised.
 */
export async function aThreeProjectPortfolio(ctx: Ctx, opts: { cs001Confidence?: string } = {}) {
  await twoDirectorates(ctx);
  await aProject(ctx);
  await aCostLine(ctx, 'CS-001', { year: '2024/25', amount: '100000.00' });
  await aCostLine(ctx, 'CS-001', { year: '2025/26', amount: '20000.00' });
  await aCostLine(ctx, 'CS-001', { year: '2024/25', kind: 'actual', amount: '110000.00' });
  await aBenefit(ctx, 'CS-001', {
    confidence: opts.cs001Confidence ?? '1',
    profile: [
      { year: '2025/26', amount: '60000.00' },
      { year: '2026/27', amount: '60000.00' },
    ],
  });
  await aRealisation(ctx, 'CS-001', 'B1', { year: '2025/26', amount: '30000.00' });
  await aProject(ctx, { code: 'CS-002', name: 'Early help data sharing' });
  await aCostLine(ctx, 'CS-002', { year: '2024/25', amount: '10000.00' });
  await aCostLine(ctx, 'CS-002', { year: '2024/25', kind: 'actual', amount: '10000.00' });
  await aBenefit(ctx, 'CS-002', { profile: [{ year: '2025/26', amount: '50000.00' }] });
  await aRealisation(ctx, 'CS-002', 'B1', { year: '2025/26', amount: '50000.00' });
  await aProject(ctx, { code: 'RES-001', name: 'Finance system', directorateCode: 'RES', status: 'live' });
  await aCostLine(ctx, 'RES-001', { year: '2024/25', amount: '50000.00' });
  await aCostLine(ctx, 'RES-001', { year: '2024/25', kind: 'actual', amount: '60000.00' });
  await aBenefit(ctx, 'RES-001', { profile: [{ year: '2025/26', amount: '80000.00' }] });
  await aRealisation(ctx, 'RES-001', 'B1', { year: '2025/26', amount: '80000.00' });
}
