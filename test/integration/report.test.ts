/**
 * The scrutiny board report (no browser for the HTML; the PDF route drives the server's own
 * headless Chromium when /usr/bin/chromium exists, as it does in CI).
 */
import fs from 'node:fs';
import request from 'supertest';
import { appForTests, createTestApp } from '../helpers/test-app';
import { webClient } from '../helpers/clients';
import { aDirectorate, aThreeProjectPortfolio } from '../helpers/builders';
import { chart } from '../helpers/chart-spec';
import { binary } from '../helpers/files';

const AS_AT = 'asAt=2025-06-30';
const HAS_CHROMIUM = fs.existsSync('/usr/bin/chromium');

/** CS-001 realises 50% (red) with a forecast BCR below 1; CS-002 is healthy; RES-001 overran its plan by 20%. */
const { t, web } = appForTests({
  web: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await aThreeProjectPortfolio(app.ctx);
    await aDirectorate(app.ctx, { code: 'HOU', name: 'Housing' }); // no projects: no section
  },
});

/** One top-level section of the report: from its id to the next section (or the end of the report). */
function section(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`);
  if (at < 0) throw new Error(`No section ${id}`);
  const next = html.indexOf('<section class="app-report__section', at);
  return html.slice(at, next < 0 ? html.indexOf('</article>', at) : next);
}

describe('GET /reports/scrutiny', () => {
  it('has a cover stating the scope, as-at date, discounting rule and price basis', async () => {
    const res = await web.get(`/reports/scrutiny?${AS_AT}`);
    expect(res.status).toBe(200);
    const cover = res.text.slice(res.text.indexOf('class="app-report__cover"'), res.text.indexOf('id="summary"'));
    // The paper's front matter, with its defaults until someone sets them (issue 15).
    expect(cover).toContain('<span class="govuk-caption-l" id="report-organisation">The Council</span>');
    expect(cover).toContain('ICT investment: return and benefits realised');
    expect(cover).toContain('Scrutiny Board, meeting of Not set');
    expect(cover).toContain('id="report-marking">OFFICIAL</strong>');
    expect(cover).toContain('3 projects: all directorates, any status, all years; as at 30 June 2025');
    expect(cover).toContain('30 June 2025 (financial year 2025/26)');
    expect(cover).toContain('To 2024/25 using Green Book discount rate schedule');
    expect(cover).toContain('Prices in real terms');
    expect(cover).toContain('Expected benefits are not risk-adjusted');
    expect(cover).toMatch(/<a class="govuk-button" href="\/reports\/scrutiny.pdf\?asAt=2025-06-30" id="download-pdf"/);
  });

  it('summarises the portfolio with headline figures, the three views and key charts', async () => {
    const res = await web.get(`/reports/scrutiny?${AS_AT}`);
    const summary = section(res.text, 'summary');
    expect(summary).toContain('Portfolio summary');
    // The headline tiles lead the executive summary (page 2 of the paper).
    expect(section(res.text, 'executive-summary')).toMatch(/id="report-headline-invested"[\s\S]*?£180k/);
    expect(summary).toContain('Indicators: business case, forecast and to date');
    for (const id of ['report-benefits', 'report-payback', 'report-npv', 'report-rag'])
      expect(summary).toContain(`<canvas id="${id}"`);
  });

  it('gives each directorate with projects its own section, with its table and charts', async () => {
    const res = await web.get(`/reports/scrutiny?${AS_AT}`);
    const cs = section(res.text, 'directorate-CS');
    expect(cs).toContain('Children&#39;s Services');
    expect(cs).toMatch(/Projects ranked by net present value[\s\S]*CS-002[\s\S]*CS-001/);
    expect(cs).toContain('<canvas id="report-cs-benefits"');
    expect(cs).toContain('<canvas id="report-cs-payback"');
    expect(cs).not.toContain('app-sort-link'); // a printed table has no sort links
    expect(section(res.text, 'directorate-RES')).toContain('Finance system');
    expect(res.text).not.toContain('id="directorate-HOU"');
    // Sections share the portfolio's base year, so the report is consistent throughout.
    expect(cs).toContain('forecast, discounted to 2024/25');
  });

  it("charts in each section the directorate's own aggregate, as the API gives it from the same base year", async () => {
    const res = await web.get(`/reports/scrutiny?${AS_AT}`);
    const api = await web.get(`/api/v1/directorates/CS/metrics?${AS_AT}&baseYear=2024/25`);
    expect(api.status).toBe(200);
    const years = (view: { years: { year: string; benefits: string; costs: string }[] }) => view.years;
    const benefits = chart(res.text, 'report-cs-benefits');
    expect(benefits.labels).toEqual(years(api.body.businessCase).map((y) => y.year));
    expect(benefits.datasets[0].data).toEqual(years(api.body.businessCase).map((y) => Number(y.benefits)));
    let cumulative = 0;
    const payback = chart(res.text, 'report-cs-payback');
    const costs = years(api.body.forecast).map((y) => (cumulative += Number(y.costs)));
    expect(payback.datasets.find((d) => /cost/i.test(d.label))!.data).toEqual(costs);
  });

  it('lists the exceptions: red realisation, BCR below 1 and cost overrun above 10%', async () => {
    const res = await web.get(`/reports/scrutiny?${AS_AT}`);
    const exceptions = section(res.text, 'exceptions');
    expect(exceptions).toContain('2 projects needing attention');
    expect(exceptions).toMatch(
      /CS-001[\s\S]*Red realisation: 50.0% of benefits expected to date[\s\S]*Forecast benefit-cost ratio 0.88 \(below 1\)/,
    );
    expect(exceptions).toMatch(/RES-001[\s\S]*Cost overrun 20.0% \(£10,000.00\) to date/);
    expect(exceptions).not.toContain('CS-002');
  });

  it('ends with a glossary of the indicators', async () => {
    const res = await web.get(`/reports/scrutiny?${AS_AT}`);
    const glossary = section(res.text, 'glossary');
    for (const term of [
      'Net present value (NPV)',
      'Benefit-cost ratio (BCR)',
      'Value-for-money category',
      'Benefits realised',
      'Cost variance',
      'Exceptions',
    ])
      expect(glossary).toContain(term);
  });

  it('takes the dashboard filters: one directorate gives one section', async () => {
    const res = await web.get(`/reports/scrutiny?${AS_AT}&directorate=RES`);
    expect(res.text).toContain('id="directorate-RES"');
    expect(res.text).not.toContain('id="directorate-CS"');
    expect(section(res.text, 'exceptions')).toContain('1 project needing attention');
    expect(res.text).toContain('href="/reports/scrutiny.pdf?asAt=2025-06-30&amp;directorate=RES"');
  });

  it('shows a message for a bad filter, never a 500', async () => {
    const res = await web.get('/reports/scrutiny?from=2030/31&to=2020/21&status=maybe');
    expect(res.status).toBe(200);
    expect(res.text).toContain('The &#34;to&#34; year must be the same as or after the &#34;from&#34; year');
    expect(res.text).toContain('Choose a status from the list');
    expect(res.text).toContain('id="glossary"');
  });

  it('is laid out for print: an A4 stylesheet with page breaks before directorate sections', () => {
    const scss = fs.readFileSync(`${__dirname}/../../public/scss/app/_report.scss`, 'utf8');
    expect(scss).toMatch(/@page\s*{\s*size: A4;/);
    expect(scss).toMatch(/\.app-report__directorate[^{]*{ break-before: page;/);
  });
});

describe('GET /reports/scrutiny.pdf', () => {
  // Both branches are real behaviour: an A4 PDF where the machine has Chromium (as CI does),
  // the print-to-PDF page where it has not. The next test forces the second on any machine.
  it('renders the same report to an A4 PDF with headless Chromium when the server has it', async () => {
    const res = await web.get(`/reports/scrutiny.pdf?${AS_AT}&directorate=RES`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    if (!HAS_CHROMIUM) {
      expect((res.body as Buffer).toString()).toContain('print it from your browser');
      return;
    }
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="scrutiny-report-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595.28 × 841.89 pt; Chromium rounds the page to whole CSS pixels, so allow a point either way (Letter would be 612 × 792).
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[456]\.\d+ 84[123]\.\d+\]/);
  }, 60_000);

  it('without Chromium, explains how to print to PDF from the browser', async () => {
    const bare = await createTestApp({ chromiumPath: '/nonexistent/chromium' });
    try {
      const client = await webClient(bare.app, bare.db, 'scrutiny');
      const res = await client.get(`/reports/scrutiny.pdf?${AS_AT}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('print it from your browser');
      expect((await client.get(`/reports/scrutiny?${AS_AT}`)).text).not.toContain('Download PDF');
    } finally {
      await bare.close();
    }
  });

  it('needs a signed-in user', async () => {
    const res = await request(t.app).get('/reports/scrutiny.pdf');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Freports%2Fscrutiny.pdf');
  });
});
