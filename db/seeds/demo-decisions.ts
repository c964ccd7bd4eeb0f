/**
 * Demo decisions (C9, issue 16). Every demo project at `approved` or later was approved by CLT:
 * it is created as proposed, given its plan, then approved (which freezes baseline 1 from that
 * plan) and moved on to its status, all through the domain. Then two stories scrutiny can follow:
 * - RES-001 was re-baselined for rephasing: its data-led budgeting benefit (B4) slipped a year and
 *   the Investment Board agreed the new phasing as baseline 2.
 * - CD-002: finance later cut B1's profile for the years already past down to what was realised;
 *   the current plan now looks fully realised, but its realisation rate, measured against the
 *   baseline, is unchanged and honest.
 */
import { recordDecision } from '../../server/domain/decisions';
import { getBenefit, replaceBenefitProfile } from '../../server/domain/benefits';
import { getProject, updateProject } from '../../server/domain/projects';
import { currentFy, todayUkIso } from '../../server/financial-year';
import { DECIDED_STATUSES, type ProjectStatus } from '../../server/records';
import { decisionSchema } from '../../server/validation/decisions.schema';
import { parseOrThrow } from '../../server/validation/fields';
import { projectSchema } from '../../server/validation/projects.schema';
import { Decimal, ZERO } from '../../server/money';
import type { Ctx } from '../../server/domain/types';

const schemas = { decision: decisionSchema('api'), project: projectSchema('api') };

/** Whether a demo project at this status is approved first (so created as proposed). */
export function needsApproval(status: unknown): boolean {
  return DECIDED_STATUSES.includes(status as ProjectStatus);
}

/** The day CLT approved a project starting in `startYear` ("2024/25"): in the March before, never after today. */
function approvalDate(startYear: string): string {
  const date = `${startYear.slice(0, 4)}-03-${String(10 + (Number(startYear.slice(2, 4)) % 15)).padStart(2, '0')}`;
  const today = todayUkIso();
  return date > today ? today : date;
}

/**
 * Approves a demo project created as proposed, with its plan in place (baseline 1 is that plan),
 * then moves it to the status the demo data gives it.
 */
export async function approveDemoProject(
  ctx: Ctx,
  project: Record<string, unknown> & { code: string; startYear: string; status?: unknown },
  sequence: number,
): Promise<void> {
  const decidedOn = approvalDate(project.startYear);
  await recordDecision(
    ctx,
    project.code,
    parseOrThrow(schemas.decision, {
      kind: 'approval',
      decidedOn,
      decidedBy: 'CLT',
      reference: `CLT/${decidedOn.slice(0, 4)}/${String(sequence).padStart(3, '0')}`,
      fundingSource: 'ICT capital programme, subject to funding provision',
      note: 'Approved on the full business case.',
    }),
  );
  if (project.status === 'approved') return;
  const current = await getProject(ctx, project.code);
  await updateProject(ctx, project.code, current.version, parseOrThrow(schemas.project, project));
}

/** The two C9 stories: a re-baseline for rephasing, and a profile cut that leaves realisation honest. */
export async function seedDemoDecisions(ctx: Ctx): Promise<void> {
  // RES-001 B4 slips a year: each year's amount moves to the year after; the board agrees it.
  const res = await getBenefit(ctx, 'RES-001', 'B4');
  await replaceBenefitProfile(ctx, 'RES-001', 'B4', res.benefit.version, {
    profile: res.profile.map((p) => ({ year: p.fy + 1, amount: p.amount })),
  });
  await recordDecision(
    ctx,
    'RES-001',
    parseOrThrow(schemas.decision, {
      kind: 'rebaseline',
      decidedOn: `${currentFy()}-09-17` > todayUkIso() ? todayUkIso() : `${currentFy()}-09-17`,
      decidedBy: 'Investment Board',
      reference: `IB/${currentFy()}/017`,
      fundingSource: 'ICT capital programme, subject to funding provision',
      reasonCode: 'rephasing',
      note: 'Data-led budgeting (B4) moves a year later: the finance system upgrade it depends on slipped. Totals unchanged.',
    }),
  );

  // CD-002 B1: finance trims the expected profile of the years already past to what was realised.
  const cd = await getBenefit(ctx, 'CD-002', 'B1');
  const realised = new Map<number, Decimal>();
  for (const r of cd.realisations) if (r.amount) realised.set(r.fy, (realised.get(r.fy) ?? ZERO).plus(r.amount));
  const now = currentFy();
  await replaceBenefitProfile(ctx, 'CD-002', 'B1', cd.benefit.version, {
    profile: cd.profile.map((p) => ({
      year: p.fy,
      amount: p.fy < now && realised.has(p.fy) && realised.get(p.fy)!.lt(p.amount) ? realised.get(p.fy)! : p.amount,
    })),
  });
}
