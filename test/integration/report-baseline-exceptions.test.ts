/**
 * The board paper's exception "forecast value for money fell a band since the baseline or the last
 * edition" (issue 15, C9), worked by hand. One directorate (RES); every project starts in 2026/27
 * (base year, t = 0) and expects its benefits in 2027/28 (t = 1, DF = 1 / 1.035); as at today
 * (2026/27) the forecast is the plan as entered (no optimism bias) and the baseline view the frozen
 * business case (optimism bias 0 here), so both are PV benefits / PV costs:
 * - RES-010, approved 15 April 2026 with £100,000 planned and £250,000 expected: baseline BCR
 *   241,545.89 / 100,000 = 2.4155 (High). £80,000 more is planned in 2027/28 since: forecast PV
 *   costs 100,000 + 77,294.69 = 177,294.69, BCR 1.3624 (Low): fell since the baseline.
 * - RES-011, approved with £50,000 planned and £150,000 expected: BCR 2.8986 (High) both: no exception.
 *   After an edition, £100,000 more is planned in 2027/28: BCR 144,927.54 / 146,618.36 = 0.9885
 *   (Poor): below 1, and fell since the baseline and since the edition.
 * - RES-012, approved with £100,000 planned and £150,000 expected (baseline 1: 1.4493, Low), then
 *   re-baselined on 1 September 2026 at £400,000 (baseline 2: 3.8647, High), then cut to £190,000:
 *   forecast 1.8357 (Medium). Higher than baseline 1, but the latest baseline is the one that counts.
 * - RES-013, proposed (no baseline): £100,000 planned, £50,000 expected, BCR 0.4831 (Poor): below 1 only.
 */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDecision, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { getBenefit, replaceBenefitProfile } from '../../server/domain/benefits';
import { getReportFigures, publishEdition } from '../../server/domain/report-editions';
import { todayIso } from '../../server/financial-year';
import { formatDate } from '../../server/http/presenters/format';
import type { Ctx } from '../../server/domain/types';
import { Decimal, toFixedString } from '../../server/money';

// About 25 audited writes with their summary refreshes: seconds on PostgreSQL on a loaded machine.
jest.setTimeout(30_000);

const { t, web, api } = appForTests({
  web: 'scrutiny',
  api: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    const ctx = app.ctx;
    await aDirectorate(ctx, { code: 'RES', name: 'Resources' });
    const plan = async (code: string, name: string, cost: string, benefit: string) => {
      await aProject(ctx, { code, name, directorateCode: 'RES', startYear: '2026/27' });
      await aCostLine(ctx, code, { year: '2026/27', amount: cost });
      await aBenefit(ctx, code, { profile: [{ year: '2027/28', amount: benefit }] });
    };
    await plan('RES-010', 'Repairs app', '100000.00', '250000.00');
    await aDecision(ctx, 'RES-010', { decidedOn: '2026-04-15' });
    await aCostLine(ctx, 'RES-010', { year: '2027/28', amount: '80000.00' });

    await plan('RES-011', 'Payments portal', '50000.00', '150000.00');
    await aDecision(ctx, 'RES-011', { decidedOn: '2026-05-01' });

    await plan('RES-012', 'Booking system', '100000.00', '150000.00');
    await aDecision(ctx, 'RES-012', { decidedOn: '2026-04-01' });
    await reprofile(ctx, 'RES-012', '400000.00');
    await aDecision(ctx, 'RES-012', {
      kind: 'rebaseline',
      reasonCode: 'scope_change',
      decidedOn: '2026-09-01',
      note: 'Scope widened',
    });
    await reprofile(ctx, 'RES-012', '190000.00');

    await plan('RES-013', 'Asset tracker', '100000.00', '50000.00');
  },
});

async function reprofile(ctx: Ctx, code: string, amount: string): Promise<void> {
  const b = await getBenefit(ctx, code, 'B1');
  await replaceBenefitProfile(ctx, code, 'B1', b.benefit.version, {
    profile: [{ year: 2027, amount: new Decimal(amount) }],
  });
}

