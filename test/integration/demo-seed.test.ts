import { allProjectRows } from '../../server/domain/project-rows';
import type { Knex } from 'knex';
import { createTestDb } from '../helpers/test-app';
import { createLogger } from '../../server/logger';
import { exactSum, exactSumOf } from '../../server/knex';
import { Decimal } from '../../server/money';
import { type Ctx } from '../../server/domain/types';
import { PROJECT_STATUSES } from '../../server/records';
import { getProjectDetail } from '../../server/domain/project-detail';
import { realisation } from '../../server/finance/realisation';
import { getPortfolioMetrics } from '../../server/domain/metrics';
import { DEMO_ACTOR, seedDemoPortfolio, type DemoSeedCounts } from '../../db/seeds/demo-portfolio';
import { DEMO_PROJECTS } from '../../db/seeds/demo-data';
import { ADDED_SINCE_LAST_EDITION, DEMO_PAPER, lastMeeting } from '../../db/seeds/demo-paper';
import { getChangesSinceLastEdition, getReportPaper, listEditions } from '../../server/domain/report-editions';
import { getDecisionsSinceLastEdition } from '../../server/domain/report-decisions';
import { addDays } from '../../server/domain/review-schedule';
import { todayUkIso } from '../../server/financial-year';

const logger = createLogger({ logLevel: 'silent' });
const CURRENT_FY = 2026; // today is in 2026/27

let db: Knex;
let firstCounts: DemoSeedCounts;
/** How many audit rows the first seed wrote (every write of a seed is audited, whoever it acts as). */
let firstRun: number;

beforeAll(async () => {
  db = await createTestDb();
  await db('settings').insert({ key: 'demo-seed-test', value: '"kept"' });
  firstCounts = await seedDemoPortfolio(db, logger);
  firstRun = Number((await db('audit_log').count({ n: '*' }).first())?.n ?? 0);
  // About 650 writes (with the C9 approvals), each with its C1 check and C8 summary refresh: several seconds
  // on PostgreSQL, far more on a loaded machine.
}, 180_000);

afterAll(async () => {
  await db.destroy();
});

