import { appForTests, type TestApp } from '../helpers/test-app';
import { aBenefit, aProjectWithDirectorate, aRealisation } from '../helpers/builders';
import * as realisationsRepo from '../../server/repositories/realisations';
import type { RealisationWrite } from '../../server/repositories/realisations';
import { currentFy, fyLabel } from '../../server/financial-year';
import { Decimal } from '../../server/money';

const { t, web } = appForTests({ web: 'admin', seed: twoBenefits });

/** CS-001 with the money benefit B1 and the qualitative Q1. */
async function twoBenefits(t: TestApp) {
  await aProjectWithDirectorate(t.ctx);
  await aBenefit(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'CS-001', {
    ref: 'Q1',
    title: 'Better decisions',
    type: 'qualitative',
    profile: [],
    measure: 'Audit score',
    unit: '%',
  });
}

const EVIDENCE_NEEDED =
  'Enter the evidence for the amount realised: where the figure comes from (a report, a ledger extract) or a link to it';

const valid = {
  year: '2025/26',
  amount: '8,400.10',
  evidence: 'Ledger extract',
  recordedBy: 'Jo Bloggs',
  recordedOn: '2026-02-01',
};

describe('POST /projects/:code/benefits/:ref/realisations', () => {
  it('records a money realisation in pence with its evidence', async () => {
    const res = await web.post('/projects/CS-001/benefits/B1/realisations').type('form').send(valid);
    expect(res.status).toBe(303);
    const row = await t.db('realisations').first();
    expect(row).toMatchObject({
      fy_start: 2025,
      amount_pence: 840010,
      evidence: 'Ledger extract',
      recorded_by: 'Jo Bloggs',
    });
  });

  it('offers the current financial year and today as defaults', async () => {
    const res = await web.get('/projects/CS-001/benefits/B1/realisations/new');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/name="recordedOn" type="text" value="\d{4}-\d{2}-\d{2}"/);
  });

  it.each([
    [{ amount: '' }, 'Enter the amount realised'],
    [{ amount: '-10' }, 'mark this as a correction'],
    [{ recordedOn: '2026-02-30' }, 'Enter the date recorded as a real date'],
    [{ recordedBy: '' }, 'Enter who recorded it'],
    [{ year: 'next year' }, 'Enter a financial year like 2024/25'],
    [{ evidence: '' }, EVIDENCE_NEEDED],
    [{ year: fyLabel(currentFy() + 3) }, `${fyLabel(currentFy() + 3)} has not started yet`],
  ])('refuses %p with a message and keeps the input', async (change, message) => {
    const res = await web
      .post('/projects/CS-001/benefits/B1/realisations')
      .type('form')
      .send({ ...valid, ...change });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`name="recordedBy" type="text" value="${{ ...valid, ...change }.recordedBy}"`);
    expect(await t.db('realisations').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('accepts a negative amount marked as a correction', async () => {
    const res = await web
      .post('/projects/CS-001/benefits/B1/realisations')
      .type('form')
      .send({ ...valid, amount: '-100', isCorrection: 'on' });
    expect(res.status).toBe(303);
    expect((await t.db('realisations').first()).amount_pence).toBe(-10000);
  });

  it('records a measured value, not an amount, for a qualitative benefit', async () => {
    const form = await web.get('/projects/CS-001/benefits/Q1/realisations/new');
    expect(form.text).toContain('Measured value');
    expect(form.text).not.toContain('name="amount"');
    const bad = await web
      .post('/projects/CS-001/benefits/Q1/realisations')
      .type('form')
      .send({ ...valid, amount: '' });
    expect(bad.text).toContain('Enter the measured value');
    const res = await web
      .post('/projects/CS-001/benefits/Q1/realisations')
      .type('form')
      .send({ ...valid, amount: '', value: '78' });
    expect(res.status).toBe(303);
    expect(await t.db('realisations').first()).toMatchObject({ amount_pence: null, value: '78' });
  });
});

describe('editing and deleting realisations', () => {
  it('edits, refuses a stale edit, and deletes', async () => {
    const r = await aRealisation(t.ctx, 'CS-001', 'B1');
    const path = `/projects/CS-001/benefits/B1/realisations/${r.id}`;
    expect((await web.get(`${path}/edit`)).text).toContain('value="30000.00"');
    expect(
      (
        await web
          .post(`${path}/edit`)
          .type('form')
          .send({ ...valid, version: '1' })
      ).status,
    ).toBe(303);
    const stale = await web
      .post(`${path}/edit`)
      .type('form')
      .send({ ...valid, amount: '1', version: '1' });
    expect(stale.status).toBe(409);
    expect((await t.db('realisations').first()).amount_pence).toBe(840010);
    expect((await web.post(`${path}/delete`).type('form').send({})).status).toBe(303);
    expect(await t.db('realisations').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('gives 404 for a realisation under another benefit', async () => {
    const r = await aRealisation(t.ctx, 'CS-001', 'B1');
    expect((await web.get(`/projects/CS-001/benefits/Q1/realisations/${r.id}/edit`)).status).toBe(404);
  });
});

describe('realisations saved before issue 14 (no evidence, or a year not yet started)', () => {
  /** Straight through the repository, as the old rows were saved: no rule checks it. */
  async function anOldRealisation(ref: string, write: Partial<RealisationWrite>): Promise<number> {
    const benefit = await t.db('benefits').where({ ref }).first('id');
    const row = { fy: 2024, amount: null, value: '', isCorrection: false, evidence: '', recordedBy: 'Old system' };
    return realisationsRepo.insert(t.db, benefit.id, { ...row, recordedOn: '2025-03-31', ...write });
  }

  it('lists a row without evidence as "no evidence recorded", and a far-future row, without failing', async () => {
    const future = currentFy() + 3;
    await anOldRealisation('B1', { amount: new Decimal('85000') });
    await anOldRealisation('B1', { fy: future, amount: new Decimal('24000'), evidence: 'Forecast' });
    await anOldRealisation('Q1', { value: '70' });
    await aRealisation(t.ctx, 'CS-001', 'B1', { evidence: 'Ledger extract, p. 4' });

    const page = await web.get('/projects/CS-001/benefits/B1');
    expect(page.status).toBe(200);
    const cells = [...page.text.matchAll(/<td class="govuk-table__cell">([^]*?)<\/td>/g)].map((m) => m[1]);
    expect(cells).toContain('<span class="app-muted">no evidence recorded</span>');
    expect(cells).toContain('Ledger extract, p. 4');
    expect(cells).toContain('Forecast');
    expect(page.text).toContain(fyLabel(future));
    const qualitative = await web.get('/projects/CS-001/benefits/Q1');
    expect(qualitative.text).toContain('<span class="app-muted">no evidence recorded</span>');
  });

  it('opens the edit form of an old row, and asks for evidence when it is saved', async () => {
    const id = await anOldRealisation('B1', { amount: new Decimal('85000') });
    const path = `/projects/CS-001/benefits/B1/realisations/${id}/edit`;
    const form = await web.get(path);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="85000.00"');

    const same = { year: '2024/25', amount: '85000.00', evidence: '', recordedBy: 'Old system' };
    const refused = await web
      .post(path)
      .type('form')
      .send({ ...same, recordedOn: '2025-03-31', version: '1' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(EVIDENCE_NEEDED);
    expect(refused.text).toContain('value="85000.00"');
    expect(await t.db('realisations').where({ id }).first()).toMatchObject({ evidence: '', version: 1 });

    const saved = await web
      .post(path)
      .type('form')
      .send({ ...same, evidence: 'Ledger extract Q4', recordedOn: '2025-03-31', version: '1' });
    expect(saved.status).toBe(303);
    expect(await t.db('realisations').where({ id }).first()).toMatchObject({ evidence: 'Ledger extract Q4' });
  });

  it('refuses to save an old row in a year not yet started until its year is corrected', async () => {
    const future = fyLabel(currentFy() + 3);
    const id = await anOldRealisation('B1', { fy: currentFy() + 3, amount: new Decimal('1'), evidence: 'Plan' });
    const path = `/projects/CS-001/benefits/B1/realisations/${id}/edit`;
    const body = { year: future, amount: '1.00', evidence: 'Plan', recordedBy: 'Old', recordedOn: '2025-03-31' };
    const refused = await web
      .post(path)
      .type('form')
      .send({ ...body, version: '1' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      `${future} has not started yet: record a realisation once it has happened, in ${fyLabel(currentFy())} or an earlier year`,
    );
    const saved = await web
      .post(path)
      .type('form')
      .send({ ...body, year: '2025/26', version: '1' });
    expect(saved.status).toBe(303);
    expect((await t.db('realisations').where({ id }).first()).fy_start).toBe(2025);
  });
});
