/**
 * The benefit profile grid (issue 19): a row per money benefit, a column per year of the
 * appraisal period; one Save, all or nothing, audited as one change, each bad cell named.
 */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aProjectWithDirectorate } from '../helpers/builders';
import { verifySummaries } from '../../server/domain/summaries';

const { t, web } = appForTests({
  web: 'finance',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx); // CS-001, base year 2024/25
    await aBenefit(app.ctx, 'CS-001'); // B1, £40,000 in 2025/26
    await aBenefit(app.ctx, 'CS-001', { ref: 'B2', title: 'Printing saved', type: 'non_cashable', profile: [] });
    await aBenefit(app.ctx, 'CS-001', { ref: 'Q1', title: 'Satisfaction', type: 'qualitative', profile: [] });
  },
});

const GRID = '/projects/CS-001/benefits/grid';

async function formValues(): Promise<Record<string, string>> {
  const html = (await web.get(GRID)).text;
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([pqt]__[^"]+|extraYears)"[^>]*value="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

async function profile() {
  return t
    .db('benefit_profile as bp')
    .join('benefits as b', 'b.id', 'bp.benefit_id')
    .orderBy(['b.ref', 'bp.fy_start'])
    .select('b.ref', 'bp.fy_start', 'bp.amount_pence');
}

describe('the benefit profile grid', () => {
  it('shows a row per money benefit and a column per year of the appraisal period (10 years from the base year)', async () => {
    const res = await web.get(GRID);
    expect(res.status).toBe(200);
    expect(res.text).toContain('B1 Staff time saved');
    expect(res.text).toContain('B2 Printing saved');
    expect(res.text).not.toContain('Q1 Satisfaction');
    expect(res.text).toContain('>2024/25</th>');
    expect(res.text).toContain('>2033/34</th>');
    expect((await formValues())['p__B1__2025']).toBe('40000.00');
  });

  it('saves every changed cell, audited as one change, with the summaries refreshed', async () => {
    const v = await formValues();
    const res = await web
      .post(GRID)
      .type('form')
      .send({ ...v, p__B1__2025: '', p__B1__2026: '£45,000.50', p__B2__2024: '1,000' });
    expect(res.status).toBe(303);
    expect((await profile()).map((r) => [r.ref, r.fy_start, String(r.amount_pence)])).toEqual([
      ['B1', 2026, '4500050'],
      ['B2', 2024, '100000'],
    ]);
    const audits = await t.db('audit_log').where({ entity_type: 'profile_grid' });
    expect(audits.map((a) => a.summary)).toEqual(['Benefit profiles grid saved on CS-001: 3 cells changed']);
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('saves nothing when a cell is bad, naming it by benefit and year', async () => {
    const before = await profile();
    const v = await formValues();
    const res = await web
      .post(GRID)
      .type('form')
      .send({ ...v, p__B1__2026: '5', p__B2__2027: '-3' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('href="#f-p__B2__2027">B2 Printing saved, 2027/28: Enter an amount of £0 or more');
    expect(await profile()).toEqual(before);
  });

  it('spreads a total over the appraisal period in whole pence, the remainder last', async () => {
    const v = await formValues();
    const res = await web
      .post(GRID)
      .type('form')
      .send({ ...v, action: 'spread', t__B2: '1,000.05' });
    // 100005p / 10 = 10000p each, the last 100005 − 9 × 10000 = 10005p.
    expect(res.text).toMatch(/name="p__B2__2024"[^>]*value="100.00"/);
    expect(res.text).toMatch(/name="p__B2__2033"[^>]*value="100.05"/);
  });
});
