/**
 * The grids' API (issue 19): GET and PUT /api/v1/projects/:code/costs/grid and …/benefits/grid read
 * and save the grids through the pages' use cases: all cells or none, one audit record, the
 * figures refreshed; money as C7 strings, years as C2 labels, each bad cell named by row and year.
 */
import { appForTests, countRows } from '../helpers/test-app';
import { apiClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProjectWithDirectorate } from '../helpers/builders';
import { verifySummaries } from '../../server/domain/summaries';

const { t, api } = appForTests({
  api: 'finance',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx); // CS-001, base year 2024/25
    // Two lines behind one cell (planned capital other, 2024/25): £100,000 + £250.
    await aCostLine(app.ctx, 'CS-001', { description: 'Servers', reference: 'PO-1' });
    await aCostLine(app.ctx, 'CS-001', { amount: '250.00', description: 'Racks', reference: 'PO-2' });
    await aBenefit(app.ctx, 'CS-001'); // B1, £40,000 in 2025/26
    await aBenefit(app.ctx, 'CS-001', { ref: 'B2', title: 'Printing saved', type: 'non_cashable', profile: [] });
    await aBenefit(app.ctx, 'CS-001', { ref: 'Q1', title: 'Satisfaction', type: 'qualitative', profile: [] });
  },
});

const COSTS = '/api/v1/projects/CS-001/costs/grid';
const PROFILES = '/api/v1/projects/CS-001/benefits/grid';
const METRICS = '/api/v1/projects/CS-001/metrics';

interface Row {
  kind?: string;
  funding?: string;
  category?: string;
  recurrence?: string | null;
  benefitRef?: string;
  years: Record<string, string | null>;
}

const costRow = (kind: string, funding: string, category: string, years: Record<string, string | null>) => ({
  kind,
  funding,
  category,
  recurrence: null,
  years,
});

async function lines() {
  return (
    await t
      .db('cost_lines')
      .orderBy('id')
      .select('fy_start', 'kind', 'funding', 'category', 'amount_pence', 'description')
  ).map((r) => [r.fy_start, r.kind, r.funding, r.category, String(r.amount_pence), r.description]);
}

async function profile() {
  return (
    await t
      .db('benefit_profile as bp')
      .join('benefits as b', 'b.id', 'bp.benefit_id')
      .orderBy(['b.ref', 'bp.fy_start'])
      .select('b.ref', 'bp.fy_start', 'bp.amount_pence')
  ).map((r) => [r.ref, r.fy_start, String(r.amount_pence)]);
}

describe('GET /api/v1/projects/:code/costs/grid', () => {
  it('answers the grid: years as labels, each cell its lines’ total as a C7 string or null, the version also as ETag', async () => {
    const res = await api.get('/api/v1/projects/cs-001/costs/grid');
    expect(res.status).toBe(200);
    expect(res.body.projectCode).toBe('CS-001');
    expect(res.body.years).toEqual(['2024/25', '2025/26', '2026/27', '2027/28', '2028/29']);
    expect(Number.isInteger(res.body.version)).toBe(true);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    const rows = res.body.rows as Row[];
    expect(rows.find((r) => r.kind === 'planned' && r.funding === 'capital' && r.category === 'other')).toEqual({
      kind: 'planned',
      funding: 'capital',
      category: 'other',
      recurrence: null,
      label: 'Planned capital other',
      years: { '2024/25': '100250.00', '2025/26': null, '2026/27': null, '2027/28': null, '2028/29': null },
    });
    // Every other cell is empty, planned rows first.
    expect(rows.filter((r) => Object.values(r.years).some((v) => v !== null))).toHaveLength(1);
    expect(rows[0].kind).toBe('planned');
    expect(rows[rows.length - 1].kind).toBe('actual');
  });
});

