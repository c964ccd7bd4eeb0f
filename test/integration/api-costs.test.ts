import { appForTests, countRows } from '../helpers/test-app';
import { aCostLine, aProjectWithDirectorate } from '../helpers/builders';

let lineId: number;
const { t, api: finance } = appForTests({
  api: 'finance',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx);
    lineId = (await aCostLine(app.ctx, 'CS-001', { amount: '1234.5', description: 'Licences', reference: 'PO-1' })).id;
  },
});

const newLine = {
  year: '2025/26',
  kind: 'actual',
  funding: 'revenue',
  category: 'services',
  recurrence: 'recurring',
  amount: '999.99',
  description: 'Support',
  reference: 'INV-7',
};

describe('GET /api/v1/projects/:code/costs and /api/v1/costs/:id', () => {
  it('lists a project’s cost lines and gets one by id, money with exactly 2 decimals', async () => {
    const expected = {
      id: lineId,
      projectCode: 'CS-001',
      year: '2024/25',
      kind: 'planned',
      // The builder uses the old category name "capital": stored as capital funding, category other.
      category: 'other',
      funding: 'capital',
      recurrence: null,
      amount: '1234.50',
      isCredit: false,
      description: 'Licences',
      reference: 'PO-1',
      version: 1,
    };
    const list = await finance.get('/api/v1/projects/cs-001/costs');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ costs: [expected] });
    expect((await finance.get(`/api/v1/costs/${lineId}`)).body).toEqual(expected);
  });

  it.each(['/api/v1/projects/NOPE/costs', '/api/v1/costs/99999', '/api/v1/costs/abc'])(
    'answers 404 for %s',
    async (url) => {
      const res = await finance.get(url);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    },
  );
});

