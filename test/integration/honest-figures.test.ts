/**
 * Issue 14, "Figures that mislead", on the project page, the calculator and the project metrics API:
 * cost variance only up to the as-at year (C6), no as-at date after today, switching values worded
 * by their sign, the discount rate exactly as entered, and no "0.00 years" payback for an empty project.
 */
import Decimal from 'decimal.js';
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject } from '../helpers/builders';
import { todayUkIso } from '../../server/financial-year';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
/** A C7 ratio string as the page words it: its size as a percentage to 1 decimal place. */
const pct = (ratio: string) => `${new D(ratio).abs().times(100).toFixed(1)}%`;

const { web, api } = appForTests({
  web: 'admin',
  api: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    // CS-002's shape: 8.4% over budget in 2024/25, with £40,000 planned in each of 2026/27 and
    // 2027/28, which are not yet due as at 1 June 2025 (as-at year 2025/26).
    await aProject(app.ctx, { code: 'CS-002', name: 'Social care case management', discountRate: '0.12345' });
    await aCostLine(app.ctx, 'CS-002', { year: '2024/25', amount: '100000.00' });
    await aCostLine(app.ctx, 'CS-002', { year: '2024/25', kind: 'actual', amount: '108400.00' });
    await aCostLine(app.ctx, 'CS-002', { year: '2026/27', amount: '40000.00' });
    await aCostLine(app.ctx, 'CS-002', { year: '2027/28', amount: '40000.00' });
    // Far too little benefit: NPV is negative in every view.
    await aBenefit(app.ctx, 'CS-002', { profile: [{ year: '2025/26', amount: '10000.00' }] });
    await aProject(app.ctx, { code: 'CS-003', name: 'Nothing recorded yet' });
  },
});

const AS_AT = '2025-06-01';

function byYearSection(html: string): string {
  return html.slice(html.indexOf('id="by-year"'), html.indexOf('id="costs"'));
}

/** The cells of the row whose header is `year` in the yearly table, as text. */
function yearRow(html: string, year: string): string[] {
  const row = new RegExp(
    `<th scope="row" class="govuk-table__header">${year.replace('/', '\\/')}</th>([\\s\\S]*?)</tr>`,
  ).exec(byYearSection(html));
  if (!row) throw new Error(`No row for ${year}`);
  return [...row[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
}

function tomorrowUk(): string {
  const d = new Date(`${todayUkIso()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('GET /projects/:code: cost variance by year as at a date (C6)', () => {
  it('shows years after the as-at year with their planned cost and "Not yet due", and totals the variance to date only', async () => {
    const res = await web.get(`/projects/CS-002?asAt=${AS_AT}`);
    expect(res.status).toBe(200);
    // Year: planned, actual, variance, expected benefits, realised benefits.
    expect(yearRow(res.text, '2024/25')).toEqual(['£100,000.00', '£108,400.00', '£8,400.00', '£0.00', '£0.00']);
    expect(yearRow(res.text, '2025/26').slice(0, 3)).toEqual(['£0.00', '£0.00', '£0.00']);
    expect(yearRow(res.text, '2026/27').slice(0, 3)).toEqual(['£40,000.00', '£0.00', 'Not yet due']);
    expect(yearRow(res.text, '2027/28').slice(0, 3)).toEqual(['£40,000.00', '£0.00', 'Not yet due']);
    const total = /Total<br>[\s\S]*?<\/th>([\s\S]*?)<\/tr>/.exec(byYearSection(res.text))!;
    const cells = [...total[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    // Planned and actual are all years; the variance is the to-date figure of the tile, not −£71,600.00.
    expect(cells.slice(0, 3)).toEqual(['£180,000.00', '£108,400.00', '£8,400.00']);
    expect(byYearSection(res.text)).toContain('cost variance to 2025/26');
    expect(res.text).not.toContain('£71,600.00');
    expect(res.text).toMatch(/Cost variance to date[\s\S]*?\+8\.4%[\s\S]*?£8,400\.00/);
  });

  it('counts a year once the as-at date reaches it', async () => {
    const res = await web.get('/projects/CS-002?asAt=2026-04-01');
    expect(yearRow(res.text, '2026/27').slice(0, 3)).toEqual(['£40,000.00', '£0.00', '-£40,000.00']);
    expect(yearRow(res.text, '2027/28')[2]).toBe('Not yet due');
  });
});

describe('GET /api/v1/projects/:code/metrics: cost variance by year (C6, C7)', () => {
  it('lists later years with planned cost and a null variance, and leaves them out of the totals', async () => {
    const res = await api.get(`/api/v1/projects/CS-002/metrics?asAt=${AS_AT}`);
    expect(res.status).toBe(200);
    expect(res.body.costVariance).toEqual({
      planned: '100000.00',
      actual: '108400.00',
      variance: '8400.00',
      varianceRatio: '0.0840',
      byYear: [
        { year: '2024/25', planned: '100000.00', actual: '108400.00', variance: '8400.00', varianceRatio: '0.0840' },
        { year: '2026/27', planned: '40000.00', actual: '0.00', variance: null, varianceRatio: null },
        { year: '2027/28', planned: '40000.00', actual: '0.00', variance: null, varianceRatio: null },
      ],
    });
  });
});

describe('as-at dates after today', () => {
  it('are refused on the project page with a message, the figures shown as at today', async () => {
    const res = await web.get(`/projects/CS-002?asAt=${tomorrowUk()}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('The as-at date must be today or earlier');
    expect(res.text).toContain(`value="${tomorrowUk()}"`);
    expect(res.text).toContain(`placeholder="${todayUkIso()}"`);
  });

  it('are refused by the project metrics API with a 400 naming asAt', async () => {
    const res = await api.get('/api/v1/projects/CS-002/metrics?asAt=2999-01-01');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('asAt');
    expect(res.body.error.message).toBe(`asAt must be today (${todayUkIso()}) or earlier`);
  });

  it('are refused by the portfolio and directorate metrics API too', async () => {
    for (const path of ['/api/v1/portfolio/metrics', '/api/v1/directorates/CS/metrics']) {
      const res = await api.get(`${path}?asAt=${tomorrowUk()}`);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('asAt');
    }
  });

  it('leave today itself accepted', async () => {
    expect((await api.get(`/api/v1/projects/CS-002/metrics?asAt=${todayUkIso()}`)).status).toBe(200);
  });
});

