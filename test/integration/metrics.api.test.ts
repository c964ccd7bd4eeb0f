import Decimal from 'decimal.js';
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const df = (t: number) => new D(1).dividedBy(new D('1.035').pow(t)); // Green Book, years 1–30 (C3)

const { api } = appForTests({
  api: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    // Base 2024/25, optimism bias 20%: planned 100,000 (2024) + 20,000 (2025); actual 110,000 (2024);
    // a cashable benefit at 50% confidence expecting 60,000 in 2025 and 2026, with 30,000 realised in 2025.
    await aProject(app.ctx, { optimismBias: '0.2' });
    await aCostLine(app.ctx, 'CS-001', { year: '2024/25', amount: '100000.00' });
    await aCostLine(app.ctx, 'CS-001', { year: '2025/26', amount: '20000.00' });
    await aCostLine(app.ctx, 'CS-001', { year: '2024/25', kind: 'actual', amount: '110000.00' });
    await aBenefit(app.ctx, 'CS-001', {
      confidence: '0.5',
      profile: [
        { year: '2025/26', amount: '60000.00' },
        { year: '2026/27', amount: '60000.00' },
      ],
    });
    await aRealisation(app.ctx, 'CS-001', 'B1', { year: '2025/26', amount: '30000.00' });
    // A second project elsewhere with its own constant rate, which aggregates must ignore (C6).
    await aDirectorate(app.ctx, { code: 'RES', name: 'Resources' });
    await aProject(app.ctx, { code: 'RES-001', directorateCode: 'RES', startYear: '2023/24', discountRate: '0.1' });
    await aCostLine(app.ctx, 'RES-001', { year: '2023/24', amount: '50000.00' });
    await aBenefit(app.ctx, 'RES-001', { profile: [{ year: '2024/25', amount: '80000.00' }] });
  },
});

describe('GET /api/v1/projects/:code/metrics', () => {
  it('gives the business case, forecast and to-date views as at a date, matching a hand calculation', async () => {
    const res = await api.get('/api/v1/projects/cs-001/metrics?asAt=2025-06-01');
    expect(res.status).toBe(200);
    const { businessCase: bc, forecast: fc, toDate: td } = res.body;
    // Business case: planned × 1.2 (C4) vs expected benefits, all years, not risk-adjusted.
    const bcPvC = new D(120000).plus(new D(24000).times(df(1)));
    const bcPvB = new D(60000).times(df(1)).plus(new D(60000).times(df(2)));
    expect(bc.pvCosts).toBe(bcPvC.toFixed(2));
    expect(bc.pvBenefits).toBe(bcPvB.toFixed(2));
    expect(bc.npv).toBe(bcPvB.minus(bcPvC).toFixed(2));
    expect(bc.bcr).toBe(bcPvB.dividedBy(bcPvC).toFixed(4));
    // Forecast: actuals before 2025/26, plans (no optimism bias) from 2025/26.
    const fcPvC = new D(110000).plus(new D(20000).times(df(1)));
    expect(fc.pvCosts).toBe(fcPvC.toFixed(2));
    expect(fc.npv).toBe(bcPvB.minus(fcPvC).toFixed(2));
    // To date: actual costs vs realised benefits to 2025/26.
    expect(td.totals).toMatchObject({ costs: '110000.00', benefits: '30000.00', net: '-80000.00' });
    expect(res.body.realisation).toEqual({
      expectedToDate: '60000.00',
      realisedToDate: '30000.00',
      ratio: '0.5000',
      rag: 'red',
    });
    expect(res.body.costVariance).toMatchObject({
      planned: '120000.00',
      actual: '110000.00',
      variance: '-10000.00',
      varianceRatio: '-0.0833',
    });
    expect(res.body.settings).toMatchObject({
      asAt: '2025-06-01',
      asAtYear: '2025/26',
      riskAdjusted: false,
      baseYear: '2024/25',
      optimismBias: '0.2',
      discountRule: { kind: 'green_book' },
    });
  });

  it('risk-adjusts expected benefits by confidence when asked', async () => {
    const res = await api.get('/api/v1/projects/CS-001/metrics?asAt=2025-06-01&riskAdjusted=true');
    expect(res.body.businessCase.totals.benefits).toBe('60000.00');
    // Realisation is against the profile as entered, never risk-adjusted (C6).
    expect(res.body.realisation.expectedToDate).toBe('60000.00');
  });

  it('uses the project’s own constant rate on its own metrics', async () => {
    const res = await api.get('/api/v1/projects/RES-001/metrics?asAt=2025-06-01');
    expect(res.body.businessCase.years[1].discountFactor).toBe(new D(1).dividedBy('1.1').toFixed(6));
    expect(res.body.settings.discountRule).toEqual({ kind: 'constant', rate: '0.1' });
  });

  it('answers 404 for an unknown project and 400 for a bad date', async () => {
    expect((await api.get('/api/v1/projects/NOPE/metrics')).status).toBe(404);
    const bad = await api.get('/api/v1/projects/CS-001/metrics?asAt=2025-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('asAt');
  });
});

describe('GET /api/v1/portfolio/metrics', () => {
  it('sums yearly flows across projects and appraises once from the earliest base year with the organisation rule', async () => {
    const res = await api.get('/api/v1/portfolio/metrics?asAt=2025-06-01');
    expect(res.status).toBe(200);
    const bc = res.body.businessCase;
    expect(bc.years[0].year).toBe('2023/24');
    // Costs: RES 50,000 in 2023 (t0); CS 120,000 in 2024 (t1) and 24,000 in 2025 (t2).
    const pvC = new D(50000).plus(new D(120000).times(df(1))).plus(new D(24000).times(df(2)));
    const pvB = new D(80000)
      .times(df(1))
      .plus(new D(60000).times(df(2)))
      .plus(new D(60000).times(df(3)));
    expect(bc.pvCosts).toBe(pvC.toFixed(2));
    expect(bc.pvBenefits).toBe(pvB.toFixed(2));
    expect(bc.bcr).toBe(pvB.dividedBy(pvC).toFixed(4));
    expect(res.body.projects.map((p: { code: string }) => p.code)).toEqual(['CS-001', 'RES-001']);
  });

  it('filters by directorate and honours a named base year', async () => {
    const res = await api.get('/api/v1/portfolio/metrics?asAt=2025-06-01&directorate=cs&baseYear=2023/24');
    expect(res.body.projects).toHaveLength(1);
    expect(res.body.businessCase.years[0]).toMatchObject({ year: '2023/24', costs: '0.00' });
    expect(res.body.settings.baseYear).toBe('2023/24');
  });

  it('refuses a base year after a flow, an unknown status and a reversed year range', async () => {
    const late = await api.get('/api/v1/portfolio/metrics?baseYear=2030/31');
    expect(late.status).toBe(400);
    expect(late.body.error.field).toBe('baseYear');
    expect((await api.get('/api/v1/portfolio/metrics?status=done')).body.error.field).toBe('status');
    expect((await api.get('/api/v1/portfolio/metrics?from=2026/27&to=2024/25')).body.error.field).toBe('to');
  });
});

describe('GET /api/v1/directorates/:code/metrics', () => {
  it('gives the directorate aggregate and 404 for an unknown directorate', async () => {
    const res = await api.get('/api/v1/directorates/RES/metrics?asAt=2025-06-01');
    expect(res.status).toBe(200);
    // Organisation rule (Green Book), not RES-001's own 10% (C6).
    expect(res.body.businessCase.pvBenefits).toBe(new D(80000).times(df(1)).toFixed(2));
    expect((await api.get('/api/v1/directorates/ZZ/metrics')).status).toBe(404);
  });
});