describe('POST /api/v1/projects/:code/costs', () => {
  it('adds a cost line: 201, Location, the stored pence and an audit row naming the token user', async () => {
    const res = await finance.post('/api/v1/projects/cs-001/costs').send(newLine);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/costs/${res.body.id}`);
    expect(res.body).toEqual({
      id: expect.any(Number),
      projectCode: 'CS-001',
      ...newLine,
      isCredit: false,
      version: 1,
    });
    const row = await t.db('cost_lines').where({ id: res.body.id }).first();
    expect(row).toMatchObject({
      fy_start: 2025,
      kind: 'actual',
      category: 'services',
      funding: 'revenue',
      recurrence: 'recurring',
      is_credit: expect.anything(),
    });
    expect(String(row.amount_pence)).toBe('99999');
    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'cost_line', entity_id: String(res.body.id) })
      .first();
    expect(audit).toMatchObject({ action: 'created', summary: 'Actual cost £999.99 in 2025/26 added on CS-001' });
    expect(audit.actor_label).toContain(finance.email);
  });

  it('accepts an old category name for one version, mapped as the migration maps it, with a Deprecation header', async () => {
    const fresh = await finance.post('/api/v1/projects/CS-001/costs').send(newLine);
    expect(fresh.headers.deprecation).toBeUndefined();
    const { funding: _f, recurrence: _r, ...old } = newLine;
    const res = await finance.post('/api/v1/projects/CS-001/costs').send({ ...old, category: 'revenue_recurring' });
    expect(res.status).toBe(201);
    expect(res.headers.deprecation).toMatch(/^@\d+$/);
    expect(res.headers.link).toContain('rel="deprecation"');
    expect(res.body).toMatchObject({ category: 'other', funding: 'revenue', recurrence: 'recurring' });
    // A PATCH naming an old category maps it too, whatever the line's funding was.
    const patched = await finance
      .patch(`/api/v1/costs/${res.body.id}`)
      .set('If-Match', '"1"')
      .send({ category: 'capital' });
    expect(patched.status).toBe(200);
    expect(patched.headers.deprecation).toMatch(/^@\d+$/);
    expect(patched.body).toMatchObject({ category: 'other', funding: 'capital', recurrence: null });
    // An old name that contradicts the funding sent is refused on the funding field.
    const clash = await finance
      .post('/api/v1/projects/CS-001/costs')
      .send({ ...newLine, category: 'capital', funding: 'revenue' });
    expect(clash.status).toBe(400);
    expect(clash.body.error.field).toBe('funding');
  });

  it('stores a credit as a negative amount whichever sign is sent (C1, C4)', async () => {
    const res = await finance
      .post('/api/v1/projects/CS-001/costs')
      .send({ ...newLine, amount: '250.00', isCredit: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amount: '-250.00', isCredit: true });
    expect(String((await t.db('cost_lines').where({ id: res.body.id }).first()).amount_pence)).toBe('-25000');
  });

  it.each([
    [
      'money as a JSON number',
      { amount: 999.99 },
      'amount',
      'Send money as a string, for example "1234.50", not a JSON number',
    ],
    ['money with 3 decimals', { amount: '1.005' }, 'amount', 'Enter an amount with no more than 2 decimal places'],
    [
      'money with a £ sign',
      { amount: '£5' },
      'amount',
      'Enter an amount as digits with an optional "-" and up to 2 decimals, for example "1234.50"',
    ],
    [
      'a negative amount without isCredit',
      { amount: '-5.00' },
      'amount',
      'Enter an amount of £0 or more, or mark the line as a credit or refund',
    ],
    ['a bad FY label', { year: '2025/27' }, 'year', 'Financial years run for one year: did you mean 2025/26?'],
    ['isCredit as a string', { isCredit: 'yes' }, 'isCredit', 'Credit or refund must be true or false'],
    ['an unknown field', { vat: '20.00' }, 'vat', 'Unknown field "vat"'],
  ])('answers 400 naming the field for %s', async (_case, over, field, message) => {
    const res = await finance.post('/api/v1/projects/CS-001/costs').send({ ...newLine, ...over });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      field,
      message: `${field}: ${message}`,
      fields: { [field]: message },
    });
    expect(await countRows(t.db, 'cost_lines')).toBe(1);
  });

  it('answers 422 for a year before the project’s base year (C3) and 404 for an unknown project', async () => {
    const early = await finance.post('/api/v1/projects/CS-001/costs').send({ ...newLine, year: '2023/24' });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({
      field: 'year',
      fields: { year: "2023/24 is before the project's base year 2024/25" },
    });
    expect((await finance.post('/api/v1/projects/NOPE/costs').send(newLine)).status).toBe(404);
  });
});

describe('PATCH /api/v1/costs/:id', () => {
  it('merges the given fields over the line and audits before and after', async () => {
    const res = await finance
      .patch(`/api/v1/costs/${lineId}`)
      .set('If-Match', '"1"')
      .send({ amount: '2000.00', kind: 'actual' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: lineId,
      kind: 'actual',
      amount: '2000.00',
      description: 'Licences',
      reference: 'PO-1',
      version: 2,
    });
    expect(String((await t.db('cost_lines').where({ id: lineId }).first()).amount_pence)).toBe('200000');
    const audit = await t.db('audit_log').where({ entity_type: 'cost_line', action: 'updated' }).first();
    expect(JSON.parse(audit.before_json)).toMatchObject({ amount: '1234.50', kind: 'planned' });
    expect(JSON.parse(audit.after_json)).toMatchObject({ amount: '2000.00', kind: 'actual' });
  });

  it('answers 400 for money as a number, 3 decimals or a read-only field, and 422 for a year before the base year', async () => {
    expect((await finance.patch(`/api/v1/costs/${lineId}`).send({ version: 1, amount: 5 })).body.error.field).toBe(
      'amount',
    );
    expect((await finance.patch(`/api/v1/costs/${lineId}`).send({ version: 1, amount: '5.001' })).status).toBe(400);
    const ro = await finance.patch(`/api/v1/costs/${lineId}`).send({ version: 1, projectCode: 'RES-001' });
    expect(ro.status).toBe(400);
    expect(ro.body.error.fields).toEqual({ projectCode: 'projectCode is read-only: leave it out' });
    expect((await finance.patch(`/api/v1/costs/${lineId}`).send({ version: 1, year: '2020/21' })).status).toBe(422);
    expect((await t.db('cost_lines').where({ id: lineId }).first()).version).toBe(1);
  });
});

describe('DELETE /api/v1/costs/:id', () => {
  it('deletes the line (204) and audits it; a second delete is 404', async () => {
    expect((await finance.delete(`/api/v1/costs/${lineId}`).set('If-Match', '"1"')).status).toBe(204);
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
    expect(await t.db('audit_log').where({ entity_type: 'cost_line', action: 'deleted' }).first()).toMatchObject({
      entity_id: String(lineId),
      actor_id: finance.userId,
    });
    expect((await finance.delete(`/api/v1/costs/${lineId}`).set('If-Match', '"1"')).status).toBe(404);
  });
});
