import { appForTests, countRows } from '../helpers/test-app';
import { aBenefit, aProjectWithDirectorate, aRealisation } from '../helpers/builders';

const { t, api: finance } = appForTests({
  api: 'finance',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx);
    await aBenefit(app.ctx, 'CS-001', {
      confidence: '0.8',
      owner: 'Head of Service',
      profile: [
        { year: '2025/26', amount: '40000' },
        { year: '2026/27', amount: '45000.5' },
      ],
    });
  },
});

const b1 = {
  projectCode: 'CS-001',
  ref: 'B1',
  title: 'Staff time saved',
  description: '',
  type: 'cashable',
  category: '',
  isDisbenefit: false,
  owner: 'Head of Service',
  measure: '',
  baseline: '',
  target: '',
  unit: '',
  confidence: '0.8',
  status: 'identified',
  serviceFeature: '',
  enablingActivities: '',
  profile: [
    { year: '2025/26', amount: '40000.00' },
    { year: '2026/27', amount: '45000.50' },
  ],
  version: 1,
};
const newBenefit = {
  ref: 'b2',
  title: 'Fewer paper files',
  type: 'non_cashable',
  confidence: '0.75',
  isDisbenefit: false,
  profile: [{ year: '2024/25', amount: '1200.00' }],
};
const profileRows = async (ref: string) =>
  (
    await t
      .db('benefit_profile as bp')
      .join('benefits as b', 'b.id', 'bp.benefit_id')
      .where('b.ref', ref)
      .orderBy('bp.fy_start')
      .select('bp.fy_start', 'bp.amount_pence')
  ).map((r) => [r.fy_start, String(r.amount_pence)]);

describe('GET /api/v1/projects/:code/benefits(/:ref)', () => {
  it('lists benefits with their profiles and gets one by ref, any case', async () => {
    expect((await finance.get('/api/v1/projects/CS-001/benefits')).body).toEqual({ benefits: [b1] });
    expect((await finance.get('/api/v1/projects/cs-001/benefits/b1')).body).toEqual(b1);
  });

  it.each(['/api/v1/projects/NOPE/benefits', '/api/v1/projects/CS-001/benefits/B9'])(
    'answers 404 for %s',
    async (url) => {
      const res = await finance.get(url);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    },
  );
});

describe('POST /api/v1/projects/:code/benefits', () => {
  it('adds a benefit with its profile: 201, Location, the stored rows and an audit row naming the token user', async () => {
    const res = await finance.post('/api/v1/projects/CS-001/benefits').send(newBenefit);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/projects/CS-001/benefits/B2');
    expect(res.body).toMatchObject({
      ref: 'B2',
      type: 'non_cashable',
      confidence: '0.75',
      status: 'identified',
      profile: [{ year: '2024/25', amount: '1200.00' }],
      version: 1,
    });
    expect(await t.db('benefits').where({ ref: 'B2' }).first()).toMatchObject({
      title: 'Fewer paper files',
      type: 'non_cashable',
      confidence: '0.75',
    });
    expect(await profileRows('B2')).toEqual([[2024, '120000']]);
    const audit = await t.db('audit_log').where({ entity_type: 'benefit', entity_id: 'CS-001/B2' }).first();
    expect(audit.action).toBe('created');
    expect(audit.actor_label).toContain(finance.email);
  });

  it.each([
    ['a profile amount as a JSON number', { profile: [{ year: '2025/26', amount: 100 }] }, 'profile.0.amount'],
    ['a profile amount with 3 decimals', { profile: [{ year: '2025/26', amount: '100.001' }] }, 'profile.0.amount'],
    ['a profile year as 2025-26', { profile: [{ year: '2025-26', amount: '100.00' }] }, 'profile.0.year'],
    [
      'the same year twice',
      {
        profile: [
          { year: '2025/26', amount: '1.00' },
          { year: '2025/26', amount: '2.00' },
        ],
      },
      'profile.1.year',
    ],
    ['money on a qualitative benefit (C5)', { type: 'qualitative' }, 'profile.0.amount'],
    ['confidence as a number', { confidence: 0.5 }, 'confidence'],
    ['an unknown field', { weight: '1' }, 'weight'],
  ])('answers 400 naming the field for %s', async (_case, over, field) => {
    const res = await finance.post('/api/v1/projects/CS-001/benefits').send({ ...newBenefit, ...over });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field });
    expect(await countRows(t.db, 'benefits')).toBe(1);
  });

  it('answers 422 for a duplicate ref and for a profile year before the base year', async () => {
    const dup = await finance.post('/api/v1/projects/CS-001/benefits').send({ ...newBenefit, ref: 'b1' });
    expect(dup.status).toBe(422);
    expect(dup.body.error.fields).toEqual({ ref: 'Benefit B1 already exists on this project' });
    const early = await finance
      .post('/api/v1/projects/CS-001/benefits')
      .send({ ...newBenefit, profile: [{ year: '2023/24', amount: '1.00' }] });
    expect(early.status).toBe(422);
    expect(early.body.error.field).toBe('profile.0.year');
  });
});

