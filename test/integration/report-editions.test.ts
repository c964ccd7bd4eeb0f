/**
 * The board paper's details and published editions (issue 15), by page and API, with the changes
 * since the last edition worked by hand. One directorate (RES), everything based in 2024/25, as at
 * 30 June 2025 (as-at year 2025/26), Green Book discounting: DF(1) = 1 / 1.035.
 *
 * Edition 1:
 * - RES-001: planned = actual £60,000 (2024/25); expects £80,000 in 2025/26, £40,000 realised (50%, red).
 * - RES-003: planned = actual £10,000 (2024/25); expects £30,000 in 2025/26, all realised (green);
 *   forecast NPV 30,000/1.035 − 10,000 = £18,985.51, BCR 2.8986 (High).
 * - Portfolio: costs £70,000 in year 0, benefits £110,000 in year 1: NPV 106,280.19 − 70,000 =
 *   £36,280.19; BCR 1.5183 (Medium); realised 70,000 / 110,000 = 0.6364 (red); cost variance £0.
 * Then: RES-001 realises £32,000 more (72,000 / 80,000 = 0.9000, green: its exception is resolved);
 * RES-003 plans and spends £25,000 in 2025/26: NPV 28,985.51 − (10,000 + 24,154.59) = −£5,169.08,
 * BCR 0.8487 (Poor: a new exception, value for money fell from High); RES-002 is added (no flows).
 * - Portfolio now: PV costs 70,000 + 25,000/1.035 = 94,154.59; NPV £12,125.60 (−£24,154.59); BCR
 *   1.1288 (Low); realised 102,000 / 110,000 = 0.9273 (green); cost variance £0 (95,000 each).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { appForTests } from '../helpers/test-app';
import { apiClient, webClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { binary } from '../helpers/files';
import { compareFigures, type ReportFigures } from '../../server/domain/report-editions';

const AS_AT = '2025-06-30';
const HAS_CHROMIUM = fs.existsSync('/usr/bin/chromium');

const { t, web, api } = appForTests({
  web: 'admin',
  api: 'finance',
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx, { code: 'RES', name: 'Resources' });
    await aProject(app.ctx, { code: 'RES-001', name: 'Finance system', directorateCode: 'RES' });
    await aCostLine(app.ctx, 'RES-001', { year: '2024/25', amount: '60000.00' });
    await aCostLine(app.ctx, 'RES-001', { year: '2024/25', kind: 'actual', amount: '60000.00' });
    await aBenefit(app.ctx, 'RES-001', { profile: [{ year: '2025/26', amount: '80000.00' }] });
    await aRealisation(app.ctx, 'RES-001', 'B1', { year: '2025/26', amount: '40000.00' });
    await aProject(app.ctx, { code: 'RES-003', name: 'Payroll portal', directorateCode: 'RES' });
    await aCostLine(app.ctx, 'RES-003', { year: '2024/25', amount: '10000.00' });
    await aCostLine(app.ctx, 'RES-003', { year: '2024/25', kind: 'actual', amount: '10000.00' });
    await aBenefit(app.ctx, 'RES-003', { profile: [{ year: '2025/26', amount: '30000.00' }] });
    await aRealisation(app.ctx, 'RES-003', 'B1', { year: '2025/26', amount: '30000.00' });
  },
});

function section(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`);
  if (at < 0) throw new Error(`No section ${id}`);
  const next = html.indexOf('<section class="app-report__section', at);
  return html.slice(at, next < 0 ? html.length : next);
}

const PAPER = {
  organisation: 'Anytown Borough Council',
  committee: 'Overview and Scrutiny Board',
  meetingDate: '2025-07-17',
  title: 'ICT investment: return and benefits',
  author: 'Head of Digital',
  marking: 'OFFICIAL-SENSITIVE',
  purpose: 'To report the return on ICT investment.',
  recommendations: 'That the Board notes the report.\n\nThat the Board asks for an update in six months.',
  summary: '',
};

describe('the paper’s details', () => {
  it('refuses bad details with a message per field and keeps what was typed (422)', async () => {
    const res = await web
      .post('/reports/paper')
      .type('form')
      .send({ ...PAPER, organisation: '', meetingDate: '17/07/2025', marking: 'SECRET', _csrf: web.csrf });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter the organisation');
    expect(res.text).toContain('Enter the meeting date as a real date, like 2026-03-19');
    expect(res.text).toContain('Select a protective marking');
    expect(res.text).toContain('value="17/07/2025"');
  });

  it('saves them as the defaults every report shows, audited; scrutiny may not change them', async () => {
    const res = await web
      .post('/reports/paper')
      .type('form')
      .send({ ...PAPER, back: `/reports/scrutiny?asAt=${AS_AT}`, _csrf: web.csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/reports/scrutiny?asAt=${AS_AT}&notice=paper-saved`);
    const report = await web.get(`/reports/scrutiny?asAt=${AS_AT}`);
    const cover = section(report.text, 'cover');
    expect(cover).toContain('Anytown Borough Council');
    expect(cover).toContain('Overview and Scrutiny Board, meeting of 17 July 2025');
    expect(cover).toContain('id="report-author">Head of Digital');
    expect(cover).toContain('id="report-marking">OFFICIAL-SENSITIVE');
    expect(report.text).toContain('class="app-report app-report--official-sensitive"');
    const summary = section(report.text, 'executive-summary');
    expect(summary).toContain('<p class="govuk-body">That the Board asks for an update in six months.</p>');
    // The summary left empty is written from the figures.
    expect(summary).toContain(
      'The 2 projects in this report have a forecast net present value of £36.3k and a benefit-cost ratio of 1.52 (medium value for money).',
    );
    const audit = await web.get('/api/v1/audit?entity=settings');
    expect(audit.body.entries[0]).toMatchObject({ entityId: 'reportPaper', summary: 'Board report details updated' });

    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.get('/reports/paper')).status).toBe(403);
    expect((await scrutiny.get(`/reports/scrutiny?asAt=${AS_AT}`)).text).not.toContain('id="publish-edition"');
  }, 30_000);
});

describe('editions', () => {
  let first: { id: number; sha256: string | null };

  it('publishes the report as edition 1 from the page (admin), audited, with its PDF stored', async () => {
    const page = await web.get(`/reports/scrutiny?asAt=${AS_AT}`);
    expect(page.text).toContain('id="publish-edition"');
    expect(section(page.text, 'changes')).toContain(
      'No edition of this report has been published with these filters yet',
    );
    const res = await web.post('/reports/editions').type('form').send({ asAt: AS_AT, _csrf: web.csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/reports/editions/1?notice=edition-published');
    const shown = await web.get('/reports/editions/1');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('ICT investment: return and benefits: edition 1');
    expect(shown.text).toContain('£36,280.19');
    const body = (await api.get('/api/v1/report-editions/1')).body;
    first = { id: 1, sha256: body.pdf?.sha256 ?? null };
    expect(body.figures.portfolio).toEqual({
      directorate: null,
      name: 'All directorates',
      projectCount: 2,
      npv: '36280.19',
      bcr: '1.5183',
      vfmCategory: 'Medium',
      realisation: '0.6364',
      rag: 'red',
      costVariance: '0.00',
      costVarianceRatio: '0.0000',
    });
    expect(body.figures.projects.map((p: { code: string; exceptions: string[] }) => [p.code, p.exceptions])).toEqual([
      ['RES-001', ['red']],
      ['RES-003', []],
    ]);
    expect(body.changesSinceLastEdition).toBeNull();
    expect(body.paper.marking).toBe('OFFICIAL-SENSITIVE');
    if (HAS_CHROMIUM) expect(body.pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await web.get('/api/v1/audit?entity=report_edition');
    expect(audit.body.entries[0]).toMatchObject({ action: 'created', entityId: '1' });
  }, 60_000);

  it('lists it for every role, and its PDF downloads byte for byte as published, by page and API', async () => {
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    const list = await scrutiny.get('/api/v1/report-editions');
    expect(list.status).toBe(200);
    expect(list.body.editions).toHaveLength(1);
    expect(list.body.editions[0]).toMatchObject({ id: 1, asAt: AS_AT, meetingDate: '2025-07-17' });
    const page = await (await webClient(t.app, t.db, 'project_manager')).get('/reports/editions');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/reports/editions/1"');
    if (!HAS_CHROMIUM) return;
    const viaApi = await scrutiny.get('/api/v1/report-editions/1/pdf').buffer(true).parse(binary);
    const viaPage = await web.get('/reports/editions/1.pdf').buffer(true).parse(binary);
    for (const res of [viaApi, viaPage]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(
        crypto
          .createHash('sha256')
          .update(res.body as Buffer)
          .digest('hex'),
      ).toBe(first.sha256);
    }
    expect(Buffer.compare(viaApi.body as Buffer, viaPage.body as Buffer)).toBe(0);
  });

  it('refuses publishing to scrutiny (403) and a bad filter (422)', async () => {
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.post('/api/v1/report-editions').send({ asAt: AS_AT })).status).toBe(403);
    const bad = await api.post('/api/v1/report-editions').send({ asAt: '2025-13-01', colour: 'red' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBeDefined();
    expect((await api.get('/api/v1/report-editions/99')).status).toBe(404);
  });

  it('after adding costs and realisations, gives the changes since edition 1 as worked by hand', async () => {
    await aRealisation(t.ctx, 'RES-001', 'B1', { year: '2025/26', amount: '32000.00' });
    await aCostLine(t.ctx, 'RES-003', { year: '2025/26', amount: '25000.00' });
    await aCostLine(t.ctx, 'RES-003', { year: '2025/26', kind: 'actual', amount: '25000.00' });
    await aProject(t.ctx, { code: 'RES-002', name: 'Asset register', directorateCode: 'RES' });

    const res = await api.get(`/api/v1/reports/scrutiny?asAt=${AS_AT}`);
    expect(res.status).toBe(200);
    const c = res.body.changesSinceLastEdition;
    expect(c.since).toMatchObject({ id: 1, asAt: AS_AT });
    expect(c.projectsAdded).toEqual([{ code: 'RES-002', name: 'Asset register' }]);
    expect(c.projectsClosed).toEqual([]);
    expect(c.projectsCancelled).toEqual([]);
    const portfolio = c.headlines[0];
    expect(portfolio.then).toMatchObject({ npv: '36280.19', bcr: '1.5183', realisation: '0.6364', rag: 'red' });
    expect(portfolio.now).toMatchObject({
      projectCount: 3,
      npv: '12125.60',
      bcr: '1.1288',
      vfmCategory: 'Low',
      realisation: '0.9273',
      rag: 'green',
      costVariance: '0.00',
    });
    expect(c.headlines[1]).toMatchObject({ directorate: 'RES', then: { npv: '36280.19' }, now: { npv: '12125.60' } });
    expect(c.vfmChanged).toEqual([{ code: 'RES-003', name: 'Payroll portal', then: 'High', now: 'Poor' }]);
    expect(c.ragChanged).toEqual([{ code: 'RES-001', name: 'Finance system', then: 'red', now: 'green' }]);
    expect(c.newExceptions).toEqual([{ code: 'RES-003', name: 'Payroll portal', exceptions: ['poorBcr', 'vfmFell'] }]);
    expect(c.resolvedExceptions).toEqual([{ code: 'RES-001', name: 'Finance system', exceptions: ['red'] }]);

    // The paper says the same in words.
    const page = await web.get(`/reports/scrutiny?asAt=${AS_AT}`);
    const changes = section(page.text, 'changes');
    expect(changes).toMatch(
      /Net present value \(forecast\)<\/th><td[^>]*>£36,280.19<\/td><td[^>]*>£12,125.60<\/td><td[^>]*>-£24,154.59</,
    );
    expect(changes).toMatch(/id="changes-added"[\s\S]*Asset register \(RES-002\)/);
    expect(section(page.text, 'exceptions')).toContain('Value for money fell from High to Poor since the last edition');
    expect(section(page.text, 'executive-summary')).toContain('1 project added');
  }, 30_000);

  it('publishes edition 2 through the API (finance), which keeps those changes, while edition 1 is unchanged', async () => {
    const res = await api.post('/api/v1/report-editions').send({ asAt: AS_AT });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/report-editions/2');
    expect(res.body.changesSinceLastEdition.headlines[0].now.npv).toBe('12125.60');
    expect(res.body.changesSinceLastEdition.newExceptions[0].code).toBe('RES-003');
    const one = (await api.get('/api/v1/report-editions/1')).body;
    expect(one.figures.portfolio.npv).toBe('36280.19');
    expect(one.pdf?.sha256 ?? null).toBe(first.sha256);
    // Another filter has no edition of its own yet.
    const other = await api.get(`/api/v1/reports/scrutiny?asAt=${AS_AT}&riskAdjusted=true`);
    expect(other.body.changesSinceLastEdition).toBeNull();
  }, 60_000);
});

describe('compareFigures', () => {
  const project = (code: string, status: string, exceptions: string[] = []) => ({
    code,
    name: code,
    directorateCode: 'CS',
    directorateName: 'CS',
    status,
    npv: '0',
    bcr: null,
    vfm: null,
    realisation: null,
    rag: null,
    costVariance: '0',
    costVarianceRatio: null,
    exceptions,
  });
  const group = {
    code: null,
    name: 'All',
    projectCount: 0,
    npv: '0',
    bcr: null,
    vfm: null,
    realisation: null,
    rag: null,
    costVariance: '0',
    costVarianceRatio: null,
  };
  const figures = (projects: ReturnType<typeof project>[]) =>
    ({ asAt: AS_AT, portfolio: group, directorates: [], projects, comparedWith: null }) as unknown as ReportFigures;

  it('names the projects closed or cancelled since, and an exception that left the report as resolved', () => {
    const since = { id: 1, title: 'T', asAt: AS_AT, publishedAt: '2025-07-01T00:00:00.000Z', meetingDate: null };
    const c = compareFigures(
      since,
      figures([
        project('A', 'live'),
        project('B', 'in_delivery'),
        project('C', 'closed'),
        project('D', 'live', ['red']),
      ]),
      figures([project('A', 'closed'), project('B', 'cancelled'), project('C', 'closed')]),
    );
    expect(c.closed.map((p) => p.code)).toEqual(['A']);
    expect(c.cancelled.map((p) => p.code)).toEqual(['B']);
    expect(c.added).toEqual([]);
    expect(c.resolvedExceptions.map((p) => p.code)).toEqual(['D']);
  });
});
