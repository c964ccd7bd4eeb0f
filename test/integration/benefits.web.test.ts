import { appForTests } from '../helpers/test-app';
import { aBenefit, aProjectWithDirectorate, aRealisation } from '../helpers/builders';

const { t, web } = appForTests({ web: 'admin', seed: (app) => aProjectWithDirectorate(app.ctx) });

const valid = {
  ref: 'b2',
  title: 'Reduced agency spend',
  type: 'cashable',
  status: 'planned',
  confidence: '80',
  owner: 'Head of Service',
  profileYear: ['2025/26', '', '2026-27'],
  profileAmount: ['50,000', '', '60000.5'],
};

describe('POST /projects/:code/benefits', () => {
  it('creates the benefit with its yearly profile, skipping empty rows', async () => {
    const res = await web.post('/projects/CS-001/benefits').type('form').send(valid);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/projects/CS-001/benefits/B2?notice=benefit-added');
    const b = await t.db('benefits').where({ ref: 'B2' }).first();
    expect(b).toMatchObject({ confidence: '0.8', type: 'cashable', status: 'planned' });
    const profile = await t.db('benefit_profile').where({ benefit_id: b.id }).orderBy('fy_start');
    expect(profile.map((p) => [p.fy_start, p.amount_pence])).toEqual([
      [2025, 5000000],
      [2026, 6000050],
    ]);
  });

  it('re-renders the profile table with the typed values and an error on the right row', async () => {
    const res = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...valid, profileYear: ['2025/26', '2026/27'], profileAmount: ['50,000', '12.345'] });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(
      /id="f-profile-1-amount-error"[^>]*><span class="govuk-visually-hidden">Error:<\/span> Enter the 2026\/27 amount with no more than 2 decimal places/,
    );
    expect(res.text).toContain('value="12.345"');
    expect(res.text).toContain('value="50,000"');
    expect(await t.db('benefits').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('refuses the same year twice, a year before the base year and confidence over 100%', async () => {
    const dup = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...valid, profileYear: ['2025/26', '2025-26'], profileAmount: ['1', '2'] });
    expect(dup.text).toContain('2025/26 appears more than once');
    const early = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...valid, profileYear: ['2020/21'], profileAmount: ['1'] });
    expect(early.text).toContain('2020/21 is before the project&#39;s base year');
    const conf = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...valid, confidence: '120' });
    expect(conf.text).toContain('Confidence must be between 0% and 100%');
    expect(await t.db('benefits').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('refuses money amounts on a qualitative benefit', async () => {
    const res = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...valid, type: 'qualitative' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Qualitative benefits have no money value');
  });

  it('refuses a duplicate reference within the project', async () => {
    await aBenefit(t.ctx, 'CS-001', { ref: 'B2' });
    const res = await web.post('/projects/CS-001/benefits').type('form').send(valid);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Benefit B2 already exists on this project');
  });
});

describe('GET /projects/:code/benefits/:ref', () => {
  it('shows the register entry, expected vs realised by year and the realisations', async () => {
    await aBenefit(t.ctx, 'CS-001', {
      isDisbenefit: true,
      measure: 'Hours per case',
      profile: [{ year: '2025/26', amount: '40000.00' }],
    });
    await aRealisation(t.ctx, 'CS-001', 'B1', { amount: '12500.25', evidence: 'Timesheet sample' });
    const res = await web.get('/projects/CS-001/benefits/b1');
    expect(res.status).toBe(200);
    expect(res.text).toContain('dis-benefit');
    expect(res.text).toMatch(/2025\/26[\s\S]*£40,000.00[\s\S]*£12,500.25/);
    expect(res.text).toContain('Timesheet sample');
  });
});

describe('POST /projects/:code/benefits/:ref/edit', () => {
  it('replaces the profile as a whole and audits before and after', async () => {
    const b = await aBenefit(t.ctx, 'CS-001');
    const form = await web.get('/projects/CS-001/benefits/B1/edit');
    expect(form.text).toContain('value="40000.00"');
    const res = await web
      .post('/projects/CS-001/benefits/B1/edit')
      .type('form')
      .send({
        ...valid,
        ref: 'B1',
        profileYear: ['2026/27'],
        profileAmount: ['7'],
        version: String(b.benefit.version),
      });
    expect(res.status).toBe(303);
    const profile = await t.db('benefit_profile');
    expect(profile.map((p) => [p.fy_start, p.amount_pence])).toEqual([[2026, 700]]);
    const audit = await t.db('audit_log').where({ entity_type: 'benefit', action: 'updated' }).first();
    expect(JSON.parse(audit.before_json).profile).toEqual([{ year: '2025/26', amount: '40000.00' }]);
    expect(JSON.parse(audit.after_json).profile).toEqual([{ year: '2026/27', amount: '7.00' }]);
  });
});

describe('POST /projects/:code/benefits/:ref/delete', () => {
  it('warns about realisations, then deletes the benefit with them', async () => {
    await aBenefit(t.ctx, 'CS-001');
    await aRealisation(t.ctx, 'CS-001', 'B1');
    expect((await web.get('/projects/CS-001/benefits/B1/delete')).text).toContain(
      '1 recorded realisation will be deleted too',
    );
    const res = await web.post('/projects/CS-001/benefits/B1/delete').type('form').send({});
    expect(res.status).toBe(303);
    expect(await t.db('realisations').count({ n: '*' }).first()).toEqual({ n: 0 });
  });
});