const FILTER = { asAt: todayIso(), riskAdjusted: false, verifiedOnly: false };

function exceptionsOf(figures: Awaited<ReturnType<typeof getReportFigures>>) {
  return Object.fromEntries(
    figures.projects.map((p) => [
      p.code,
      { bcr: p.bcr === null ? null : toFixedString(new Decimal(p.bcr), 4), vfm: p.vfm, why: p.exceptions },
    ]),
  );
}

function section(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`);
  if (at < 0) throw new Error(`No section ${id}`);
  const next = html.indexOf('<section class="app-report__section', at);
  return html.slice(at, next < 0 ? html.length : next);
}

describe('value for money fell a band since the baseline', () => {
  it('names the projects whose forecast band is below their latest baseline’s, from stored and computed rows alike', async () => {
    // The default view reads stored headlines; a year filter computes every row from the series.
    for (const f of [FILTER, { ...FILTER, fromFy: 2026 }]) {
      const figures = await getReportFigures(t.ctx, f);
      const by = exceptionsOf(figures);
      expect(by['RES-010']).toEqual({ bcr: '1.3624', vfm: 'Low', why: ['vfmBelowBaseline'] });
      expect(by['RES-011']).toEqual({ bcr: '2.8986', vfm: 'High', why: [] });
      expect(by['RES-012']).toEqual({
        bcr: '1.8357',
        vfm: 'Medium',
        why: ['vfmBelowBaseline'],
      });
      expect(by['RES-013']).toEqual({ bcr: '0.4831', vfm: 'Poor', why: ['poorBcr'] });
      const res010 = figures.projects.find((p) => p.code === 'RES-010')!;
      expect(res010.vfmBaseline).toEqual({ band: 'High', number: 1, decidedOn: '2026-04-15' });
      const res012 = figures.projects.find((p) => p.code === 'RES-012')!;
      expect(res012.vfmBaseline).toEqual({ band: 'High', number: 2, decidedOn: '2026-09-01' });
    }
  });

  it('says so on the paper, with the day the baseline was approved', async () => {
    const page = await web.get('/reports/scrutiny');
    expect(page.status).toBe(200);
    const exceptions = section(page.text, 'exceptions');
    expect(exceptions).toContain('Value for money fell from High to Low since the baseline (approved 15 April 2026)');
    expect(exceptions).toContain(
      'Value for money fell from High to Medium since the baseline (re-baseline 2, approved 1 September 2026)',
    );
    expect(exceptions).not.toContain('Payments portal');
    expect(section(page.text, 'executive-summary')).toMatch(
      /Value for money fell a band since the baseline: <strong>2<\/strong>/,
    );
  });
});

describe('value for money fell a band since the last edition', () => {
  it('lists a project that fell since both, saying since when, and the edition keeps the bands compared', async () => {
    const edition = await publishEdition(t.ctx, FILTER, null);
    await aCostLine(t.ctx, 'RES-011', { year: '2027/28', amount: '100000.00' });

    const figures = await getReportFigures(t.ctx, FILTER);
    expect(exceptionsOf(figures)['RES-011']).toEqual({
      bcr: '0.9885',
      vfm: 'Poor',
      why: ['poorBcr', 'vfmFell', 'vfmBelowBaseline'],
    });
    const page = await web.get('/reports/scrutiny');
    const exceptions = section(page.text, 'exceptions');
    const published = formatDate(edition.publishedAt.slice(0, 10));
    expect(exceptions).toContain(`Value for money fell from High to Poor since the last edition (${published})`);
    expect(exceptions).toContain('Value for money fell from High to Poor since the baseline (approved 1 May 2026)');

    const second = await publishEdition(t.ctx, FILTER, null);
    const body = (await api.get(`/api/v1/report-editions/${second.id}`)).body;
    const res011 = body.figures.projects.find((p: { code: string }) => p.code === 'RES-011');
    expect(res011).toMatchObject({
      bcr: '0.9885',
      vfmCategory: 'Poor',
      exceptions: ['poorBcr', 'vfmFell', 'vfmBelowBaseline'],
      vfmAtLastEdition: 'High',
      vfmAtBaseline: { vfmCategory: 'High', baselineNumber: 1, decidedOn: '2026-05-01' },
    });
    expect(body.changesSinceLastEdition.newExceptions).toEqual([
      { code: 'RES-011', name: 'Payments portal', exceptions: ['poorBcr', 'vfmFell', 'vfmBelowBaseline'] },
    ]);
  }, 30_000);
});

describe('decisions since the last edition', () => {
  it('lists the approvals and re-baselines recorded since the latest edition, newest decision first', async () => {
    // Editions 1 and 2 were published above, after every decision of the seed.
    let page = await web.get('/reports/scrutiny');
    expect(section(page.text, 'decisions')).toContain(
      `No approval or re-baseline has been recorded since edition 2 was published on ${formatDate(todayIso())}.`,
    );
    await aProject(t.ctx, { code: 'RES-014', name: 'Scanning service', directorateCode: 'RES', startYear: '2026/27' });
    await aDecision(t.ctx, 'RES-014', { decidedOn: '2026-06-02', decidedBy: 'CLT', reference: 'CLT/2026/044' });
    await aDecision(t.ctx, 'RES-010', {
      kind: 'rebaseline',
      reasonCode: 're_estimate',
      decidedOn: '2026-07-09',
      decidedBy: 'Investment Board',
      reference: 'IB/2026/009',
      note: 'Second phase costed',
    });
    page = await web.get('/reports/scrutiny');
    const decisions = section(page.text, 'decisions');
    expect(decisions).toContain(`2 decisions recorded since edition 2 was published on ${formatDate(todayIso())}.`);
    const rows = [
      ...decisions.slice(decisions.indexOf('<tbody')).matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g),
    ].map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(rows).toEqual([
      'Repairs app (RES-010) Resources Re-baseline to baseline 2: re-estimate Second phase costed 9 July 2026, Investment Board (IB/2026/009)',
      'Scanning service (RES-014) Resources Approval (baseline 1) 2 June 2026, CLT (CLT/2026/044)',
    ]);
    // Another directorate's report has no edition yet: the last twelve months, and none of these.
    await aDirectorate(t.ctx, { code: 'CS', name: "Children's Services" });
    const other = section((await web.get('/reports/scrutiny?directorate=CS')).text, 'decisions');
    expect(other).toContain('No approval or re-baseline has been taken since');
    expect(other).toContain('(no edition has been published with these filters yet)');
  });
});

describe('a directorate section of the paper', () => {
  it('says how much of the directorate’s own realised benefits is verified, not the portfolio’s (C10)', async () => {
    await aProject(t.ctx, { code: 'CS-001', name: 'Case system', directorateCode: 'CS', startYear: '2025/26' });
    await aBenefit(t.ctx, 'CS-001', { profile: [{ year: '2025/26', amount: '40000.00' }] });
    await aRealisation(t.ctx, 'CS-001', 'B1', { year: '2025/26', amount: '30000.00' });
    await aProject(t.ctx, { code: 'RES-020', name: 'Print room', directorateCode: 'RES', startYear: '2025/26' });
    await aBenefit(t.ctx, 'RES-020', { profile: [{ year: '2025/26', amount: '20000.00' }] });
    await aRealisation(t.ctx, 'RES-020', 'B1', { year: '2025/26', amount: '12000.00' });
    const page = (await web.get('/reports/scrutiny')).text;
    expect(section(page, 'executive-summary')).toContain('£42k realised, of which £0 verified');
    expect(section(page, 'directorate-CS')).toContain('£30k realised, of which £0 verified');
    expect(section(page, 'directorate-RES')).toContain('£12k realised, of which £0 verified');
  });
});
