import { appForTests, createTestApp } from '../helpers/test-app';
import { webClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';

const { t, web: admin, api } = appForTests({ web: 'admin', api: 'scrutiny' });

const DEFAULTS = {
  discountRule: 'green_book',
  discountRate: '',
  ragGreen: '90',
  ragAmber: '70',
  vfmLow: '1',
  vfmMedium: '1.5',
  vfmHigh: '2',
  vfmVeryHigh: '4',
  priceBasis: 'real',
};

const DEFAULT_SNAPSHOT = {
  discountRule: 'green_book',
  discountRate: null,
  rag: { green: '0.9', amber: '0.7' },
  vfmBands: { poor: '0', low: '1', medium: '1.5', high: '2', veryHigh: '4' },
  priceBasis: 'real',
};

/**
 * CS-001 expects 60,000 in 2025/26 and has realised 48,000: a ratio of 0.8, amber under the
 * default thresholds (green 90%, amber 70%). RES-001 has its own constant rate of 10%.
 */
async function projects() {
  await aDirectorate(t.ctx);
  await aProject(t.ctx);
  await aCostLine(t.ctx, 'CS-001', { year: '2024/25', amount: '100000.00' });
  await aBenefit(t.ctx, 'CS-001', { profile: [{ year: '2025/26', amount: '60000.00' }] });
  await aRealisation(t.ctx, 'CS-001', 'B1', { year: '2025/26', amount: '48000.00' });
  await aProject(t.ctx, { code: 'CS-002', name: 'Own rate', discountRate: '0.1' });
  await aCostLine(t.ctx, 'CS-002', { year: '2024/25', amount: '1000.00' });
}

async function metrics(code: string) {
  const res = await api.get(`/api/v1/projects/${code}/metrics?asAt=2025-06-01`);
  expect(res.status).toBe(200);
  return res.body;
}

async function settingsAudits() {
  return t.db('audit_log').where({ entity_type: 'settings' }).orderBy('id');
}

describe('GET /settings', () => {
  it('shows the conventions’ defaults with a plain-English explanation of each setting', async () => {
    const res = await admin.get('/settings');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/value="green_book" checked/);
    expect(res.text).toMatch(/value="real" checked/);
    for (const [name, value] of Object.entries(DEFAULTS)) {
      if (name === 'discountRule' || name === 'priceBasis') continue;
      expect(res.text).toContain(`name="${name}" type="text" value="${value}"`);
    }
    expect(res.text).toContain('HM Treasury Green Book');
    expect(res.text).toContain('3.5% a year for years 1 to 30');
    expect(res.text).toContain("Department for Transport's value for money framework");
    expect(res.text).toContain("A project's own rate applies only on that project's page");
  });
});