describe('PUT /api/v1/projects/:code/costs/grid', () => {
  it('saves the changed cells as one line each, keeps the lines of cells sent as they stand, audits one change and refreshes the figures', async () => {
    const grid = (await api.get(COSTS)).body;
    const before = (await api.get(METRICS)).body.businessCase;
    expect(before.pvCosts).toBe('100250.00');
    // The GET answer sent back with two cells changed (its read-only fields too).
    for (const r of grid.rows as Row[]) {
      if (r.kind === 'planned' && r.funding === 'revenue' && r.category === 'staff') r.years['2024/25'] = '1000.50';
      if (r.kind === 'actual' && r.funding === 'capital' && r.category === 'hardware') r.years['2024/25'] = '0.01';
    }
    const res = await api
      .put(COSTS)
      .set('If-Match', `"${grid.version}"`)
      .send({ ...grid, version: undefined });
    expect(res.status).toBe(200);
    expect(res.body.version).not.toBe(grid.version);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    const staff = (res.body.rows as Row[]).find(
      (r) => r.kind === 'planned' && r.category === 'staff' && r.funding === 'revenue',
    );
    expect(staff?.years['2024/25']).toBe('1000.50');
    expect(await lines()).toEqual([
      [2024, 'planned', 'capital', 'other', '10000000', 'Servers'],
      [2024, 'planned', 'capital', 'other', '25000', 'Racks'],
      [2024, 'planned', 'revenue', 'staff', '100050', 'Entered in the costs grid'],
      [2024, 'actual', 'capital', 'hardware', '1', 'Entered in the costs grid'],
    ]);
    const audits = await t.db('audit_log').where({ entity_type: 'cost_grid' });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'updated', entity_id: 'CS-001', actor_id: api.userId });
    expect(JSON.parse(audits[0].after_json ?? audits[0].after).cells).toEqual([
      { row: 'Planned revenue staff', year: '2024/25', amount: '1000.50' },
      { row: 'Actual capital hardware', year: '2024/25', amount: '0.01' },
    ]);
    // The project's figures read the refreshed summaries (C8): the planned cost is in the base year, undiscounted.
    expect((await api.get(METRICS)).body.businessCase.pvCosts).toBe('101250.50');
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('leaves out the cells a body does not name, and empties a cell sent as null', async () => {
    const { version } = (await api.get(COSTS)).body;
    const res = await api
      .put(COSTS)
      .send({ version, rows: [costRow('planned', 'capital', 'other', { '2024/25': null })] });
    expect(res.status).toBe(200);
    expect(await lines()).toEqual([]);
    expect((await api.get(METRICS)).body.businessCase.pvCosts).toBe('0.00');
  });

  it('refuses the whole grid when one cell is refused by a rule (422), naming the cell by row and year, and writes nothing', async () => {
    const { version } = (await api.get(COSTS)).body;
    const audits = await countRows(t.db, 'audit_log');
    const res = await api.put(COSTS).send({
      version,
      rows: [
        costRow('planned', 'revenue', 'staff', { '2025/26': '500.00' }),
        costRow('planned', 'capital', 'hardware', { '2024/25': '10.00', '2023/24': '20.00' }),
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      field: 'rows.1.years.2023/24',
      fields: {
        'rows.1.years.2023/24': "Planned capital hardware, 2023/24: 2023/24 is before the project's base year 2024/25",
      },
    });
    expect(await lines()).toHaveLength(2);
    expect(await countRows(t.db, 'audit_log')).toBe(audits);
  });

  it('answers 400 naming every malformed cell (a JSON number, 3 decimals, a bad year label, a new credit) and writes nothing', async () => {
    const { version } = (await api.get(COSTS)).body;
    const res = await api.put(COSTS).send({
      version,
      rows: [
        costRow('planned', 'revenue', 'staff', { '2025/26': 500 as unknown as string, '2026/27': '1.005' }),
        costRow('actual', 'revenue', 'staff', { '2025-26': '1.00' }),
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      'rows.0.years.2025/26':
        'Planned revenue staff, 2025/26: Send money as a string, for example "1234.50", not a JSON number',
      'rows.0.years.2026/27': 'Planned revenue staff, 2026/27: Enter an amount with no more than 2 decimal places',
      'rows.1.years.2025-26': 'Actual revenue staff: Enter a financial year in the form "2024/25"',
    });
    const credit = await api
      .put(COSTS)
      .send({ version, rows: [costRow('actual', 'revenue', 'staff', { '2025/26': '-5.00' })] });
    expect(credit.status).toBe(400);
    expect(credit.body.error.fields).toEqual({
      'rows.0.years.2025/26':
        'Actual revenue staff, 2025/26: Enter an amount of £0 or more (enter credits and refunds on the cost line form)',
    });
    const unknown = await api
      .put(COSTS)
      .send({ version, rows: [{ ...costRow('planned', 'revenue', 'x', {}), extra: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toMatchObject({
      'rows.0.category': 'Select a category',
      'rows.0.extra': 'Unknown field "extra"',
    });
    expect(await lines()).toHaveLength(2);
  });

  it('keeps a credit’s negative total when the cell is sent as it stands', async () => {
    await aCostLine(t.ctx, 'CS-001', { year: '2025/26', amount: '-12.50', isCredit: true });
    const grid = (await api.get(COSTS)).body;
    const other = (grid.rows as Row[]).find(
      (r) => r.kind === 'planned' && r.funding === 'capital' && r.category === 'other',
    )!;
    expect(other.years['2025/26']).toBe('-12.50');
    const res = await api
      .put(COSTS)
      .send({ version: grid.version, rows: [{ ...other, years: { ...other.years, '2026/27': '3.00' } }] });
    expect(res.status).toBe(200);
    expect(await lines()).toContainEqual([2025, 'planned', 'capital', 'other', '-1250', '']);
  });

  it('refuses a grid changed since the version sent (409 with the grid as it is now), and a write without a version (428)', async () => {
    const stale = (await api.get(COSTS)).body;
    await aCostLine(t.ctx, 'CS-001', { year: '2025/26', amount: '7.00' });
    const now = (await api.get(COSTS)).body;
    expect(now.version).not.toBe(stale.version);
    const res = await api
      .put(COSTS)
      .set('If-Match', `"${stale.version}"`)
      .send({ rows: [costRow('planned', 'capital', 'other', { '2025/26': '1.00' })] });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'stale_version', field: 'version', current: now });
    const missing = await api.put(COSTS).send({ rows: [] });
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('version_required');
    expect(await lines()).toHaveLength(3);
  });

  it('is for those who may change the project’s costs, as the page is', async () => {
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.get(COSTS)).status).toBe(403);
    expect((await scrutiny.put(COSTS).send({ version: 1, rows: [] })).status).toBe(403);
    const other = await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
    const scoped = await apiClient(t.app, t.db, 'finance', { directorateIds: [other.id] });
    const { version } = (await api.get(COSTS)).body;
    const res = await scoped
      .put(COSTS)
      .send({ version, rows: [costRow('planned', 'revenue', 'staff', { '2025/26': '1.00' })] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('You cannot change project CS-001: ask a finance partner for its directorate');
    expect((await scoped.get(COSTS)).status).toBe(403);
    expect(await lines()).toHaveLength(2);
  });

  it('answers 404 for a project that does not exist', async () => {
    expect((await api.get('/api/v1/projects/NOPE/costs/grid')).status).toBe(404);
    expect((await api.put('/api/v1/projects/NOPE/costs/grid').send({ version: 1, rows: [] })).status).toBe(404);
  });
});

describe('GET and PUT /api/v1/projects/:code/benefits/grid', () => {
  it('answers a row per money benefit over the appraisal period, and saves changed cells all or nothing as one audited change', async () => {
    const grid = (await api.get(PROFILES)).body;
    expect(grid.years).toHaveLength(10);
    expect(grid.years[0]).toBe('2024/25');
    expect((grid.rows as Row[]).map((r) => r.benefitRef)).toEqual(['B1', 'B2']);
    expect(grid.rows[0]).toMatchObject({
      title: 'Staff time saved',
      years: { '2024/25': null, '2025/26': '40000.00' },
    });
    expect(grid.rows[1].title).toBe('Printing saved');
    const before = (await api.get(METRICS)).body.businessCase.pvBenefits;

    const res = await api
      .put(PROFILES)
      .set('If-Match', `"${grid.version}"`)
      .send({
        rows: [
          { benefitRef: 'B1', years: { '2025/26': null, '2024/25': '100.00' } },
          { benefitRef: 'b2', title: 'ignored', years: { '2024/25': '500.00' } },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.rows[1].years['2024/25']).toBe('500.00');
    expect(await profile()).toEqual([
      ['B1', 2024, '10000'],
      ['B2', 2024, '50000'],
    ]);
    expect(await t.db('audit_log').where({ entity_type: 'profile_grid' })).toHaveLength(1);
    const after = (await api.get(METRICS)).body.businessCase.pvBenefits;
    expect(after).not.toBe(before);
    expect(after).toBe('600.00');
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('refuses every bad cell by row and year and writes nothing: a qualitative benefit, an unknown one, a negative amount', async () => {
    const { version } = (await api.get(PROFILES)).body;
    const res = await api.put(PROFILES).send({
      version,
      rows: [
        { benefitRef: 'B1', years: { '2026/27': '5.00' } },
        { benefitRef: 'Q1', years: { '2025/26': '5.00' } },
        { benefitRef: 'B7', years: { '2025/26': '5.00' } },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({
      'rows.1.years.2025/26': 'Q1 Satisfaction, 2025/26: a qualitative benefit has no money profile (C5)',
      'rows.2.years.2025/26': 'B7, 2025/26: there is no benefit B7 on CS-001 any more',
    });
    const negative = await api
      .put(PROFILES)
      .send({ version, rows: [{ benefitRef: 'B2', years: { '2025/26': '-5.00' } }] });
    expect(negative.status).toBe(400);
    expect(negative.body.error.fields).toEqual({
      'rows.0.years.2025/26': 'B2 Printing saved, 2025/26: Enter an amount of £0 or more',
    });
    expect(await profile()).toEqual([['B1', 2025, '4000000']]);
    expect(await t.db('audit_log').where({ entity_type: 'profile_grid' })).toHaveLength(0);
  });

  it('refuses a stale version (409) and those who may not change profiles (403)', async () => {
    const { version } = (await api.get(PROFILES)).body;
    await aBenefit(t.ctx, 'CS-001', { ref: 'B3', title: 'Fewer visits' });
    const res = await api.put(PROFILES).send({ version, rows: [{ benefitRef: 'B1', years: { '2026/27': '1.00' } }] });
    expect(res.status).toBe(409);
    expect((res.body.error.current.rows as Row[]).map((r) => r.benefitRef)).toEqual(['B1', 'B2', 'B3']);
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.get(PROFILES)).status).toBe(403);
    expect((await scrutiny.put(PROFILES).send({ version, rows: [] })).status).toBe(403);
  });

  it('leaves a benefit whose ref is GRID to the benefit routes', async () => {
    await aBenefit(t.ctx, 'CS-001', { ref: 'GRID', title: 'Grid connection' });
    const res = await api.get('/api/v1/projects/CS-001/benefits/GRID');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ref: 'GRID', title: 'Grid connection' });
  });
});