describe('PATCH /api/v1/projects/:code/benefits/:ref', () => {
  it('merges the given fields, keeps the profile unless sent, and audits', async () => {
    const res = await finance
      .patch('/api/v1/projects/CS-001/benefits/B1')
      .set('If-Match', '"1"')
      .send({ title: 'Caseworker time saved', status: 'realising' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...b1, title: 'Caseworker time saved', status: 'realising', version: 2 });
    expect(await profileRows('B1')).toEqual([
      [2025, '4000000'],
      [2026, '4500050'],
    ]);
    expect(await t.db('audit_log').where({ entity_type: 'benefit', action: 'updated' }).first()).toMatchObject({
      entity_id: 'CS-001/B1',
      actor_id: finance.userId,
    });
  });

  it('answers 422 when a money benefit with realisations would become qualitative', async () => {
    await aRealisation(t.ctx, 'CS-001', 'B1');
    const res = await finance
      .patch('/api/v1/projects/CS-001/benefits/B1')
      .send({ version: 1, type: 'qualitative', profile: [] });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('type');
  });
});

describe('PUT /api/v1/projects/:code/benefits/:ref/profile', () => {
  it('replaces the profile only, bumps the benefit version and audits', async () => {
    const res = await finance.put('/api/v1/projects/CS-001/benefits/B1/profile').send({
      version: 1,
      profile: [
        { year: '2027/28', amount: '10.10' },
        { year: '2025/26', amount: '5' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...b1,
      profile: [
        { year: '2025/26', amount: '5.00' },
        { year: '2027/28', amount: '10.10' },
      ],
      version: 2,
    });
    expect(await profileRows('B1')).toEqual([
      [2025, '500'],
      [2027, '1010'],
    ]);
    const audit = await t.db('audit_log').where({ entity_type: 'benefit', action: 'updated' }).first();
    expect(JSON.parse(audit.after_json).profile).toEqual([
      { year: '2025/26', amount: '5.00' },
      { year: '2027/28', amount: '10.10' },
    ]);
  });

  it.each([
    ['no profile', {}, 'profile'],
    ['an amount as a number', { profile: [{ year: '2025/26', amount: 5 }] }, 'profile.0.amount'],
    ['an unknown field', { profile: [], title: 'x' }, 'title'],
    ['an unknown field in a row', { profile: [{ year: '2025/26', amount: '5.00', note: 'x' }] }, 'profile.0.note'],
  ])('answers 400 naming the field for %s', async (_case, body, field) => {
    const res = await finance.put('/api/v1/projects/CS-001/benefits/B1/profile').set('If-Match', '"1"').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('refuses money in the profile of a qualitative benefit (C5) and years before the base year', async () => {
    await aBenefit(t.ctx, 'CS-001', { ref: 'Q1', type: 'qualitative', profile: [] });
    const q = await finance
      .put('/api/v1/projects/CS-001/benefits/Q1/profile')
      .set('If-Match', '"1"')
      .send({ profile: [{ year: '2025/26', amount: '5.00' }] });
    expect(q.status).toBe(400);
    expect(q.body.error.field).toBe('profile.0.amount');
    const early = await finance
      .put('/api/v1/projects/CS-001/benefits/B1/profile')
      .set('If-Match', '"1"')
      .send({ profile: [{ year: '2020/21', amount: '5.00' }] });
    expect(early.status).toBe(422);
    expect(early.body.error.field).toBe('profile.0.year');
  });
});

describe('DELETE /api/v1/projects/:code/benefits/:ref', () => {
  it('deletes the benefit with its profile and realisations (204) and audits it', async () => {
    await aRealisation(t.ctx, 'CS-001', 'B1');
    expect((await finance.delete('/api/v1/projects/CS-001/benefits/B1').set('If-Match', '"1"')).status).toBe(204);
    expect(await countRows(t.db, 'benefits')).toBe(0);
    expect(await countRows(t.db, 'benefit_profile')).toBe(0);
    expect(await countRows(t.db, 'realisations')).toBe(0);
    expect(await t.db('audit_log').where({ entity_type: 'benefit', action: 'deleted' }).first()).toMatchObject({
      entity_id: 'CS-001/B1',
      actor_id: finance.userId,
    });
  });
});