describe('POST /settings', () => {
  it('saves a constant rate and new RAG thresholds, which the metrics then use, and audits the change', async () => {
    await projects();
    const before = await metrics('CS-001');
    expect(before.settings.discountRule).toEqual({ kind: 'green_book', description: expect.any(String) });
    expect(before.realisation).toMatchObject({ ratio: '0.8000', rag: 'amber' });

    const res = await admin
      .post('/settings')
      .type('form')
      .send({ ...DEFAULTS, discountRule: 'constant', discountRate: '4', ragGreen: '80', ragAmber: '60.5' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/settings?notice=settings-updated');

    const after = await metrics('CS-001');
    expect(after.settings.discountRule).toEqual({ kind: 'constant', rate: '0.04' });
    expect(after.businessCase.years[1].discountFactor).toBe('0.961538'); // 1 / 1.04
    expect(after.realisation).toMatchObject({ ratio: '0.8000', rag: 'green' });
    // A project's own rate still wins on its own page (C3).
    expect((await metrics('CS-002')).settings.discountRule).toEqual({ kind: 'constant', rate: '0.1' });

    const page = await admin.get('/settings?notice=settings-updated');
    expect(page.text).toContain('Settings saved');
    expect(page.text).toMatch(/value="constant" checked/);
    expect(page.text).toContain('name="discountRate" type="text" value="4"');
    expect(page.text).toContain('name="ragAmber" type="text" value="60.5"');

    const audits = await settingsAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'updated',
      entity_id: 'organisation',
      actor_id: admin.userId,
      summary: 'Organisation settings updated',
    });
    expect(JSON.parse(audits[0].before_json)).toEqual(DEFAULT_SNAPSHOT);
    expect(JSON.parse(audits[0].after_json)).toEqual({
      ...DEFAULT_SNAPSHOT,
      discountRule: 'constant',
      discountRate: '0.04',
      rag: { green: '0.8', amber: '0.605' },
    });
  });

  it('switches back to the Green Book schedule, ignoring a rate left in the box', async () => {
    await projects();
    await admin
      .post('/settings')
      .type('form')
      .send({ ...DEFAULTS, discountRule: 'constant', discountRate: '4' });
    const res = await admin
      .post('/settings')
      .type('form')
      .send({ ...DEFAULTS, discountRule: 'green_book', discountRate: '4' });
    expect(res.status).toBe(303);
    expect((await metrics('CS-001')).settings.discountRule).toMatchObject({ kind: 'green_book' });
    expect(await t.db('settings').where({ key: 'discountRate' }).first()).toBeUndefined();
    const audits = await settingsAudits();
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[1].before_json)).toMatchObject({ discountRule: 'constant', discountRate: '0.04' });
    expect(JSON.parse(audits[1].after_json)).toMatchObject({ discountRule: 'green_book', discountRate: null });
    expect((await admin.get('/settings')).text).toMatch(/value="green_book" checked/);
  });

  it('saves new value-for-money bands and the price basis', async () => {
    await projects();
    await admin
      .post('/settings')
      .type('form')
      .send({ ...DEFAULTS, vfmLow: '0.5', vfmMedium: '1.25', vfmHigh: '3', vfmVeryHigh: '5.5', priceBasis: 'nominal' });
    const rows = Object.fromEntries(
      (await t.db('settings').select('key', 'value')).map((r) => [r.key, JSON.parse(r.value)]),
    );
    expect(rows.vfmBands).toEqual({ poor: '0', low: '0.5', medium: '1.25', high: '3', veryHigh: '5.5' });
    expect(rows.priceBasis).toBe('nominal');
    expect((await metrics('CS-001')).settings.priceBasis).toBe('nominal');
  });

  it.each([
    [
      'amber at or above green',
      { ragGreen: '70', ragAmber: '70' },
      'ragAmber',
      'The amber threshold must be lower than the green threshold',
      'value="70"',
    ],
    [
      'bands that do not rise',
      { vfmLow: '1', vfmMedium: '1' },
      'vfmMedium',
      'The Medium band must start above the Low band, which starts at 1',
      'name="vfmMedium" type="text" value="1"',
    ],
    [
      'a Low band starting at 0',
      { vfmLow: '0' },
      'vfmLow',
      'The Low band must start above the Poor band, which starts at 0',
      'name="vfmLow" type="text" value="0"',
    ],
    [
      'a constant rule with no rate',
      { discountRule: 'constant', discountRate: '' },
      'discountRate',
      'Enter the discount rate, or choose the Green Book schedule',
      'value="constant" checked',
    ],
    [
      'a rate of 150%',
      { discountRule: 'constant', discountRate: '150' },
      'discountRate',
      'Discount rate must be between 0% and 100%',
      'value="150"',
    ],
    [
      'a rate with 5 decimal places',
      { discountRule: 'constant', discountRate: '3.12345' },
      'discountRate',
      'Enter the discount rate with no more than 4 decimal places',
      'value="3.12345"',
    ],
    [
      'a threshold over 100%',
      { ragGreen: '101' },
      'ragGreen',
      'Green threshold must be between 0% and 100%',
      'value="101"',
    ],
    [
      'a band that is not a number',
      { vfmHigh: 'two' },
      'vfmHigh',
      'Enter where the High band starts as a benefit-cost ratio, like 1.5',
      'value="two"',
    ],
    [
      'no price basis',
      { priceBasis: undefined },
      'priceBasis',
      'Select whether figures are in real or nominal prices',
      'value="real" aria',
    ],
  ])(
    'refuses %s with 422, a message by the field and the typed values kept',
    async (_name, change, field, message, kept) => {
      const res = await admin
        .post('/settings')
        .type('form')
        .send({ ...DEFAULTS, ...change });
      expect(res.status).toBe(422);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain(`href="#f-${field}">${message.replace(/'/g, '&#39;')}`);
      expect(res.text).toContain(kept);
      expect(await t.db('settings').select('key')).toEqual([]);
      expect(await settingsAudits()).toHaveLength(0);
    },
  );

  it('lists every problem at once, in the order of the page', async () => {
    const res = await admin.post('/settings').type('form').send({
      discountRule: 'constant',
      discountRate: '',
      ragGreen: '70',
      ragAmber: '80',
      vfmLow: '2',
      vfmMedium: '1.5',
      vfmHigh: 'x',
      vfmVeryHigh: '4',
    });
    expect(res.status).toBe(422);
    const order = [...res.text.matchAll(/<li><a href="#f-([A-Za-z]+)">/g)].map((m) => m[1]);
    expect(order).toEqual(['discountRate', 'ragAmber', 'vfmMedium', 'vfmHigh', 'priceBasis']);
  });
});

describe('who may change settings', () => {
  it.each(['finance', 'project_manager', 'scrutiny'] as const)('refuses %s', async (role) => {
    const client = await webClient(t.app, t.db, role);
    expect((await client.get('/settings')).status).toBe(403);
    const res = await client
      .post('/settings')
      .type('form')
      .send({ ...DEFAULTS, discountRule: 'constant', discountRate: '4' });
    expect(res.status).toBe(403);
    expect(await t.db('settings').select('key')).toEqual([]);
    expect(await settingsAudits()).toHaveLength(0);
  });
});

describe('two admins editing the settings at once', () => {
  it('refuses the later save of a form opened before the earlier save, keeping both versions visible', async () => {
    const t2 = await createTestApp();
    try {
      const first = await webClient(t2.app, t2.db, 'admin');
      const second = await webClient(t2.app, t2.db, 'admin');
      const basedOn = /name="basedOn" value="([0-9a-f]+)"/.exec((await second.get('/settings')).text)![1];
      const form = DEFAULTS;
      expect(
        (
          await first
            .post('/settings')
            .type('form')
            .send({ ...form, ragGreen: '95', basedOn })
        ).status,
      ).toBe(303);
      const stale = await second
        .post('/settings')
        .type('form')
        .send({ ...form, ragGreen: '85', basedOn });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('Someone else changed this record');
      expect(stale.text).toContain('95% / 70%');
      expect(stale.text).toContain('value="85"');
      const rag = JSON.parse((await t2.db('settings').where({ key: 'rag' }).first()).value);
      expect(rag.green).toBe('0.95');
      // Saving again from the refreshed form goes through.
      const fresh = /name="basedOn" value="([0-9a-f]+)"/.exec(stale.text)![1];
      expect(
        (
          await second
            .post('/settings')
            .type('form')
            .send({ ...form, ragGreen: '85', basedOn: fresh })
        ).status,
      ).toBe(303);
    } finally {
      await t2.close();
    }
  });
});
