import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { appForTests } from '../helpers/test-app';
import { binary } from '../helpers/files';
import { aBenefit, aCostLine, aProject, aRealisation, twoDirectorates } from '../helpers/builders';

const { t, web, api } = appForTests({
  web: 'project_manager',
  api: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await twoDirectorates(app.ctx);
    await aProject(app.ctx, { status: 'in_delivery' });
    await aProject(app.ctx, { code: 'RES-001', name: 'Finance system', directorateCode: 'RES' });
    await aCostLine(app.ctx, 'CS-001', { amount: '100000.00' });
    await aCostLine(app.ctx, 'CS-001', { kind: 'actual', amount: '90000.00' });
    await aCostLine(app.ctx, 'RES-001', { amount: '5000.00', year: '2025/26' });
    await aBenefit(app.ctx, 'CS-001', {
      confidence: '0.8',
      profile: [
        { year: '2025/26', amount: '60000.00' },
        { year: '2026/27', amount: '70000.00' },
      ],
    });
    await aRealisation(app.ctx, 'CS-001', 'B1');
  },
});

async function csvRows(url: string): Promise<string[][]> {
  const res = await web.get(url);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  return parse(res.text.replace(/^\ufeff/, '')) as string[][];
}

const QUERY = 'asAt=2026-06-30&riskAdjusted=true';

describe('GET /exports/projects.csv', () => {
  it('gives each project the same headline figures as the portfolio metrics API', async () => {
    const rows = await csvRows(`/exports/projects.csv?${QUERY}`);
    const apiRes = await api.get(`/api/v1/portfolio/metrics?${QUERY}`);
    expect(rows[0].slice(0, 6)).toEqual([
      'project_code',
      'name',
      'directorate_code',
      'status',
      'business_case_npv',
      'business_case_bcr',
    ]);
    expect(rows).toHaveLength(3);
    const cs = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
    const p = apiRes.body.projects.find((x: { code: string }) => x.code === 'CS-001');
    expect(cs).toMatchObject({
      project_code: 'CS-001',
      status: 'in_delivery',
      business_case_npv: p.businessCase.npv,
      business_case_bcr: p.businessCase.bcr ?? '',
      business_case_irr: p.businessCase.irr ?? '',
      forecast_pv_costs: p.forecast.pvCosts,
      realised_to_date: p.realisation.realisedToDate,
      cost_variance: p.costVariance.variance,
    });
    expect(cs.cost_variance).toBe('-10000.00');
  });

  it('takes the metrics API filters and refuses bad ones by name', async () => {
    const rows = await csvRows('/exports/projects.csv?directorate=res');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['RES-001']);
    expect((await csvRows('/exports/projects.csv?status=in_delivery')).slice(1).map((r) => r[0])).toEqual(['CS-001']);
    const bad = await web.get('/exports/projects.csv?asAt=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('asAt: asAt must be a date in the form YYYY-MM-DD');
    expect((await web.get('/exports/projects.csv?status=done')).status).toBe(400);
    expect((await web.get('/exports/projects.csv?directorate=NOPE')).status).toBe(404);
  });
});

describe('GET /exports/metrics', () => {
  it('gives the yearly flows of each view, as the API does', async () => {
    const rows = await csvRows(`/exports/metrics.csv?${QUERY}`);
    const apiRes = await api.get(`/api/v1/portfolio/metrics?${QUERY}`);
    expect(rows[0]).toEqual([
      'view',
      'year',
      'year_index',
      'discount_factor',
      'costs',
      'benefits',
      'net',
      'pv_net',
      'cumulative_net',
      'cumulative_pv_net',
    ]);
    const bc = rows.filter((r) => r[0] === 'business case');
    expect(bc.map((r) => [r[1], r[3], r[4], r[5], r[7]])).toEqual(
      apiRes.body.businessCase.years.map((y: Record<string, string>) => [
        y.year,
        y.discountFactor,
        y.costs,
        y.benefits,
        y.pvNet,
      ]),
    );
    const summary = await csvRows(`/exports/metrics.csv?${QUERY}&table=summary`);
    expect(summary[1].slice(0, 2)).toEqual(['business case', apiRes.body.businessCase.totals.costs]);
    expect(summary[1][8]).toBe(apiRes.body.businessCase.npv);
    expect((await web.get('/exports/metrics.csv?table=nope')).status).toBe(400);
  });

  it('puts every table in one workbook, with the settings used', async () => {
    const res = await web.get(`/exports/metrics.xlsx?${QUERY}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Yearly flows',
      'Cost variance',
      'Realisation',
      'About',
    ]);
    const about = wb.getWorksheet('About')!;
    const items = Object.fromEntries(
      about
        .getSheetValues()
        .slice(2)
        .map((r) => [(r as string[])[1], (r as string[])[2]]),
    );
    expect(items).toMatchObject({
      as_at: '2026-06-30',
      as_at_year: '2026/27',
      risk_adjusted: 'yes',
      filter_riskAdjusted: 'true',
    });
    const flows = wb.getWorksheet('Yearly flows')!;
    expect(flows.getRow(2).getCell(2).value).toBe('2024/25');
    expect(typeof flows.getRow(2).getCell(5).value).toBe('number');
    expect(flows.getRow(2).getCell(5).numFmt).toBe('"£"#,##0.00');
    // Issue 14: the figures a finance partner checks are formulas over the row's cells, with the
    // app's exact results cached (the recalculation itself: npm run test:spreadsheet).
    const second = flows.getRow(3);
    expect(second.getCell(3).value).toBe(1);
    expect([4, 7, 8, 9, 10].map((c) => (second.getCell(c).value as { formula: string }).formula)).toEqual([
      'D2/(1+0.035)',
      'F3-E3',
      'G3*D3',
      'I2+G3',
      'J2+H3',
    ]);
    const apiRes = await api.get(`/api/v1/portfolio/metrics?${QUERY}`);
    const y1 = apiRes.body.businessCase.years[1];
    expect((second.getCell(8).value as { result: number }).result.toFixed(2)).toBe(y1.pvNet);
  });
});

describe('GET /exports', () => {
  it('lists every export in both formats, for any signed-in role, and links the audit trail only for those who may read it', async () => {
    const res = await web.get('/exports?directorate=CS&riskAdjusted=on');
    expect(res.status).toBe(200);
    for (const name of ['projects', 'costs', 'profiles', 'realisations', 'metrics']) {
      expect(res.text).toContain(`href="/exports/${name}.csv`);
      expect(res.text).toContain(`href="/exports/${name}.xlsx`);
    }
    expect(res.text).toContain('href="/exports/projects.csv?directorate=CS&amp;riskAdjusted=on"');
    expect(res.text).toContain('href="/exports/costs.csv"');
    // This client is a project manager: the audit trail is for administrators and scrutiny (issue 14, friction 1).
    expect(res.text).not.toContain('href="/audit"');
  });

  it('explains a bad filter beside the form', async () => {
    const res = await web.get('/exports?from=2024');
    expect(res.status).toBe(400);
    expect(res.text).toContain('from: Enter a financial year like 2024/25');
  });

  it('answers 404 for an unknown export or format, and sends visitors to sign in', async () => {
    expect((await web.get('/exports/people.csv')).status).toBe(404);
    expect((await web.get('/exports/costs.pdf')).status).toBe(404);
    const { default: request } = await import('supertest');
    const anon = await request(t.app).get('/exports/costs.csv');
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toContain('/sign-in');
  });
});
