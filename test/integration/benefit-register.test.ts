/**
 * Issue 19: the benefits register (page, "Download this view", API with paging) and council
 * priorities (the managed list, the rule on project writes, the migration's mapping, the page and
 * API of figures per priority). Figures from aThreeProjectPortfolio (see builders.ts), as at
 * 2026-03-31 (2025/26): CS-001 B1 expects £60,000 to date and realised £30,000 (50%); CS-002 B1
 * and RES-001 B1 realised all of £50,000 and £80,000 expected.
 */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aThreeProjectPortfolio } from '../helpers/builders';
import { createPriority, getPrioritiesOverview } from '../../server/domain/priorities';
import { updateProject, getProject } from '../../server/domain/projects';
import { projectSchema } from '../../server/validation/projects.schema';
import { parseOrThrow } from '../../server/validation/fields';
import { projectSnapshot } from '../../server/snapshots';
import { migrations } from '../../db/migrations';
import type { Ctx } from '../../server/domain/types';
import { binary } from '../helpers/files';
import ExcelJS from 'exceljs';

async function setPriority(ctx: Ctx, code: string, priority: string) {
  const p = await getProject(ctx, code);
  const snap = projectSnapshot(p) as Record<string, unknown>;
  const input = { ...snap, priority } as Record<string, unknown>;
  for (const k of Object.keys(input))
    if (
      ![
        'code',
        'name',
        'directorateCode',
        'description',
        'sponsor',
        'manager',
        'status',
        'startYear',
        'baseYear',
        'discountRate',
        'optimismBias',
        'priority',
      ].includes(k)
    )
      delete input[k];
  return updateProject(ctx, code, p.version, parseOrThrow(projectSchema('api'), input));
}

const { t, web, api } = appForTests({
  web: 'admin',
  api: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await aThreeProjectPortfolio(app.ctx);
    await aBenefit(app.ctx, 'CS-001', {
      ref: 'Q1',
      title: 'Better morale',
      type: 'qualitative',
      profile: [],
      owner: 'Jo Bloggs',
    });
    await createPriority(app.ctx, { name: 'Best city for children', description: '' });
    await createPriority(app.ctx, { name: 'Efficient council', description: '' });
    await setPriority(app.ctx, 'CS-001', 'best city for children');
    await setPriority(app.ctx, 'CS-002', 'Best city for children');
    await setPriority(app.ctx, 'RES-001', 'Efficient council');
  },
});

describe('the benefits register page', () => {
  it('lists every benefit with figures to date, sorted and filtered on the server', async () => {
    const page = await web.get('/benefits?asAt=2026-03-31');
    expect(page.status).toBe(200);
    expect(page.text).toContain('4 benefits');
    const cs1 = page.text.slice(page.text.indexOf('/projects/CS-001/benefits/B1"'));
    expect(cs1).toMatch(/£60,000\.00[\s\S]*?£30,000\.00[\s\S]*?50\.0%/);
    const byRealised = await web.get('/benefits?asAt=2026-03-31&sort=realised&dir=desc');
    const order = [...byRealised.text.matchAll(/href="\/projects\/([A-Z0-9-]+)\/benefits\/([A-Z0-9]+)"/g)].map(
      (m) => `${m[1]}/${m[2]}`,
    );
    expect(order).toEqual(['RES-001/B1', 'CS-002/B1', 'CS-001/B1', 'CS-001/Q1']);
    const filtered = await web.get('/benefits?directorate=cs&type=cashable&priority=Best+city+for+children');
    expect(filtered.text).toContain('2 benefits');
    expect(filtered.text).not.toContain('/projects/RES-001/benefits/B1"');
    const owner = await web.get('/benefits?owner=bloggs');
    expect(owner.text).toContain('1 benefit');
    const bad = await web.get('/benefits?type=magic');
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('Choose a type from the list');
  });

  it('downloads the current view as CSV with readable headings, in the page order', async () => {
    const res = await web.get('/benefits.csv?asAt=2026-03-31&sort=realised&dir=asc&type=cashable');
    expect(res.status).toBe(200);
    const lines = res.text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Project code,Project,Project status,Directorate,Council priority,Benefit ref');
    expect(lines[0]).toContain('Expected to date (to 2025/26)');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['CS-001', 'CS-002', 'RES-001']);
    expect(lines[1]).toContain('60000.00,30000.00,0.5000');
  });

  it('downloads the same view as a workbook', async () => {
    const res = await web.get('/benefits.xlsx?directorate=RES').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Project code');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('RES-001');
  });
});

