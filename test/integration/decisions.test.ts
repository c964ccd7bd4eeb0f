/**
 * C9 decisions and frozen baselines, worked by hand. Project CS-001, base year 2024/25, the
 * organisation's Green Book rule (3.5%): planned £100,000 in 2024/25 (t = 0); a cashable benefit
 * expecting £60,000 in 2025/26 (t = 1) and 2026/27 (t = 2).
 *   DF(1) = 1/1.035, DF(2) = 1/1.035²; PV benefits = 60,000 × (DF(1) + DF(2)) = £113,981.656514…
 *   NPV = £13,981.66, BCR = 1.1398 (band Low).
 * Adding £20,000 planned in 2024/25 makes the current plan's NPV −£6,018.34 (BCR 0.9498, Poor).
 * At a constant 10%: PV benefits = 60,000/1.1 + 60,000/1.21 = £104,132.23.
 */
import Decimal from 'decimal.js';
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDecision, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { apiClient, webClient } from '../helpers/clients';
import { updateOrgSettings } from '../../server/domain/settings';
import { verifySummaries } from '../../server/domain/summaries';
import { DEFAULT_RAG, DEFAULT_VFM_BANDS } from '../../server/finance';

const APPROVAL = {
  kind: 'approval',
  decidedOn: '2024-05-14',
  decidedBy: 'CLT',
  reference: 'CLT/2024/031',
  fundingSource: 'ICT capital programme',
  note: 'Approved subject to a benefits review at go-live',
};

const { t, api } = appForTests({
  api: 'finance',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    await aProject(app.ctx);
    await aCostLine(app.ctx, 'CS-001', { year: '2024/25', amount: '100000.00' });
    await aBenefit(app.ctx, 'CS-001', {
      profile: [
        { year: '2025/26', amount: '60000.00' },
        { year: '2026/27', amount: '60000.00' },
      ],
    });
  },
});

const metrics = async (q = 'asAt=2025-06-30') => (await api.get(`/api/v1/projects/CS-001/metrics?${q}`)).body;
const portfolio = async (q = 'asAt=2025-06-30') => (await api.get(`/api/v1/portfolio/metrics?${q}`)).body;

async function approve() {
  const res = await api.post('/api/v1/projects/CS-001/decisions').send(APPROVAL);
  expect(res.status).toBe(201);
  return res;
}

async function setOrgRate(rate: string) {
  await updateOrgSettings(
    { ...t.ctx, actor: { ...t.ctx.actor, role: 'admin' } },
    {
      discountRule: { kind: 'constant', rate: new Decimal(rate) },
      rag: DEFAULT_RAG,
      vfmBands: DEFAULT_VFM_BANDS,
      priceBasis: 'real',
    },
  );
}

