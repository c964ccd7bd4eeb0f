import { appForTests } from '../helpers/test-app';
import { aCostLine, aProject, aProjectWithDirectorate } from '../helpers/builders';

const { t, web } = appForTests({ web: 'admin', seed: (app) => aProjectWithDirectorate(app.ctx) });

const valid = {
  year: '2024-25',
  kind: 'planned',
  funding: 'capital',
  category: 'hardware',
  recurrence: 'one_off',
  amount: '£250,000.50',
  description: 'Hardware',
  reference: 'PO-123',
};

describe('POST /projects/:code/costs', () => {
  it('stores the amount as exact integer pence and audits it as an exact string', async () => {
    const res = await web.post('/projects/CS-001/costs').type('form').send(valid);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/projects/CS-001?notice=cost-added#costs');
    const row = await t.db('cost_lines').first();
    expect(row).toMatchObject({
      fy_start: 2024,
      kind: 'planned',
      funding: 'capital',
      category: 'hardware',
      recurrence: 'one_off',
      amount_pence: 25000050,
      reference: 'PO-123',
    });
    const audit = await t.db('audit_log').where({ entity_type: 'cost_line' }).first();
    expect(JSON.parse(audit.after_json)).toMatchObject({ year: '2024/25', amount: '250000.50' });
  });

  it.each([
    ['1e5', 'without an exponent'],
    ['12.345', 'no more than 2 decimal places'],
    ['$100', 'Enter an amount in pounds'],
    ['', 'Enter an amount'],
    ['NaN', 'Enter an amount in pounds'],
    ['1,000,000,000,000.00', 'no larger than £999,999,999,999.99'],
    ['-500', 'mark the line as a credit or refund'],
  ])('re-renders with the typed amount %p and a clear message', async (amount, message) => {
    const res = await web
      .post('/projects/CS-001/costs')
      .type('form')
      .send({ ...valid, amount });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`value="${amount.replace(/&/g, '&amp;')}"`);
    expect(await t.db('cost_lines').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('stores a credit as a negative amount whichever sign was typed', async () => {
    await web
      .post('/projects/CS-001/costs')
      .type('form')
      .send({ ...valid, amount: '500', isCredit: 'on' });
    await web
      .post('/projects/CS-001/costs')
      .type('form')
      .send({ ...valid, amount: '-20', isCredit: 'on' });
    const rows = await t.db('cost_lines').orderBy('id');
    expect(rows.map((r) => [r.amount_pence, Boolean(r.is_credit)])).toEqual([
      [-50000, true],
      [-2000, true],
    ]);
  });

  it('refuses a year before the project base year', async () => {
    const res = await web
      .post('/projects/CS-001/costs')
      .type('form')
      .send({ ...valid, year: '2023/24' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('2023/24 is before the project&#39;s base year 2024/25');
  });

  it('asks for a kind and a category when missing', async () => {
    const res = await web.post('/projects/CS-001/costs').type('form').send({ year: '2024/25', amount: '10' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Select planned or actual');
    expect(res.text).toContain('Select a category');
  });

  it('gives 404 for an unknown project', async () => {
    const res = await web.post('/projects/NOPE/costs').type('form').send(valid);
    expect(res.status).toBe(404);
  });
});

describe('editing and deleting cost lines', () => {
  it('shows the stored amount for editing and saves a change', async () => {
    const line = await aCostLine(t.ctx, 'CS-001', { amount: '1234.50' });
    const form = await web.get(`/projects/CS-001/costs/${line.id}/edit`);
    expect(form.text).toContain('value="1234.50"');
    const res = await web
      .post(`/projects/CS-001/costs/${line.id}/edit`)
      .type('form')
      .send({ ...valid, amount: '1,500', version: '1' });
    expect(res.status).toBe(303);
    expect((await t.db('cost_lines').first()).amount_pence).toBe(150000);
  });

  it('refuses a stale edit with 409 and keeps both versions visible', async () => {
    const line = await aCostLine(t.ctx, 'CS-001');
    await web
      .post(`/projects/CS-001/costs/${line.id}/edit`)
      .type('form')
      .send({ ...valid, amount: '111', version: '1' });
    const res = await web
      .post(`/projects/CS-001/costs/${line.id}/edit`)
      .type('form')
      .send({ ...valid, amount: '222', version: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('value="222"');
    expect(res.text).toContain('£111.00');
    expect((await t.db('cost_lines').first()).amount_pence).toBe(11100);
  });

  it('gives 404 for a cost line id that is not a number or belongs to another project', async () => {
    const line = await aCostLine(t.ctx, 'CS-001');
    await aProject(t.ctx, { code: 'CS-002' });
    expect((await web.get('/projects/CS-001/costs/abc/edit')).status).toBe(404);
    expect((await web.get(`/projects/CS-002/costs/${line.id}/edit`)).status).toBe(404);
  });

  it('confirms, then deletes, auditing what was deleted', async () => {
    const line = await aCostLine(t.ctx, 'CS-001', { amount: '99.99' });
    expect((await web.get(`/projects/CS-001/costs/${line.id}/delete`)).text).toContain('£99.99');
    const res = await web.post(`/projects/CS-001/costs/${line.id}/delete`).type('form').send({});
    expect(res.status).toBe(303);
    expect(await t.db('cost_lines').count({ n: '*' }).first()).toEqual({ n: 0 });
    const audit = await t.db('audit_log').where({ entity_type: 'cost_line', action: 'deleted' }).first();
    expect(JSON.parse(audit.before_json).amount).toBe('99.99');
  });
});
