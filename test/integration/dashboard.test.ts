/**
 * The scrutiny dashboards (no browser): each chart's JSON carries the labels and numbers of a
 * hand calculation on a small known portfolio; filters change the figures; bad filter values give
 * a message, never a 500; every chart has a table alternative; the directorate ranking sorts.
 */
import Decimal from 'decimal.js';
import { appForTests, createTestApp } from '../helpers/test-app';
import { webClient } from '../helpers/clients';
import { aDirectorate, aProject, aThreeProjectPortfolio } from '../helpers/builders';
import { chart, unescape } from '../helpers/chart-spec';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const DF1 = new D(1).dividedBy('1.035'); // Green Book, year 1 (C3)
const DF2 = DF1.dividedBy('1.035');
const plot = (d: Decimal) => Number(d.toFixed(2));
const AS_AT = 'asAt=2025-06-30'; // as-at year 2025/26

/** The hand-worked portfolio of aThreeProjectPortfolio (test/helpers/builders.ts), with CS-001's benefit at 50% confidence. */
const { web } = appForTests({
  web: 'scrutiny',
  per: 'file',
  seed: (app) => aThreeProjectPortfolio(app.ctx, { cs001Confidence: '0.5' }),
});

function tile(html: string, id: string): string {
  const m = new RegExp(`id="${id}"[\\s\\S]*?class="app-tile__value[^"]*" title="([^"]*)">([^<]*)<`).exec(html);
  if (!m) throw new Error(`No tile ${id}`);
  return `${m[2]} (${unescape(m[1])})`;
}