async function count(query: Knex.QueryBuilder): Promise<number> {
  const row = await query.count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

function isTrue(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 't';
}

describe('seedDemoPortfolio', () => {
  it('creates the six directorates with their exact names', async () => {
    const rows = await db('directorates').select('code', 'name').orderBy('code');
    expect(rows).toEqual([
      { code: 'AH', name: 'Adults and Health' },
      { code: 'CD', name: 'City Development' },
      { code: 'CE', name: 'Communities and Environment' },
      { code: 'CS', name: "Children's Services" },
      { code: 'HOU', name: 'Housing' },
      { code: 'RES', name: 'Resources' },
    ]);
  });

  it('returns the counts that are actually in the database', async () => {
    expect(firstCounts).toEqual({
      directorates: await count(db('directorates')),
      projects: await count(db('projects')),
      costLines: await count(db('cost_lines')),
      benefits: await count(db('benefits')),
      realisations: await count(db('realisations')),
    });
  });

  it('creates 20 to 30 projects covering every status, spread over every directorate', async () => {
    const projects = await count(db('projects'));
    expect(projects).toBeGreaterThanOrEqual(20);
    expect(projects).toBeLessThanOrEqual(30);
    const statuses = (await db('projects').distinct('status')).map((r: { status: string }) => r.status).sort();
    expect(statuses).toEqual([...PROJECT_STATUSES].sort());
    const perDirectorate = await db('directorates as d')
      .leftJoin('projects as p', 'p.directorate_id', 'd.id')
      .groupBy('d.code')
      .select('d.code')
      .count({ n: 'p.id' });
    for (const row of perDirectorate) expect(Number(row.n)).toBeGreaterThanOrEqual(3);
  });

  it("puts the Strategic ICT Effectiveness Assessment in Children's Services", async () => {
    const row = await db('projects as p')
      .join('directorates as d', 'd.id', 'p.directorate_id')
      .where('p.name', 'Strategic ICT Effectiveness Assessment')
      .select('p.code', 'd.code as directorate')
      .first();
    expect(row).toEqual({ code: 'CS-001', directorate: 'CS' });
  });

  it('records exactly one dis-benefit, with positive expected amounts', async () => {
    const disbenefits = await db('benefits').select('id', 'type').where('is_disbenefit', true);
    expect(disbenefits).toHaveLength(1);
    expect(disbenefits[0].type).not.toBe('qualitative');
    expect(
      await count(db('benefit_profile').where({ benefit_id: disbenefits[0].id }).where('amount_pence', '>', 0)),
    ).toBeGreaterThan(0);
  });

  it('includes a credit cost line stored negative and flagged, and a negative realisation only as a correction', async () => {
    const credits = await db('cost_lines').where('amount_pence', '<', 0).select('is_credit');
    expect(credits.length).toBeGreaterThanOrEqual(1);
    expect(credits.every((c: { is_credit: unknown }) => isTrue(c.is_credit))).toBe(true);
    const negatives = await db('realisations').where('amount_pence', '<', 0).select('is_correction');
    expect(negatives.length).toBeGreaterThanOrEqual(1);
    expect(negatives.every((r: { is_correction: unknown }) => isTrue(r.is_correction))).toBe(true);
  });

  it('records qualitative realisations as a measured value with no amount, and money ones with an amount', async () => {
    const qualitative = await db('realisations as r')
      .join('benefits as b', 'b.id', 'r.benefit_id')
      .where('b.type', 'qualitative')
      .select('r.value', 'r.amount_pence');
    expect(qualitative.length).toBeGreaterThanOrEqual(1);
    for (const r of qualitative) {
      expect(r.amount_pence).toBeNull();
      expect(r.value).not.toBe('');
    }
    expect(
      await count(
        db('realisations as r')
          .join('benefits as b', 'b.id', 'r.benefit_id')
          .whereNot('b.type', 'qualitative')
          .whereNull('r.amount_pence'),
      ),
    ).toBe(0);
  });

  it('has realisations and actual costs only up to the current financial year', async () => {
    expect(await count(db('realisations').where('fy_start', '>', CURRENT_FY))).toBe(0);
    expect(await count(db('cost_lines').where({ kind: 'actual' }).where('fy_start', '>', CURRENT_FY))).toBe(0);
    expect(await count(db('realisations').where('recorded_on', '>', '2026-11-27'))).toBe(0);
  });

  it("keeps every cost, profile and realisation year on or after its project's base year", async () => {
    expect(
      await count(
        db('cost_lines as c').join('projects as p', 'p.id', 'c.project_id').whereRaw('c.fy_start < p.base_fy'),
      ),
    ).toBe(0);
    const viaBenefit = (table: string) =>
      db(`${table} as x`)
        .join('benefits as b', 'b.id', 'x.benefit_id')
        .join('projects as p', 'p.id', 'b.project_id')
        .whereRaw('x.fy_start < p.base_fy');
    expect(await count(viaBenefit('benefit_profile'))).toBe(0);
    expect(await count(viaBenefit('realisations'))).toBe(0);
    expect(await count(db('projects').whereRaw('base_fy <> start_fy'))).toBeGreaterThanOrEqual(1);
  });

  it('plans between £10,000 and £10,000,000 for every project (integer pence)', async () => {
    const rows: { code: string; pence: string }[] = await db('projects as p')
      .join('cost_lines as c', 'c.project_id', 'p.id')
      .where('c.kind', 'planned')
      .groupBy('p.code')
      .select('p.code', exactSum(db, 'c.amount_pence', 'pence'));
    expect(rows).toHaveLength(await count(db('projects')));
    for (const row of rows) {
      const code = row.code;
      const total = BigInt(exactSumOf(row, 'pence'));
      expect([code, total >= 1_000_000n && total <= 1_000_000_000n]).toEqual([code, true]);
    }
  });

  it('gives proposed, approved and cancelled projects no realisations', async () => {
    const rows = await db('realisations as r')
      .join('benefits as b', 'b.id', 'r.benefit_id')
      .join('projects as p', 'p.id', 'b.project_id')
      .whereIn('p.status', ['proposed', 'approved', 'cancelled'])
      .select('p.code');
    expect(rows).toEqual([]);
  });

  it('includes projects that are on track, behind and well behind on realisation (C6 RAG as at 2026/27)', async () => {
    const ctx: Ctx = { db, actor: DEMO_ACTOR, logger };
    const thresholds = { green: new Decimal('0.9'), amber: new Decimal('0.7') };
    const rags: Record<string, number> = {};
    for (const { code } of await db('projects').select('code')) {
      const detail = await getProjectDetail(ctx, code);
      const r = realisation(detail.flows, CURRENT_FY, thresholds);
      if (r.rag) rags[r.rag] = (rags[r.rag] ?? 0) + 1;
    }
    expect(Object.keys(rags).sort()).toEqual(['amber', 'green', 'red']);
    expect(rags.green).toBeGreaterThanOrEqual(5);
    expect(rags.amber).toBeGreaterThanOrEqual(4);
    expect(rags.red).toBeGreaterThanOrEqual(4);
  });

  it('has business cases a council would approve: most BCRs 1.2 to 4, few below 1, portfolio 1.5 to 2.5 (C6 business case)', async () => {
    const ctx: Ctx = { db, actor: DEMO_ACTOR, logger };
    const m = await getPortfolioMetrics(ctx, {}, { asAt: '2026-11-27', riskAdjusted: false });
    const rows = await allProjectRows(ctx, m, { key: 'code', dir: 'asc' });
    const bcrs = rows.map(({ project, views }) => ({
      code: project.code,
      bcr: views.businessCase.bcr ?? new Decimal(0),
    }));
    const belowOne = bcrs.filter((p) => p.bcr.lt(1));
    expect(belowOne.length).toBeLessThanOrEqual(3);
    const typical = bcrs.filter((p) => p.bcr.gte('1.2') && p.bcr.lte(4));
    expect(typical.length).toBeGreaterThan(bcrs.length / 2);
    const portfolio = m.businessCase.bcr;
    expect(portfolio !== null && portfolio.gte('1.5') && portfolio.lte('2.5')).toBe(true);
  });

  it('approves every approved-or-later project by CLT, re-baselines RES-001 for rephasing, and keeps CD-002 honest after its profile cut (C9)', async () => {
    const undecided = await db('projects as p')
      .whereIn('p.status', ['approved', 'in_delivery', 'live', 'closed'])
      .whereNotExists(
        db('decisions as d').whereRaw('d.project_id = p.id').where('d.kind', 'approval').select(db.raw('1')),
      )
      .select('p.code');
    expect(undecided).toEqual([]);
    const approvals = await db('decisions').where({ kind: 'approval' }).select('decided_by', 'reference');
    expect(approvals.every((d) => d.decided_by === 'CLT' && /^CLT\/\d{4}\/\d{3}$/.test(d.reference))).toBe(true);
    const rebaselines = await db('decisions as d')
      .join('projects as p', 'p.id', 'd.project_id')
      .where('d.kind', 'rebaseline')
      .select('p.code', 'd.reason_code', 'd.baseline_number');
    expect(rebaselines).toEqual([{ code: 'RES-001', reason_code: 'rephasing', baseline_number: 2 }]);
    // CD-002: against its current (cut) profile it would look better than against its baseline.
    const ctx: Ctx = { db, actor: DEMO_ACTOR, logger };
    const flows = (await getProjectDetail(ctx, 'CD-002')).flows;
    const thresholds = { green: new Decimal('0.9'), amber: new Decimal('0.7') };
    const honest = realisation(flows, CURRENT_FY, thresholds).ratio!;
    const flattering = realisation({ ...flows, baseline: null }, CURRENT_FY, thresholds).ratio!;
    expect(honest.lt(flattering)).toBe(true);
  });

  it('audits every write as the demo seed', async () => {
    const rows: { entity_type: string; n: number | string }[] = await db('audit_log')
      .where({ actor_label: 'demo seed' })
      .whereNull('actor_id')
      .groupBy('entity_type')
      .select('entity_type')
      .count({ n: '*' });
    const byType = Object.fromEntries(rows.map((r) => [r.entity_type, Number(r.n)]));
    // C9: each approved (or later) project is approved (a decision, its status set to approved),
    // then moved on to its status; RES-001 is re-baselined and two profiles are replaced.
    const decided = DEMO_PROJECTS.filter((p) => ['approved', 'in_delivery', 'live', 'closed'].includes(p.status!));
    const movedOn = decided.filter((p) => p.status !== 'approved').length;
    expect(byType).toEqual({
      directorate: firstCounts.directorates,
      project: firstCounts.projects + decided.length + movedOn,
      cost_line: firstCounts.costLines,
      benefit: firstCounts.benefits + 2,
      // C10: the demo corrects one verified realisation (a reason, back to unverified).
      realisation: firstCounts.realisations + 1,
      decision: decided.length + 1,
      // Issue 17: each review scheduled (at live or closed, one yearly after the completed closure review), and the two the demo records.
      review: (await count(db('reviews'))) + 2,
      // Issue 19: the council priorities the projects name, and the budget reductions.
      priority: await count(db('priorities')),
      budget_reduction: await count(db('budget_reductions')),
      // Issue 18: the default framework saved once; each assessment created and its answers saved,
      // and each approved one submitted and approved; each improvement action raised.
      assessment_framework: await count(db('assessment_frameworks')),
      assessment:
        2 * (await count(db('assessments'))) + 2 * (await count(db('assessments').where({ status: 'approved' }))),
      improvement_action: await count(db('improvement_actions')),
      // Issue 15: the paper's details saved twice (the last meeting's, then the next one's) and one edition published.
      settings: 2,
      report_edition: 1,
    });
  });

  it('has re-forecasts entered by the demo project manager, in the read model (C9)', async () => {
    const rows: { entered_by: string; note: string }[] = await db('benefit_reforecasts');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.entered_by))).toEqual(new Set(['Priya Manager']));
    expect(await db('project_reforecast_summaries').count({ n: '*' }).first()).not.toMatchObject({ n: 0 });
  });

  it('has realisations at each verification state (C10), verified by the demo finance partner', async () => {
    const rows: { verification_status: string; verification_grade: string | null; n: number | string }[] = await db(
      'realisations',
    )
      .whereNotNull('amount_pence')
      .groupBy('verification_status', 'verification_grade')
      .select('verification_status', 'verification_grade')
      .count({ n: '*' });
    const states = rows.map((r) => `${r.verification_status}/${r.verification_grade ?? ''}`).sort();
    expect(states).toEqual(['unverified/', 'verified/audited', 'verified/estimate', 'verified/management_information']);
    expect(await db('realisations').where({ verification_status: 'verified' }).distinct('verified_by')).toEqual([
      { verified_by: 'Farah Finance' },
    ]);
    const corrected = await db('audit_log')
      .where('summary', 'like', '%was verified; now unverified%')
      .count({ n: '*' });
    expect(Number(corrected[0].n)).toBe(1);
  });

  it('sets the board paper for the next meeting and publishes the last meeting’s edition (issue 15)', async () => {
    const ctx: Ctx = { db, actor: DEMO_ACTOR, logger };
    const today = todayUkIso();
    expect(await getReportPaper(ctx)).toEqual({
      ...DEMO_PAPER,
      meetingDate: addDays(today, 35),
    });
    const { meetingDate, asAt } = lastMeeting(today);
    expect(meetingDate < today && asAt < meetingDate).toBe(true);
    expect(asAt).toMatch(/-(03-31|06-30|09-30|12-31)$/);
    const editions = await listEditions(ctx);
    expect(editions).toHaveLength(1);
    expect(editions[0]).toMatchObject({ asAt, meetingDate, hasPdf: false, publishedBy: 'demo seed' });
    expect(editions[0].paper).toMatchObject({ organisation: 'Kirkholme City Council', meetingDate });

    // Today's report, with the same (default) filters, compares itself with it.
    const filter = { asAt: today, riskAdjusted: false, verifiedOnly: false };
    const changes = (await getChangesSinceLastEdition(ctx, filter))!;
    expect(changes.since.id).toBe(editions[0].id);
    expect(changes.added.map((p) => p.code).sort()).toEqual([...ADDED_SINCE_LAST_EDITION].sort());
    // The re-forecasts and RES-001's re-baseline since have moved the portfolio's forecast.
    expect(changes.headlines[0].then!.npv).not.toBe(changes.headlines[0].now!.npv);
    const decisions = await getDecisionsSinceLastEdition(ctx, filter);
    expect(decisions.decisions.map((d) => [d.projectCode, d.kind, d.baselineNumber])).toEqual([
      ['RES-001', 'rebaseline', 2],
    ]);
  });

  it('gives the same portfolio when run again, keeping settings and the audit history', async () => {
    const auditBefore = await count(db('audit_log'));
    // The second run writes as many audit rows as the first.
    const profileBefore = await count(db('benefit_profile'));
    const second = await seedDemoPortfolio(db, logger);
    expect(second).toEqual(firstCounts);
    expect(await count(db('benefit_profile'))).toBe(profileBefore);
    expect(await count(db('audit_log'))).toBe(auditBefore + firstRun);
    expect(await db('settings').where({ key: 'demo-seed-test' }).first()).toMatchObject({ value: '"kept"' });
  }, 180_000);
});
