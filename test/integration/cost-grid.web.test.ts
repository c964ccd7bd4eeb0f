/**
 * The costs grid (issue 19): one Save checks every cell and saves all or nothing, as one audited
 * change with the summaries refreshed; each bad cell is named by row and year.
 */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aProjectWithDirectorate } from '../helpers/builders';
import { verifySummaries } from '../../server/domain/summaries';

const { t, web } = appForTests({
  web: 'finance',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx); // CS-001, base year 2024/25
    // Two lines behind one cell (planned capital other, 2024/25): £100,000 + £250.
    await aCostLine(app.ctx, 'CS-001', { description: 'Servers', reference: 'PO-1' });
    await aCostLine(app.ctx, 'CS-001', { amount: '250.00', description: 'Racks', reference: 'PO-2' });
  },
});

const GRID = '/projects/CS-001/costs/grid';
const cell = (kind: string, funding: string, category: string, fy: number, recurrence = 'none') =>
  `c__${kind}__${funding}__${category}__${recurrence}__${fy}`;
const shown = (name: string) => `s${name.slice(1)}`;

/** The form as the page shows it: every cell input and hidden "shown" total. */
async function formValues(): Promise<Record<string, string>> {
  const html = (await web.get(GRID)).text;
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([cst]__[^"]+|extraYears)"[^>]*value="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

async function lines() {
  return t
    .db('cost_lines')
    .orderBy('id')
    .select('fy_start', 'kind', 'funding', 'category', 'amount_pence', 'description');
}

describe('GET /projects/:code/costs/grid', () => {
  it('shows a row per funding and category for planned and actual, a column per year, each cell its lines’ total', async () => {
    const res = await web.get(GRID);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Planned costs by financial year');
    expect(res.text).toContain('Actual costs by financial year');
    for (const y of ['2024/25', '2025/26', '2026/27', '2027/28', '2028/29']) expect(res.text).toContain(`>${y}</th>`);
    const v = await formValues();
    expect(v[cell('planned', 'capital', 'other', 2024)]).toBe('100250.00');
    expect(v[shown(cell('planned', 'capital', 'other', 2024))]).toBe('100250.00');
    expect(v[cell('actual', 'revenue', 'staff', 2028)]).toBe('');
    expect(res.text).toContain('aria-label="Planned capital other, 2024/25"');
    expect(res.text).toContain('src="/public/js/grid-paste.js"');
  });

  it('is for those who may change the project’s costs', async () => {
    const { webClient } = await import('../helpers/clients');
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.get(GRID)).status).toBe(403);
  });
});

describe('POST /projects/:code/costs/grid', () => {
  it('saves every changed cell as one line, keeps unchanged cells’ lines, audits one change and refreshes the summaries', async () => {
    const v = await formValues();
    const auditsBefore = await t.db('audit_log').count({ n: '*' }).first();
    const res = await web
      .post(GRID)
      .type('form')
      .send({
        ...v,
        action: 'save',
        [cell('planned', 'capital', 'hardware', 2025)]: '£1,000.50',
        [cell('planned', 'revenue', 'licences', 2026)]: '2,000',
        [cell('actual', 'revenue', 'staff', 2024)]: '0.01',
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${GRID}?notice=cost-grid-saved`);
    const rows = await lines();
    expect(rows.map((r) => [r.fy_start, r.kind, r.funding, r.category, String(r.amount_pence), r.description])).toEqual(
      [
        [2024, 'planned', 'capital', 'other', '10000000', 'Servers'],
        [2024, 'planned', 'capital', 'other', '25000', 'Racks'],
        [2024, 'actual', 'revenue', 'staff', '1', 'Entered in the costs grid'],
        [2025, 'planned', 'capital', 'hardware', '100050', 'Entered in the costs grid'],
        [2026, 'planned', 'revenue', 'licences', '200000', 'Entered in the costs grid'],
      ],
    );
    const audits = await t.db('audit_log').where({ entity_type: 'cost_grid' });
    expect(audits).toHaveLength(1);
    expect(audits[0].summary).toBe('Costs grid saved on CS-001: 3 cells changed');
    expect(JSON.parse(audits[0].after_json).cells).toContainEqual({
      row: 'Planned capital hardware',
      year: '2025/26',
      amount: '1000.50',
    });
    const auditsAfter = await t.db('audit_log').count({ n: '*' }).first();
    expect(Number(auditsAfter!.n) - Number(auditsBefore!.n)).toBe(1);
    // C8: the funding series are the ledger's (planned capital 2025/26 = £1,000.50 in millionths).
    const y2025 = await t.db('project_year_summaries').where({ fy_start: 2025 }).first();
    expect(String(y2025.planned_capital_e6)).toBe('1000500000');
    expect(String(y2025.planned_revenue_e6)).toBe('0');
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('replaces a changed cell’s lines with one line and removes an emptied cell’s lines', async () => {
    const v = await formValues();
    await web
      .post(GRID)
      .type('form')
      .send({
        ...v,
        [cell('planned', 'capital', 'other', 2024)]: '90,000',
        [cell('actual', 'revenue', 'staff', 2024)]: '',
      });
    const rows = await t.db('cost_lines').where({ fy_start: 2024 }).select('kind', 'amount_pence', 'description');
    expect(rows.map((r) => [r.kind, String(r.amount_pence), r.description])).toEqual([
      ['planned', '9000000', 'Entered in the costs grid'],
    ]);
  });

  it('saves nothing when any cell is bad, naming each bad cell by row and year, keeping what was typed', async () => {
    const before = await lines();
    const v = await formValues();
    const bad = cell('planned', 'revenue', 'services', 2026);
    const negative = cell('actual', 'capital', 'hardware', 2025);
    const res = await web
      .post(GRID)
      .type('form')
      .send({
        ...v,
        [cell('planned', 'capital', 'hardware', 2027)]: '5,000',
        [bad]: '12.345',
        [negative]: '-10',
      });
    expect(res.status).toBe(422);
    expect(await lines()).toEqual(before);
    expect(res.text).toContain(
      `<a href="#f-${bad}">Planned revenue services, 2026/27: Enter an amount with no more than 2 decimal places</a>`,
    );
    expect(res.text).toContain(`href="#f-${negative}">Actual capital hardware, 2025/26: Enter an amount of £0 or more`);
    expect(res.text).toMatch(new RegExp(`id="f-${bad}" name="${bad}"[^>]*value="12.345"`));
    expect(res.text).toMatch(new RegExp(`name="${cell('planned', 'capital', 'hardware', 2027)}"[^>]*value="5,000"`));
  });

  it('refuses a changed cell whose lines someone else changed since the grid was shown, and saves nothing', async () => {
    const v = await formValues();
    await aCostLine(t.ctx, 'CS-001', { year: '2024/25', amount: '1.00' }); // someone else, meanwhile
    const target = cell('planned', 'capital', 'other', 2024);
    const res = await web
      .post(GRID)
      .type('form')
      .send({ ...v, [target]: '1', [cell('planned', 'capital', 'staff', 2028)]: '7' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('someone changed this cell since you opened the grid');
    expect(await t.db('cost_lines').where({ fy_start: 2028 }).count({ n: '*' }).first()).toMatchObject({ n: 0 });
    // The grid now shows the new total as "shown", so saving again is a deliberate overwrite.
    expect(res.text).toMatch(new RegExp(`name="${shown(target)}" value="100251.00"`));
  });

  it('spreads a total evenly in whole pence (remainder last) and copies the last year forward, without saving', async () => {
    const before = await lines();
    const v = await formValues();
    const row = 'planned__revenue__services__none';
    const spread = await web
      .post(GRID)
      .type('form')
      .send({ ...v, action: 'spread', [`t__${row}`]: '£100.00' });
    expect(spread.status).toBe(200);
    for (const [fy, amount] of [
      [2024, '20.00'],
      [2025, '20.00'],
      [2028, '20.00'],
    ] as const)
      expect(spread.text).toMatch(new RegExp(`name="c__${row}__${fy}"[^>]*value="${amount}"`));
    const thirds = await web
      .post(GRID)
      .type('form')
      .send({ ...v, action: 'add-year' });
    expect(thirds.text).toContain('>2029/30</th>');
    const copy = await web
      .post(GRID)
      .type('form')
      .send({ ...v, action: 'copy-forward', [`c__${row}__2025`]: '1,500' });
    expect(copy.text).toMatch(new RegExp(`name="c__${row}__2024"[^>]*value=""`));
    expect(copy.text).toMatch(new RegExp(`name="c__${row}__2028"[^>]*value="1,500"`));
    const badTotal = await web
      .post(GRID)
      .type('form')
      .send({ ...v, action: 'spread', [`t__${row}`]: '1e5' });
    expect(badTotal.status).toBe(422);
    expect(badTotal.text).toContain('Planned revenue services, total to spread: Enter the amount as plain digits');
    expect(await lines()).toEqual(before);
  });
});

describe('Save and add another', () => {
  it('adds the line and opens a new form starting from its year and classification', async () => {
    const res = await web.post('/projects/CS-001/costs').type('form').send({
      year: '2026/27',
      kind: 'actual',
      funding: 'revenue',
      category: 'licences',
      amount: '10',
      next: 'another',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(
      '/projects/CS-001/costs/new?notice=cost-added&kind=actual&year=2026%2F27&category=licences&funding=revenue',
    );
    const next = await web.get(res.headers.location);
    expect(next.text).toContain('Cost line added');
    expect(next.text).toMatch(/name="year" type="text" value="2026\/27"/);
    expect(next.text).toMatch(/<option value="licences" selected>/);
  });

  it('on the benefit and realisation forms, saves and opens a fresh form for the next one', async () => {
    const benefit = await web.post('/projects/CS-001/benefits').type('form').send({
      ref: 'B7',
      title: 'Postage saved',
      type: 'cashable',
      status: 'identified',
      confidence: '100',
      next: 'another',
    });
    expect(benefit.status).toBe(303);
    expect(benefit.headers.location).toBe('/projects/CS-001/benefits/new?notice=benefit-added');
    expect((await web.get(benefit.headers.location)).text).toContain('Save and add another');
    await aBenefit(t.ctx, 'CS-001', { ref: 'B8', profile: [{ year: '2024/25', amount: '10.00' }] });
    // Realisations are recorded by administrators and the project's managers.
    const { webClient } = await import('../helpers/clients');
    const admin = await webClient(t.app, t.db, 'admin');
    const realisation = await admin.post('/projects/CS-001/benefits/B8/realisations').type('form').send({
      year: '2024/25',
      amount: '5.00',
      evidence: 'Budget monitoring report, period 6',
      recordedBy: 'Finance partner',
      recordedOn: '2024-10-01',
      next: 'another',
    });
    expect(realisation.status).toBe(303);
    expect(realisation.headers.location).toBe(
      '/projects/CS-001/benefits/B8/realisations/new?notice=realisation-recorded',
    );
    expect(await t.db('realisations').count({ n: '*' }).first()).toMatchObject({ n: 1 });
  });
});