describe('switching values worded by their sign', () => {
  it('says how far benefits would need to rise and costs fall to break even when NPV is negative', async () => {
    const [page, metrics] = await Promise.all([
      web.get(`/projects/CS-002?asAt=${AS_AT}`),
      api.get(`/api/v1/projects/CS-002/metrics?asAt=${AS_AT}`),
    ]);
    const sv = metrics.body.businessCase.switchingValues;
    expect(new D(sv.benefits).isNeg() && new D(sv.costs).isNeg()).toBe(true);
    expect(page.text).toContain(`benefits would need to rise by ${pct(sv.benefits)} to break even`);
    expect(page.text).toContain(`costs would need to fall by ${pct(sv.costs)} to break even`);
    expect(page.text).not.toMatch(/(rise|fall) by -/);
    expect(page.text).not.toContain('Switching value: benefits fall');
  });

  it('shows a dash with the reason when there are no benefits to compare', async () => {
    const res = await web.get(`/projects/CS-003?asAt=${AS_AT}`);
    expect(res.text).toContain('— (no benefits to compare)');
    expect(res.text).toContain('— (no costs to compare)');
  });

  it('words the calculator’s values: room to fall when NPV is positive, a rise needed when negative', async () => {
    const rows = { rowYear: ['2024/25', '2025/26', '2026/27', '2027/28'], rowNonCashable: ['', '', '', ''] };
    const good = await web
      .post('/appraisal')
      .type('form')
      .send({ ...rows, rowCost: ['100', '', '', ''], rowCashable: ['', '40', '40', '40'] });
    // Green Book DFs: PV benefits = 40 × (0.966184 + 0.933511 + 0.901943) = 112.07; NPV 12.07.
    expect(good.text).toMatch(/benefits could fall by 10\.[78]% before NPV reaches zero/);
    expect(good.text).toMatch(/costs could rise by 12\.[01]% before NPV reaches zero/);
    const bad = await web
      .post('/appraisal')
      .type('form')
      .send({ ...rows, rowCost: ['200', '', '', ''], rowCashable: ['', '40', '40', '40'] });
    expect(bad.text).toMatch(/benefits would need to rise by 78\.[45]% to break even/);
    expect(bad.text).toMatch(/costs would need to fall by 44\.0% to break even/);
  });
});

describe('the discount rate as entered', () => {
  it('shows 12.345% in the indicators’ sentence and the project details alike', async () => {
    const res = await web.get(`/projects/CS-002?asAt=${AS_AT}`);
    expect(res.text).toContain('a constant discount rate of 12.345%');
    expect(res.text).toContain('12.345% constant');
    expect(res.text).not.toContain('12.35%');
  });
});

describe('a project with no costs and no benefits', () => {
  it('says so instead of a payback of 0.00 years, while the API keeps C6’s 0', async () => {
    const res = await web.get('/projects/CS-003');
    expect(res.text).toContain('No costs or benefits recorded yet');
    expect(res.text).not.toContain('0.00 years');
    const metrics = await api.get('/api/v1/projects/CS-003/metrics');
    expect(metrics.body.forecast.paybackYears).toBe('0.00');
  });

  it('still shows a real payback for a project with figures', async () => {
    const res = await web.get(`/projects/CS-002?asAt=${AS_AT}`);
    expect(res.text).not.toContain('No costs or benefits recorded yet');
  });
});