describe('GET /api/v1/benefits', () => {
  it('pages with limit and cursor, money as strings (C7) and the register fields', async () => {
    const first = await api.get('/api/v1/benefits?limit=3&asAt=2026-03-31');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(4);
    expect(first.body.benefits.map((b: { projectCode: string; ref: string }) => `${b.projectCode}/${b.ref}`)).toEqual([
      'CS-001/B1',
      'CS-001/Q1',
      'CS-002/B1',
    ]);
    expect(first.body.benefits[0]).toMatchObject({
      type: 'cashable',
      expectedToDate: '60000.00',
      realisedToDate: '30000.00',
      realisation: '0.5000',
      priority: 'Best city for children',
    });
    expect(first.body.benefits[1]).toMatchObject({ expectedToDate: null, realisation: null });
    const next = await api.get(`/api/v1/benefits?limit=3&cursor=${first.body.nextCursor}`);
    expect(next.body.benefits.map((b: { projectCode: string }) => b.projectCode)).toEqual(['RES-001']);
    expect(next.body.nextCursor).toBeNull();
    expect((await api.get('/api/v1/benefits?cursor=zzz')).status).toBe(400);
    expect((await api.get('/api/v1/benefits?status=nope')).status).toBe(400);
  });
});

describe('council priorities', () => {
  it('refuses a project priority not on the list, on every entry point (the domain rule)', async () => {
    await expect(setPriority(t.ctx, 'CS-001', 'Something else')).rejects.toMatchObject({
      fields: { priority: expect.stringContaining('is not on the list of council priorities') },
    });
  });

  it('offers the list as a select on the project form', async () => {
    const form = await web.get('/projects/new');
    expect(form.text).toMatch(/<select[^>]*name="priority"/);
    expect(form.text).toContain('<option value="Efficient council"');
  });

  it('renames a priority on its projects, and will not remove one in use', async () => {
    const row = await t.db('priorities').where({ name: 'Efficient council' }).first();
    const renamed = await web
      .post(`/priorities/${row.id}/edit`)
      .type('form')
      .send({ name: 'Efficient  council ', description: 'Spend less', version: '1' });
    expect(renamed.status).toBe(303);
    expect((await getProject(t.ctx, 'RES-001')).priority).toBe('Efficient council');
    const rename2 = await web
      .post(`/priorities/${row.id}/edit`)
      .type('form')
      .send({ name: 'Value for money', description: '', version: '2' });
    expect(rename2.status).toBe(303);
    expect((await getProject(t.ctx, 'RES-001')).priority).toBe('Value for money');
    const del = await web.post(`/priorities/${row.id}/delete`).type('form').send({});
    expect(del.status).toBe(409);
    const dup = await web.post('/priorities').type('form').send({ name: 'value FOR money' });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('Value for money is already on the list');
  });

  it('shows £ invested, NPV and realisation per priority from summed flows appraised once (C6)', async () => {
    const o = await getPrioritiesOverview(t.ctx, '2026-03-31');
    const children = o.priorities.find((p) => p.name === 'Best city for children')!;
    // CS-001 + CS-002, forecast as at 2025/26: actual £120,000 in 2024/25, planned £20,000 in 2025/26.
    expect(children.projectCount).toBe(2);
    expect(children.figures.forecast.totals.costs.toFixed(2)).toBe('140000.00');
    // Realisation: (30,000 + 50,000) / (60,000 + 50,000) = 0.727272…, not the mean of 50% and 100%.
    expect(children.figures.realisation.ratio!.toFixed(4)).toBe('0.7273');
    const page = await web.get('/priorities');
    expect(page.text).toContain('Best city for children');
    expect(page.text).toContain('Add a council priority');
    const res = await api.get('/api/v1/priorities?asAt=2026-03-31');
    expect(res.status).toBe(200);
    expect(res.body.priorities.find((p: { name: string }) => p.name === 'Best city for children')).toMatchObject({
      projectCount: 2,
      wholeLifeCost: '140000.00',
      realisation: '0.7273',
    });
  });
});

describe('the budget reductions migration', () => {
  it('rolls back and runs again', async () => {
    const m = migrations.find(([n]) => n === '20261203220100_create_budget_reductions')![1];
    await m.down(t.db);
    expect(await t.db.schema.hasTable('budget_reductions')).toBe(false);
    await m.up(t.db);
    expect(await t.db('budget_reductions').count({ n: '*' }).first()).toEqual({ n: expect.anything() });
  });
});

describe('the priorities migration', () => {
  it('maps existing free-text priorities to list entries, one per spelling ignoring case and spaces', async () => {
    const name = '20261203220200_create_priorities';
    const m = migrations.find(([n]) => n === name)![1];
    await m.down(t.db);
    await t.db('projects').where({ code: 'CS-002' }).update({ priority: '  BEST city   for children ' });
    await t.db('projects').where({ code: 'RES-001' }).update({ priority: 'Digital first' });
    await m.up(t.db);
    // Spelled as the first project by code has it (CS-001 kept the list's own spelling).
    expect((await t.db('priorities').orderBy('name')).map((r: { name: string }) => r.name)).toEqual([
      'Best city for children',
      'Digital first',
    ]);
    const priorities = await t.db('projects').orderBy('code').pluck('priority');
    expect(priorities).toEqual(['Best city for children', 'Best city for children', 'Digital first']);
  });
});