describe('GET / (portfolio dashboard)', () => {
  it('gives each chart the figures of a hand calculation', async () => {
    const res = await web.get(`/?${AS_AT}`);
    expect(res.status).toBe(200);
    // Business case: expected benefits per year; to date: realised up to 2025/26 (C6).
    expect(chart(res.text, 'chart-benefits')).toMatchObject({
      labels: ['2024/25', '2025/26', '2026/27'],
      datasets: [
        {
          label: 'Expected in year',
          data: [0, 190000, 60000],
          formatted: ['£0.00', '£190k (£190,000.00)', '£60k (£60,000.00)'],
        },
        {
          label: 'Realised in year',
          data: [0, 160000, null],
          formatted: ['£0.00', '£160k (£160,000.00)', 'not yet due'],
        },
        { label: 'Cumulative expected', data: [0, 190000, 250000] },
        { label: 'Cumulative realised', data: [0, 160000, null] },
      ],
    });
    // Forecast, undiscounted: actual costs before 2025/26, plans from then.
    expect(chart(res.text, 'chart-payback')).toMatchObject({
      labels: ['2024/25', '2025/26', '2026/27'],
      datasets: [
        { label: 'Cumulative costs', data: [180000, 200000, 200000] },
        { label: 'Cumulative benefits', data: [0, 190000, 250000] },
      ],
    });
  });

  it('gives NPV by directorate from a common base year, adding up to the portfolio NPV', async () => {
    const res = await web.get(`/?${AS_AT}`);
    const cs = new D(110000)
      .times(DF1)
      .plus(new D(60000).times(DF2))
      .minus(new D(120000).plus(new D(20000).times(DF1)));
    const resNpv = new D(80000).times(DF1).minus(60000);
    const npv = chart(res.text, 'chart-npv');
    expect(npv.labels).toEqual(["Children's Services", 'Resources']);
    expect(npv.datasets[0].data).toEqual([plot(cs), plot(resNpv)]);
    expect(npv.datasets[0].pointSeries).toEqual([cs.isNeg() ? 'npvNegative' : 'npvPositive', 'npvPositive']);
    const portfolio = new D(190000)
      .times(DF1)
      .plus(new D(60000).times(DF2))
      .minus(new D(180000).plus(new D(20000).times(DF1)));
    expect(portfolio.toFixed(2)).toBe(cs.plus(resNpv).toFixed(2));
    expect(tile(res.text, 'headline-npv')).toContain(
      `(£${portfolio.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')})`,
    );
    expect(tile(res.text, 'headline-invested')).toBe('£180k (£180,000.00)');
    // Realised £160,000 of £190,000 expected to date: 84.2%, amber.
    expect(tile(res.text, 'headline-realisation')).toBe('84.2% (84.21%)');
    expect(res.text).toMatch(/id="headline-realisation"[\s\S]*?Amber/);
  });

  it('counts projects by value-for-money category and by realisation rating', async () => {
    const res = await web.get(`/?${AS_AT}`);
    // Own forecasts: CS-001 BCR 0.88 (Poor), CS-002 4.83 (Very High), RES-001 1.29 (Low).
    expect(chart(res.text, 'chart-vfm')).toMatchObject({
      labels: ['Very High', 'High', 'Medium', 'Low', 'Poor', 'Negative', 'No category'],
      datasets: [{ data: [1, 0, 0, 1, 1, 0, 0] }],
    });
    // CS-001 realised 50% (red), CS-002 and RES-001 100% (green).
    expect(chart(res.text, 'chart-rag')).toMatchObject({
      labels: ['Green', 'Amber', 'Red', 'No rating'],
      datasets: [{ data: [2, 0, 1, 0], pointSeries: ['green', 'amber', 'red', 'none'] }],
    });
  });

  it('plots each project by whole-life cost and BCR, linking to it', async () => {
    const res = await web.get(`/?${AS_AT}`);
    const bubble = chart(res.text, 'chart-bubble');
    const points = bubble.datasets.flatMap((ds) =>
      ds.data.map((p, i) => ({ ...(p as { x: number; y: number; r: number }), link: ds.links![i], series: ds.label })),
    );
    const bcr = (pvB: Decimal, pvC: Decimal) => Number(pvB.dividedBy(pvC).toFixed(4));
    expect(points).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          x: 130000,
          y: bcr(new D(60000).times(DF1).plus(new D(60000).times(DF2)), new D(110000).plus(new D(20000).times(DF1))),
          link: '/projects/CS-001',
          series: 'Realisation red',
          r: 26,
        }),
        expect.objectContaining({
          x: 10000,
          y: bcr(new D(50000).times(DF1), new D(10000)),
          link: '/projects/CS-002',
          series: 'Realisation green',
          r: 10,
        }),
        expect.objectContaining({
          x: 60000,
          y: bcr(new D(80000).times(DF1), new D(60000)),
          link: '/projects/RES-001',
          series: 'Realisation green',
          r: 19,
        }),
      ]),
    );
    // Radius 4 + 22·√(cost / largest cost), whole pixels: 130k → 26, 10k → 4 + 6.10 → 10, 60k → 4 + 14.95 → 19.
    expect(points).toHaveLength(3);
    // The table alternative lists the same projects as links, largest cost first.
    const table = res.text.slice(res.text.indexOf('id="chart-bubble-table-caption"'));
    expect(table).toMatch(
      /href="\/projects\/CS-001">Case management system \(CS-001\)[\s\S]*href="\/projects\/RES-001"[\s\S]*href="\/projects\/CS-002"/,
    );
  });

  it('gives every chart an accessible name and a table of the same figures', async () => {
    const res = await web.get(`/?${AS_AT}`);
    const canvases = res.text.match(/<canvas [^>]*>/g) ?? [];
    expect(canvases).toHaveLength(6);
    for (const c of canvases)
      expect(c).toMatch(/role="img" aria-label="[^"]{10,}" aria-describedby="chart-[a-z]+-summary"/);
    expect(
      res.text.match(
        /<summary class="govuk-details__summary"><span class="govuk-details__summary-text">Show as table/g,
      ),
    ).toHaveLength(6);
    const benefits = res.text.slice(
      res.text.indexOf('id="chart-benefits-table-caption"'),
      res.text.indexOf('id="chart-payback-figure"'),
    );
    expect(benefits).toMatch(
      /2025\/26<\/th>[\s\S]*?£190,000.00[\s\S]*?£160,000.00[\s\S]*?£190,000.00[\s\S]*?£160,000.00/,
    );
    expect(benefits).toMatch(
      /2026\/27<\/th>[\s\S]*?£60,000.00[\s\S]*?Not yet due[\s\S]*?£250,000.00[\s\S]*?Not yet due/,
    );
    // Chart.js from node_modules, then the page's own script: no CDN, no inline script.
    expect(res.text).toContain(
      '<script src="/vendor/chart.js/chart.umd.min.js"></script><script src="/public/js/charts.js"></script>',
    );
    expect(res.text).not.toMatch(/<script>|<script type="application\/json"|style="/);
  });
});

