/**
 * C9 re-forecasts through the API and the web form: 201 with C7 strings, the history newest first,
 * and the same refusals on both (a past year, a qualitative benefit, a reader without the right).
 */
import { appForTests } from '../helpers/test-app';
import { apiClient, webClient } from '../helpers/clients';
import { csvImport } from '../helpers/files';
import { verifySummaries } from '../../server/domain/summaries';
import { aBenefit, aProjectWithDirectorate } from '../helpers/builders';
import { setProjectManagers } from '../../server/domain/projects';
import { currentFy, fyLabel } from '../../server/financial-year';

const THIS = fyLabel(currentFy());
const PAST = fyLabel(currentFy() - 1);
const URL = '/api/v1/projects/CS-001/benefits/B1/reforecasts';
const PAST_MESSAGE = `${PAST} has ended: re-forecast ${THIS} or a later year (record what happened as a realisation)`;

const { t, api: pm } = appForTests({
  api: 'project_manager',
  seed: async (app, { api }) => {
    await aProjectWithDirectorate(app.ctx, { startYear: fyLabel(currentFy() - 2) });
    await setProjectManagers(app.ctx, 'CS-001', [api.userId]);
    await aBenefit(app.ctx, 'CS-001', { profile: [{ year: THIS, amount: '60000.00' }] });
    await aBenefit(app.ctx, 'CS-001', { ref: 'Q1', title: 'Better morale', type: 'qualitative', profile: [] });
  },
});

describe('API re-forecasts', () => {
  it('a named project manager enters one (201, C7 strings) and lists them newest first', async () => {
    const first = await pm.post(URL).send({ year: THIS, amount: '40000', note: 'Supplier delay' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      projectCode: 'CS-001',
      benefitRef: 'B1',
      year: THIS,
      amount: '40000.00',
      note: 'Supplier delay',
      version: 1,
    });
    expect((await pm.post(URL).send({ year: THIS, amount: '45000.5' })).status).toBe(201);
    const list = await pm.get(URL);
    expect(list.status).toBe(200);
    expect(list.body.reforecasts.map((r: { amount: string }) => r.amount)).toEqual(['45000.50', '40000.00']);
  });

  it('refuses a past year (422), a JSON number (400), a qualitative benefit (422) and a scrutiny reader (403)', async () => {
    const past = await pm.post(URL).send({ year: PAST, amount: '1.00' });
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({ field: 'year', message: `year: ${PAST_MESSAGE}` });
    const number = await pm.post(URL).send({ year: THIS, amount: 1000 });
    expect(number.status).toBe(400);
    expect(number.body.error.field).toBe('amount');
    const qualitative = await pm
      .post('/api/v1/projects/CS-001/benefits/Q1/reforecasts')
      .send({ year: THIS, amount: '1' });
    expect(qualitative.status).toBe(422);
    expect(qualitative.body.error.field).toBe('amount');
    const reader = await webClient(t.app, t.db, 'scrutiny');
    const refused = await reader
      .post('/projects/CS-001/benefits/B1/reforecasts')
      .type('form')
      .send({ year: THIS, amount: '1' });
    expect(refused.status).toBe(403);
    expect(Number((await t.db('benefit_reforecasts').count({ n: '*' }).first())?.n)).toBe(0);
  });
});

describe('the re-forecast form and the benefit page', () => {
  it('saves a C1 amount, shows it on the benefit page, and keeps the input with a message when refused', async () => {
    const finance = await webClient(t.app, t.db, 'finance');
    const form = await finance.get('/projects/CS-001/benefits/B1/reforecasts/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Re-forecast a benefit');
    const bad = await finance
      .post('/projects/CS-001/benefits/B1/reforecasts')
      .type('form')
      .send({ year: PAST, amount: '£12,500.00', note: 'Too late' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(PAST_MESSAGE);
    expect(bad.text).toContain('value="£12,500.00"');
    const ok = await finance
      .post('/projects/CS-001/benefits/B1/reforecasts')
      .type('form')
      .send({ year: THIS, amount: '£12,500.00', note: 'Go-live moved' });
    expect(ok.status).toBe(303);
    const page = await finance.get('/projects/CS-001/benefits/B1');
    expect(page.text).toContain('Every re-forecast, newest first');
    expect(page.text).toContain('£12,500.00');
    expect(page.text).toContain('Go-live moved');
    expect(page.text).toContain('£60,000.00');
    expect(page.text).toContain('/reforecasts/new');
    const project = await finance.get('/projects/CS-001');
    expect(project.text).toContain('Each benefit by year: profile, latest re-forecast and realised');
    expect(project.text).toMatch(/£60,000\.00<\/td>\s*<td[^>]*>£12,500\.00<\/td>/);
    // A reader sees the history but is not offered the form.
    const reader = await webClient(t.app, t.db, 'scrutiny');
    const read = await reader.get('/projects/CS-001/benefits/B1');
    expect(read.text).toContain('Go-live moved');
    expect(read.text).not.toContain('/reforecasts/new');
  });
});

describe('POST /api/v1/imports/reforecasts', () => {
  const { csv, post } = csvImport('reforecasts', 'project_code,benefit_ref,year,amount,note');
  const count = async () => Number((await t.db('benefit_reforecasts').count({ n: '*' }).first())?.n);

  it('is all or nothing with line numbers, adds once (idempotent), exports, imports back and undoes', async () => {
    const bad = await post(
      pm,
      csv(`CS-001,B1,${THIS},"£40,000.00",Delay`, `CS-001,B1,${PAST},1,Late`, `CS-001,Q1,${THIS},5,`),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.problems).toEqual([
      { line: 3, column: 'year', message: PAST_MESSAGE },
      {
        line: 4,
        column: 'amount',
        message: 'Benefit Q1 is qualitative: only cashable and non-cashable benefits can be re-forecast',
      },
    ]);
    expect(await count()).toBe(0);
    const file = csv(`CS-001,B1,${THIS},"£40,000.00",Delay`);
    const ok = await post(pm, file);
    expect(ok.status).toBe(201);
    expect(await count()).toBe(1);
    const again = await post(pm, file);
    expect(again.status).toBe(201);
    expect(again.body.batch.rows).toMatchObject({ add: 0, unchanged: 1 });
    expect(await count()).toBe(1);
    const admin = await webClient(t.app, t.db, 'admin');
    // The export is the latest per benefit and year in the import layout: it imports back unchanged.
    const exported = await admin.get('/exports/reforecasts.csv');
    expect(exported.status).toBe(200);
    expect(exported.text).toContain(`CS-001,B1,${THIS},40000.00,Delay`);
    const back = await post(pm, Buffer.from(exported.text));
    expect(back.body.batch.rows).toMatchObject({ add: 0, unchanged: 1 });
    expect((await admin.post(`/imports/batches/${ok.body.batch.id}/undo`).type('form').send({})).status).toBe(303);
    expect(await count()).toBe(0);
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('refuses a project the importer does not manage, on its line', async () => {
    const other = await apiClient(t.app, t.db, 'project_manager');
    const res = await post(other, csv(`CS-001,B1,${THIS},10,`));
    expect(res.status).toBe(422);
    expect(res.body.problems[0]).toMatchObject({ line: 2, column: 'project_code' });
  });
});
