import { appForTests, countRows } from '../helpers/test-app';
import { aBenefit, aProjectWithDirectorate, aRealisation } from '../helpers/builders';
import { setProjectManagers } from '../../server/domain/projects';

let realisationId: number;
const { t, api: pm } = appForTests({
  api: 'project_manager',
  seed: async (app, { api }) => {
    await aProjectWithDirectorate(app.ctx);
    await setProjectManagers(app.ctx, 'CS-001', [api.userId]);
    await aBenefit(app.ctx, 'CS-001');
    await aBenefit(app.ctx, 'CS-001', { ref: 'Q1', title: 'Better morale', type: 'qualitative', profile: [] });
    realisationId = (await aRealisation(app.ctx, 'CS-001', 'B1', { amount: '30000.5' })).id;
  },
});

const URL = '/api/v1/projects/CS-001/benefits/B1/realisations';
const newRealisation = {
  year: '2026/27',
  amount: '12500.00',
  evidence: 'Finance ledger Q1',
  recordedBy: 'A. Officer',
  recordedOn: '2026-07-01',
};

describe('GET realisations', () => {
  it('lists a benefit’s realisations and gets one by id', async () => {
    const expected = {
      id: realisationId,
      projectCode: 'CS-001',
      benefitRef: 'B1',
      year: '2025/26',
      amount: '30000.50',
      value: '',
      isCorrection: false,
      evidence: 'Ledger extract',
      recordedBy: 'Test officer',
      recordedOn: '2026-01-15',
      // C10: recorded unverified.
      verification: { status: 'unverified', grade: null, by: null, on: null },
      version: 1,
    };
    expect((await pm.get('/api/v1/projects/cs-001/benefits/b1/realisations')).body).toEqual({
      realisations: [expected],
    });
    expect((await pm.get(`/api/v1/realisations/${realisationId}`)).body).toEqual(expected);
  });

  it.each([
    '/api/v1/projects/CS-001/benefits/B9/realisations',
    '/api/v1/realisations/99999',
    '/api/v1/realisations/x1',
  ])('answers 404 for %s', async (url) => {
    expect((await pm.get(url)).status).toBe(404);
  });
});

describe('POST /api/v1/projects/:code/benefits/:ref/realisations', () => {
  it('lets a manager of the project record one: 201, Location, the stored row and an audit row naming the token user', async () => {
    const res = await pm.post('/api/v1/projects/cs-001/benefits/b1/realisations').send(newRealisation);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/realisations/${res.body.id}`);
    expect(res.body).toEqual({
      id: expect.any(Number),
      projectCode: 'CS-001',
      benefitRef: 'B1',
      ...newRealisation,
      value: '',
      isCorrection: false,
      // C10: recorded unverified.
      verification: { status: 'unverified', grade: null, by: null, on: null },
      version: 1,
    });
    const row = await t.db('realisations').where({ id: res.body.id }).first();
    expect(row).toMatchObject({ fy_start: 2026, evidence: 'Finance ledger Q1', recorded_by: 'A. Officer' });
    expect(String(row.amount_pence)).toBe('1250000');
    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'realisation', entity_id: `CS-001/B1/${res.body.id}` })
      .first();
    expect(audit).toMatchObject({ action: 'created', actor_id: pm.userId });
    expect(audit.actor_label).toContain(pm.email);
  });

  it('records a measured value on a qualitative benefit, with a null amount', async () => {
    const res = await pm
      .post('/api/v1/projects/CS-001/benefits/Q1/realisations')
      .send({ ...newRealisation, amount: null, value: '7.5/10' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ benefitRef: 'Q1', amount: null, value: '7.5/10' });
  });

  it('records a negative correction only when marked (C1)', async () => {
    expect((await pm.post(URL).send({ ...newRealisation, amount: '-100.00' })).body.error.field).toBe('amount');
    const res = await pm.post(URL).send({ ...newRealisation, amount: '-100.00', isCorrection: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amount: '-100.00', isCorrection: true });
  });

  it.each([
    ['money as a JSON number', { amount: 12500 }, 'amount'],
    ['money with 3 decimals', { amount: '1.234' }, 'amount'],
    ['a bad FY label', { year: '2026' }, 'year'],
    ['an impossible date', { recordedOn: '2026-02-30' }, 'recordedOn'],
    ['no recorder', { recordedBy: '' }, 'recordedBy'],
    ['an unknown field', { approvedBy: 'x' }, 'approvedBy'],
  ])('answers 400 naming the field for %s', async (_case, over, field) => {
    const res = await pm.post(URL).send({ ...newRealisation, ...over });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field });
    expect(await countRows(t.db, 'realisations')).toBe(1);
  });

  it.each([
    ['a year before the base year (C3)', URL, { year: '2023/24' }, 'year'],
    ['no amount on a money benefit', URL, { amount: null }, 'amount'],
    [
      'an amount on a qualitative benefit (C5)',
      '/api/v1/projects/CS-001/benefits/Q1/realisations',
      { value: '7' },
      'amount',
    ],
  ])('answers 422 for %s', async (_case, url, over, field) => {
    const res = await pm.post(url).send({ ...newRealisation, ...over });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe(field);
  });
});

describe('PATCH /api/v1/realisations/:id', () => {
  it('merges the given fields and audits before and after', async () => {
    const res = await pm
      .patch(`/api/v1/realisations/${realisationId}`)
      .set('If-Match', '"1"')
      .send({ amount: '31000.00', evidence: 'Corrected ledger' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: realisationId,
      amount: '31000.00',
      evidence: 'Corrected ledger',
      recordedBy: 'Test officer',
      year: '2025/26',
      version: 2,
    });
    expect(String((await t.db('realisations').where({ id: realisationId }).first()).amount_pence)).toBe('3100000');
    const audit = await t.db('audit_log').where({ entity_type: 'realisation', action: 'updated' }).first();
    expect(JSON.parse(audit.before_json)).toMatchObject({ amount: '30000.50' });
    expect(JSON.parse(audit.after_json)).toMatchObject({ amount: '31000.00', evidence: 'Corrected ledger' });
  });

  it('answers 400 for money as a number and for read-only fields', async () => {
    expect(
      (await pm.patch(`/api/v1/realisations/${realisationId}`).send({ version: 1, amount: 1 })).body.error.field,
    ).toBe('amount');
    const ro = await pm.patch(`/api/v1/realisations/${realisationId}`).send({ version: 1, benefitRef: 'Q1', id: 5 });
    expect(ro.status).toBe(400);
    expect(Object.keys(ro.body.error.fields)).toEqual(['benefitRef', 'id']);
  });
});

describe('DELETE /api/v1/realisations/:id', () => {
  it('deletes the realisation (204) and audits it', async () => {
    expect((await pm.delete(`/api/v1/realisations/${realisationId}`).send({ version: 1 })).status).toBe(204);
    expect(await countRows(t.db, 'realisations')).toBe(0);
    expect(await t.db('audit_log').where({ entity_type: 'realisation', action: 'deleted' }).first()).toMatchObject({
      actor_id: pm.userId,
    });
  });
});