describe('GET / with filters', () => {
  it('narrows to a directorate: the headline figures change', async () => {
    const all = await web.get(`/?${AS_AT}`);
    const res = await web.get(`/?${AS_AT}&directorate=res`);
    expect(res.status).toBe(200);
    expect(tile(res.text, 'headline-invested')).toBe('£60k (£60,000.00)');
    expect(tile(res.text, 'headline-npv')).not.toBe(tile(all.text, 'headline-npv'));
    expect(res.text).toContain('1 project: Resources, any status, all years');
    expect(chart(res.text, 'chart-npv').labels).toEqual(['Resources']);
    expect(res.text).toMatch(/<option value="RES" selected>/);
  });

  it('narrows by status', async () => {
    const res = await web.get(`/?${AS_AT}&status=live`);
    expect(res.text).toContain('1 project: all directorates, status live');
    expect(chart(res.text, 'chart-payback').datasets[0].data).toEqual([60000, 60000]);
  });

  it('risk-adjusts expected benefits by confidence when asked', async () => {
    const res = await web.get(`/?${AS_AT}&riskAdjusted=true`);
    // CS-001's benefit is 50% confident: £30,000 instead of £60,000 in each year.
    expect(chart(res.text, 'chart-benefits').datasets[0].data).toEqual([0, 160000, 30000]);
    expect(res.text).toContain('benefits risk-adjusted by confidence');
    expect(res.text).toMatch(/id="f-riskAdjusted" name="riskAdjusted" type="checkbox" value="true" checked/);
  });

  it('keeps to a range of financial years', async () => {
    const res = await web.get(`/?${AS_AT}&from=2025-26&to=FY2025/26`);
    const benefits = chart(res.text, 'chart-benefits');
    expect(benefits.labels).toEqual(['2025/26']);
    expect(benefits.datasets.map((d) => d.data)).toEqual([[190000], [160000], [190000], [160000]]);
    const payback = chart(res.text, 'chart-payback');
    expect(payback.labels).toEqual(['2025/26']);
    expect(payback.datasets.map((d) => d.data)).toEqual([[20000], [190000]]);
    expect(res.text).toContain('from 2025/26 to 2025/26');
  });

  it.each([
    ['from=banana', 'From year: Enter a financial year like 2024/25'],
    ['from=2026/27&to=2024/25', 'The &#34;to&#34; year must be the same as or after the &#34;from&#34; year'],
    ['asAt=2025-02-30', 'Enter the as-at date as a real date, like 2026-03-31'],
    ['directorate=ZZ', 'There is no directorate with code ZZ'],
    ['directorate=%3Cscript%3E', 'There is no directorate with code &lt;SCRIPT&gt;'],
    ['status=bogus', 'Choose a status from the list'],
    ['status=live&status=closed', 'Choose one status'],
    ['from=2024/25&from=2025/26', 'Choose one start year'],
  ])('shows a message for %s and the unfiltered figures, never a 500', async (query, message) => {
    const res = await web.get(`/?${query}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain(message);
    expect(res.text).toContain('<title>Error: Portfolio overview');
    expect(res.text).toContain('3 projects: all directorates');
  });
});

describe('GET /directorates/:code (directorate dashboard)', () => {
  function rankedCodes(html: string): string[] {
    const table = html.slice(html.indexOf('class="govuk-table app-table--money app-ranking"'));
    return [...table.slice(0, table.indexOf('</table>')).matchAll(/\((CS-\d{3})\)<\/span><\/th>/g)].map((m) => m[1]);
  }

  it("shows its own projects' charts, with NPV by project", async () => {
    const res = await web.get(`/directorates/CS?${AS_AT}`);
    expect(res.status).toBe(200);
    expect(chart(res.text, 'chart-npv').labels).toEqual(['CS-002', 'CS-001']);
    expect(chart(res.text, 'chart-payback').datasets[0].data).toEqual([120000, 140000, 140000]);
    expect(res.text).toContain('href="/reports/scrutiny?asAt=2025-06-30&amp;directorate=CS"');
  });

  it('ranks by NPV, highest first, by default, marking the sorted column', async () => {
    const res = await web.get(`/directorates/CS?${AS_AT}`);
    expect(rankedCodes(res.text)).toEqual(['CS-002', 'CS-001']);
    expect(res.text).toMatch(
      /aria-sort="descending">\s*<a class="govuk-link app-sort-link" href="\/directorates\/CS\?asAt=2025-06-30&amp;sort=npv&amp;dir=asc#ranking">Net present value/,
    );
    expect(res.text.match(/aria-sort=/g)).toHaveLength(1);
  });

  it.each([
    ['sort=npv&dir=asc', ['CS-001', 'CS-002'], 'Net present value', 'ascending'],
    ['sort=bcr&dir=desc', ['CS-002', 'CS-001'], 'Benefit-cost ratio', 'descending'],
    ['sort=realisation&dir=asc', ['CS-001', 'CS-002'], 'Benefits realised', 'ascending'],
    ['sort=nonsense&dir=sideways', ['CS-002', 'CS-001'], 'Net present value', 'descending'],
  ])('sorts with %s', async (query, order, column, ariaSort) => {
    const res = await web.get(`/directorates/CS?${AS_AT}&${query}`);
    expect(res.status).toBe(200);
    expect(rankedCodes(res.text)).toEqual(order);
    expect(res.text).toMatch(new RegExp(`aria-sort="${ariaSort}">\\s*<a [^>]*>${column}`));
  });

  it('keeps the sort when the filters change, and the filters when the sort changes', async () => {
    const res = await web.get(`/directorates/CS?${AS_AT}&riskAdjusted=true&sort=bcr&dir=asc`);
    expect(res.text).toContain(
      '<input type="hidden" name="sort" value="bcr"><input type="hidden" name="dir" value="asc">',
    );
    expect(res.text).toContain(
      'href="/directorates/CS?asAt=2025-06-30&amp;riskAdjusted=true&amp;sort=npv&amp;dir=desc#ranking"',
    );
  });

  it('shows a message for a bad filter on the directorate page too', async () => {
    const res = await web.get('/directorates/CS?to=2024');
    expect(res.status).toBe(200);
    expect(res.text).toContain('To year: Enter a financial year like 2024/25');
  });
});

describe('GET /projects/:code (project charts)', () => {
  it('charts yearly costs and benefits, cumulative net and each benefit’s realisation', async () => {
    const res = await web.get(`/projects/CS-001?${AS_AT}`);
    expect(res.status).toBe(200);
    expect(chart(res.text, 'chart-project-years')).toMatchObject({
      labels: ['2024/25', '2025/26', '2026/27'],
      datasets: [
        { label: 'Planned cost', data: [100000, 20000, 0] },
        { label: 'Actual cost', data: [110000, 0, 0] },
        { label: 'Expected benefits', data: [0, 60000, 60000] },
        { label: 'Realised benefits', data: [0, 30000, 0] },
      ],
    });
    // Cumulative net, undiscounted: business case (plans) and forecast (actuals before 2025/26).
    expect(chart(res.text, 'chart-project-payback')).toMatchObject({
      datasets: [
        { label: 'Business case', data: [-100000, -60000, 0] },
        { label: 'Forecast', data: [-110000, -70000, -10000] },
      ],
    });
    expect(chart(res.text, 'chart-project-benefits')).toMatchObject({
      labels: ['B1 cashable: 50.0% Red'],
      datasets: [
        { label: 'Expected to date', data: [60000] },
        { label: 'Realised to date', data: [30000] },
      ],
    });
    // The page's forms still work alongside the charts.
    expect(res.text).toContain('Costs and benefits by year');
  });
});

describe('dashboards with nothing to chart', () => {
  it('says so when the filters match no project', async () => {
    const res = await web.get(`/?${AS_AT}&status=cancelled`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('0 projects: all directorates, status cancelled');
    expect(res.text).toContain('No projects match these filters.');
    expect(res.text).not.toContain('<canvas');
  });

  it('shows an empty directorate, and a project with no figures, without charts or errors', async () => {
    const empty = await createTestApp();
    try {
      const client = await webClient(empty.app, empty.db, 'admin');
      await aDirectorate(empty.ctx);
      expect((await client.get('/')).text).toContain('No projects match these filters.');
      expect((await client.get('/directorates/CS')).text).toContain('This directorate has no projects yet.');
      await aProject(empty.ctx);
      const project = await client.get('/projects/CS-001');
      expect(project.status).toBe(200);
      expect(project.text).toContain('No costs or benefits recorded yet.');
      expect(project.text).not.toContain('<canvas');
      expect((await client.get('/reports/scrutiny')).status).toBe(200);
    } finally {
      await empty.close();
    }
  });
});