describe('recording an approval (C9)', () => {
  it('has no baseline before approval, then records the decision, moves the project to approved and freezes baseline 1', async () => {
    const before = await metrics();
    expect(before.baseline).toBeNull();
    expect(before.baselineNumber).toBeNull();

    const res = await approve();
    expect(res.headers.location).toBe('/api/v1/projects/CS-001/baselines/1');
    expect(res.body).toMatchObject({
      kind: 'approval',
      decidedBy: 'CLT',
      reference: 'CLT/2024/031',
      fundingSource: 'ICT capital programme',
      reasonCode: null,
      baselineNumber: 1,
      recordedBy: expect.stringContaining('Test finance'),
    });
    expect((await t.db('projects').where({ code: 'CS-001' }).first()).status).toBe('approved');

    const m = await metrics();
    expect(m.baselineNumber).toBe(1);
    expect(m.baseline).toMatchObject({ npv: '13981.66', bcr: '1.1398', vfmCategory: 'Low', pvCosts: '100000.00' });
    // The same shape as the business case, which equals it until the plan changes.
    expect(Object.keys(m.baseline).sort()).toEqual(Object.keys(m.businessCase).sort());
    expect(m.businessCase.npv).toBe('13981.66');

    const list = (await api.get('/api/v1/projects/CS-001/decisions')).body.decisions;
    expect(list).toHaveLength(1);
    const baselines = (await api.get('/api/v1/projects/CS-001/baselines')).body.baselines;
    expect(baselines).toEqual([
      expect.objectContaining({
        number: 1,
        baseYear: '2024/25',
        optimismBias: '0',
        discountRule: expect.objectContaining({ source: 'organisation', kind: 'green_book' }),
        headline: { pvCosts: '100000.00', pvBenefits: '113981.66', npv: '13981.66', bcr: '1.1398', vfmCategory: 'Low' },
      }),
    ]);
    const one = (await api.get('/api/v1/projects/CS-001/baselines/1')).body;
    expect(one.plannedCosts).toEqual([
      { year: '2024/25', category: expect.any(String), amount: '100000.00', isCredit: false, description: '' },
    ]);
    expect(one.benefits[0]).toMatchObject({
      ref: 'B1',
      type: 'cashable',
      isDisbenefit: false,
      confidence: '1',
      profile: [
        { year: '2025/26', amount: '60000.00' },
        { year: '2026/27', amount: '60000.00' },
      ],
    });
    expect(one.indicators.npv).toBe('13981.66');
    expect((await api.get('/api/v1/projects/CS-001/baselines/2')).status).toBe(404);
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('refuses a second approval, a re-baseline without a reason, and a future decision date', async () => {
    const early = await api
      .post('/api/v1/projects/CS-001/decisions')
      .send({ ...APPROVAL, kind: 'rebaseline', reasonCode: 'rephasing' });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('record the approval before any re-baseline');
    await approve();
    const again = await api.post('/api/v1/projects/CS-001/decisions').send(APPROVAL);
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ field: 'kind' });
    const noReason = await api.post('/api/v1/projects/CS-001/decisions').send({ ...APPROVAL, kind: 'rebaseline' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({
      field: 'reasonCode',
      message: expect.stringContaining('Select the reason for the re-baseline'),
    });
    const future = await api
      .post('/api/v1/projects/CS-001/decisions')
      .send({ ...APPROVAL, kind: 'rebaseline', reasonCode: 'rephasing', decidedOn: '2999-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ field: 'decidedOn' });
    expect(await t.db('decisions').count({ n: '*' }).first()).toMatchObject({ n: 1 });
  });

  it('is for admin and finance within the directorate only', async () => {
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.post('/api/v1/projects/CS-001/decisions').send(APPROVAL)).status).toBe(403);
    await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
    const res = await t.db('directorates').where({ code: 'RES' }).first();
    const scoped = await apiClient(t.app, t.db, 'finance', { directorateIds: [res.id] });
    expect((await scoped.post('/api/v1/projects/CS-001/decisions').send(APPROVAL)).status).toBe(403);
    expect((await scrutiny.get('/api/v1/projects/CS-001/decisions')).status).toBe(200);
  });
});

describe('the baseline does not move with the plan (C9)', () => {
  it('editing a planned cost after approval leaves the baseline NPV unchanged and changes the business case', async () => {
    await approve();
    await aCostLine(t.ctx, 'CS-001', { year: '2024/25', amount: '20000.00' });
    const m = await metrics();
    expect(m.baseline.npv).toBe('13981.66');
    expect(m.businessCase).toMatchObject({ npv: '-6018.34', bcr: '0.9498', vfmCategory: 'Poor' });
    // The portfolio's baseline view is the same sum, from the summaries, on the organisation's basis.
    const p = await portfolio();
    expect(p.baseline.npv).toBe('13981.66');
    expect(p.businessCase.npv).toBe('-6018.34');
    expect(p.projectsWithoutBaseline).toBe(0);
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('cutting a profile after approval leaves the realisation rate unchanged', async () => {
    await approve();
    await aRealisation(t.ctx, 'CS-001', 'B1', { year: '2025/26', amount: '30000.00' });
    // As at 2025/26: expected to date £60,000 (baseline), realised £30,000 → 0.5000, red.
    expect((await metrics()).realisation).toMatchObject({
      expectedToDate: '60000.00',
      realisedToDate: '30000.00',
      ratio: '0.5000',
      rag: 'red',
    });
    const version = (await api.get('/api/v1/projects/CS-001/benefits/B1')).body.version;
    const cut = await api.put('/api/v1/projects/CS-001/benefits/B1/profile').send({
      version,
      profile: [
        { year: '2025/26', amount: '30000.00' },
        { year: '2026/27', amount: '60000.00' },
      ],
    });
    expect(cut.status).toBe(200);
    const m = await metrics();
    expect(m.realisation).toMatchObject({ expectedToDate: '60000.00', ratio: '0.5000', rag: 'red' });
    // The current plan did move: its business case has £30,000 less benefit in 2025/26.
    expect(m.businessCase.pvBenefits).not.toBe(m.baseline.pvBenefits);
    // The aggregate reads the same from the summaries.
    expect((await portfolio()).realisation).toMatchObject({ expectedToDate: '60000.00', ratio: '0.5000' });
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('counts a benefit added after approval at its current profile (it has no baselined one)', async () => {
    await approve();
    await aBenefit(t.ctx, 'CS-001', { ref: 'B2', profile: [{ year: '2025/26', amount: '40000.00' }] });
    await aRealisation(t.ctx, 'CS-001', 'B2', { year: '2025/26', amount: '40000.00' });
    // Expected £60,000 (B1, baseline) + £40,000 (B2, current); realised £40,000 → 0.4000.
    expect((await metrics()).realisation).toMatchObject({ expectedToDate: '100000.00', ratio: '0.4000' });
    expect((await portfolio()).realisation).toMatchObject({ expectedToDate: '100000.00', ratio: '0.4000' });
  });

  it('a re-baseline freezes the edited plan as baseline 2, and baseline 1 still reads as before', async () => {
    await approve();
    await aCostLine(t.ctx, 'CS-001', { year: '2024/25', amount: '20000.00' });
    const res = await api.post('/api/v1/projects/CS-001/decisions').send({
      kind: 'rebaseline',
      decidedOn: '2025-01-20',
      decidedBy: 'Investment board',
      reference: 'IB/2025/004',
      fundingSource: 'ICT capital programme',
      reasonCode: 're_estimate',
      note: 'Supplier quote £20,000 higher',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'rebaseline', baselineNumber: 2, reasonCode: 're_estimate' });
    const m = await metrics();
    expect(m.baselineNumber).toBe(2);
    expect(m.baseline).toMatchObject({ npv: '-6018.34', bcr: '0.9498' });
    expect((await api.get('/api/v1/projects/CS-001/baselines/1')).body.headline.npv).toBe('13981.66');
    expect((await api.get('/api/v1/projects/CS-001/baselines/2')).body.headline.npv).toBe('-6018.34');
    expect((await portfolio()).baseline.npv).toBe('-6018.34');
    // Status stays approved (a re-baseline changes no status).
    expect((await t.db('projects').where({ code: 'CS-001' }).first()).status).toBe('approved');
  });

  it('a re-forecast moves the forecast view but not the business case or the baseline', async () => {
    await approve();
    const today = new Date().toISOString().slice(0, 10);
    const before = await metrics(`asAt=${today}`);
    // This financial year (2026/27 or later): B1's £60,000 becomes £40,000 in the forecast only.
    const year = before.settings.asAtYear;
    const res = await api
      .post('/api/v1/projects/CS-001/benefits/B1/reforecasts')
      .send({ year, amount: '40000.00', note: 'Go-live slipped' });
    expect(res.status).toBe(201);
    const after = await metrics(`asAt=${today}`);
    expect(after.forecast.pvBenefits).not.toBe(before.forecast.pvBenefits);
    expect(after.businessCase.npv).toBe(before.businessCase.npv);
    expect(after.baseline.npv).toBe('13981.66');
    expect(after.baseline.npv).toBe(before.baseline.npv);
  });

  it('keeps the frozen discount rule after the organisation’s settings change', async () => {
    await approve();
    await setOrgRate('0.1');
    const m = await metrics();
    // The baseline still discounts at the Green Book rate it was frozen with ...
    expect(m.baseline.npv).toBe('13981.66');
    expect(m.baselineSettings.discountRule.kind).toBe('green_book');
    // ... while the current plan follows the organisation's new 10%: 104,132.23 − 100,000.
    expect(m.businessCase.npv).toBe('4132.23');
    // A re-baseline now freezes the new rule.
    await api
      .post('/api/v1/projects/CS-001/decisions')
      .send({ ...APPROVAL, kind: 'rebaseline', reasonCode: 'external_factor' });
    expect((await metrics()).baseline.npv).toBe('4132.23');
    expect((await api.get('/api/v1/projects/CS-001/baselines/2')).body.discountRule).toMatchObject({
      source: 'organisation',
      kind: 'constant',
      rate: '0.1',
    });
  });

  it("freezes a project's own rate as its rule", async () => {
    const version = (await api.get('/api/v1/projects/CS-001')).body.version;
    expect((await api.patch('/api/v1/projects/CS-001').send({ version, discountRate: '0.1' })).status).toBe(200);
    await approve();
    const version2 = (await api.get('/api/v1/projects/CS-001')).body.version;
    await api.patch('/api/v1/projects/CS-001').send({ version: version2, discountRate: null });
    const m = await metrics();
    expect(m.baseline.npv).toBe('4132.23');
    expect(m.businessCase.npv).toBe('13981.66');
    expect((await api.get('/api/v1/projects/CS-001/baselines/1')).body.discountRule).toMatchObject({
      source: 'project',
      rate: '0.1',
    });
  });
});

describe('aggregates (C6, C9)', () => {
  it('count the projects without a baseline and sum the baselined ones only', async () => {
    await aProject(t.ctx, { code: 'CS-002', name: 'Unapproved' });
    await aCostLine(t.ctx, 'CS-002', { year: '2024/25', amount: '5000.00' });
    let p = await portfolio();
    expect(p.baseline).toBeNull();
    expect(p.projectsWithoutBaseline).toBe(2);
    await approve();
    p = await portfolio();
    expect(p.projectsWithoutBaseline).toBe(1);
    expect(p.baseline.npv).toBe('13981.66');
    expect(p.businessCase.npv).toBe('8981.66');
  });
});

describe('status changes without a decision are refused on every path (C9)', () => {
  const MESSAGE =
    'CS-001 has no approval decision: record the approval on its decision form (/projects/CS-001/decisions/new)';

  it('the API: PATCH to approved or later is refused, cancelling is not', async () => {
    for (const status of ['approved', 'in_delivery', 'live', 'closed']) {
      const version = (await api.get('/api/v1/projects/CS-001')).body.version;
      const res = await api.patch('/api/v1/projects/CS-001').send({ version, status });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ field: 'status', message: expect.stringContaining(MESSAGE) });
    }
    const version = (await api.get('/api/v1/projects/CS-001')).body.version;
    expect((await api.patch('/api/v1/projects/CS-001').send({ version, status: 'cancelled' })).status).toBe(200);
  });

  it('the API: creating at approved or later needs the inline decision', async () => {
    const body = { code: 'CS-009', name: 'Set-up', directorateCode: 'CS', startYear: '2024/25', status: 'live' };
    const refused = await api.post('/api/v1/projects').send(body);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ field: 'status' });
    const { kind: _kind, ...decision } = APPROVAL;
    const created = await api.post('/api/v1/projects').send({ ...body, decision });
    expect(created.status).toBe(201);
    expect((await api.get('/api/v1/projects/CS-009/decisions')).body.decisions).toHaveLength(1);
  });

  it('the web form: the edit form refuses it with the message and a link to the decision form', async () => {
    const web = await webClient(t.app, t.db, 'finance');
    const row = await t.db('projects').where({ code: 'CS-001' }).first();
    const res = await web
      .post('/projects/CS-001/edit')
      .type('form')
      .send({
        version: String(row.version),
        code: 'CS-001',
        name: 'Case management system',
        directorateCode: 'CS',
        status: 'live',
        startYear: '2024/25',
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('CS-001 has no approval decision');
    expect(res.text).toContain('href="/projects/CS-001/decisions/new"');
    expect((await t.db('projects').where({ code: 'CS-001' }).first()).status).toBe('proposed');
  });

  it('after the decision, the same change goes through', async () => {
    await aDecision(t.ctx, 'CS-001');
    const version = (await api.get('/api/v1/projects/CS-001')).body.version;
    expect((await api.patch('/api/v1/projects/CS-001').send({ version, status: 'live' })).status).toBe(200);
  });

  it('deleting a project keeps its decisions in the audit trail', async () => {
    await approve();
    const version = (await api.get('/api/v1/projects/CS-001')).body.version;
    const admin = await apiClient(t.app, t.db, 'admin');
    expect((await admin.delete('/api/v1/projects/CS-001').set('If-Match', `"${version}"`)).status).toBe(204);
    expect(await t.db('decisions').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    const row = await t.db('audit_log').where({ entity_type: 'project', action: 'deleted' }).first();
    const before = JSON.parse(row.before_json);
    expect(before.decisions).toEqual([
      expect.objectContaining({
        kind: 'approval',
        reference: 'CLT/2024/031',
        baseline: expect.objectContaining({ headline: expect.objectContaining({ npv: '13981.66' }) }),
      }),
    ]);
  });
});
