import { appForTests } from '../helpers/test-app';
import { aDirectorate } from '../helpers/builders';

const { t, web } = appForTests({ web: 'admin', seed: (app) => aDirectorate(app.ctx) });

// C6 worked example: −100 in year 0, +40 in years 1–3 → simple payback 2.50 years.
const rows = {
  rowYear: ['2024/25', '2025/26', '2026/27', '2027/28'],
  rowCost: ['100', '', '', ''],
  rowCashable: ['', '40', '40', '40'],
  rowNonCashable: ['', '', '', ''],
};

describe('GET /appraisal', () => {
  it('offers an empty calculator with years to fill in', async () => {
    const res = await web.get('/appraisal');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Appraisal calculator');
    expect((res.text.match(/name="rowYear"/g) ?? []).length).toBe(6);
  });
});

describe('POST /appraisal', () => {
  it('shows the year table and indicators', async () => {
    const res = await web
      .post('/appraisal')
      .type('form')
      .send({ ...rows, optimismBias: '0', confidence: '100' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('2.50 years');
    expect(res.text).toContain('0.966184');
    expect(res.text).toContain('Save as a proposed project');
  });

  it('re-renders the table with the typed values and an error on the right cell', async () => {
    const res = await web
      .post('/appraisal')
      .type('form')
      .send({ ...rows, rowCashable: ['', '40', '4O', '40'] });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-rows-2-cashable-error"');
    expect(res.text).toContain('value="4O"');
  });

  it('asks for at least one flow', async () => {
    const res = await web
      .post('/appraisal')
      .type('form')
      .send({ rowYear: ['2024/25'], rowCost: [''] });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter at least one year with a cost or a benefit');
  });
});

describe('POST /appraisal/save', () => {
  it('saves the proposal as a proposed project with planned costs and a benefit profile, in one go', async () => {
    const res = await web
      .post('/appraisal/save')
      .type('form')
      .send({
        ...rows,
        optimismBias: '20',
        confidence: '75',
        code: 'cs-050',
        name: 'Trial proposal',
        directorateCode: 'CS',
        costCategory: 'services',
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/projects/CS-050?notice=project-created');
    const p = await t.db('projects').where({ code: 'CS-050' }).first();
    expect(p).toMatchObject({ status: 'proposed', start_fy: 2024, optimism_bias: '0.2' });
    expect(
      (await t.db('cost_lines').where({ project_id: p.id })).map((c) => [
        c.fy_start,
        c.kind,
        c.category,
        c.amount_pence,
      ]),
    ).toEqual([[2024, 'planned', 'services', 10000]]);
    const b = await t.db('benefits').where({ project_id: p.id });
    expect(b.map((x) => [x.ref, x.type, x.confidence])).toEqual([['B1', 'cashable', '0.75']]);
    expect(
      (await t.db('benefit_profile').where({ benefit_id: b[0].id }).orderBy('fy_start')).map((r) => r.amount_pence),
    ).toEqual([4000, 4000, 4000]);
  });

  it('keeps the figures and shows the results when the project details are wrong, writing nothing', async () => {
    const res = await web
      .post('/appraisal/save')
      .type('form')
      .send({ ...rows, code: '', name: 'X', directorateCode: 'ZZ', costCategory: 'capital' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter a project code');
    expect(res.text).toContain('2.50 years');
    expect(res.text).toContain('value="40"');
    expect(await t.db('projects').count({ n: '*' }).first()).toEqual({ n: 0 });
  });
});
