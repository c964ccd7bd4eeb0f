import { appForTests, type TestApp } from '../helpers/test-app';
import { aBenefit, aProjectWithDirectorate, aRealisation } from '../helpers/builders';

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
