/**
 * Issue 19, savings taken from budgets: budget reductions on cashable benefits (form, API, rules,
 * audit) and the cashable savings report by year (page, API with C7 strings, scrutiny report).
 * Figures worked by hand from aThreeProjectPortfolio plus three reductions, all in 2025/26:
 *   CS-001 B1 £20,000.00, CS-002 B1 £50,000.00, RES-001 B1 £30,000.50.
 * CS-001 also has the dis-benefit D1 expecting £40,000 in 2025/26, which counts against (C5).
 * 2025/26: expected 60,000 + 50,000 + 80,000 − 40,000 = 150,000; realised 30,000 + 50,000 + 80,000 = 160,000;
 * taken 100,000.50; realised not taken 59,999.50; expected not taken 49,999.50.
 * 2026/27: CS-001 expects 60,000, nothing realised or taken.
 */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aThreeProjectPortfolio } from '../helpers/builders';
import { recordBudgetReduction } from '../../server/domain/budget-reductions';
import { getCashableSavings } from '../../server/domain/cashable-savings';
import { budgetReductionSchema } from '../../server/validation/budget-reductions.schema';
import { parseOrThrow } from '../../server/validation/fields';
import type { Ctx } from '../../server/domain/types';
import { commitImport, undoImportBatch } from '../../server/domain/imports';

async function reduce(ctx: Ctx, code: string, amount: string, over: Record<string, unknown> = {}, ref = 'B1') {
  return recordBudgetReduction(
    ctx,
    code,
    ref,
    parseOrThrow(budgetReductionSchema('api'), { year: '2025/26', amount, budget: 'Cost centre 41230', ...over }),
  );
}

const { t, web, api } = appForTests({
  web: 'finance',
  api: 'finance',
  per: 'file',
  seed: async (app) => {
    await aThreeProjectPortfolio(app.ctx);
    await aBenefit(app.ctx, 'CS-001', { ref: 'N1', title: 'Staff time', type: 'non_cashable' });
    await aBenefit(app.ctx, 'CS-001', { ref: 'D1', title: 'Extra licences', isDisbenefit: true });
    await reduce(app.ctx, 'CS-001', '20000.00');
    await reduce(app.ctx, 'CS-002', '50000.00');
    await reduce(app.ctx, 'RES-001', '30000.50', { reference: 'Budget report Feb 2025' });
  },
});

describe('the cashable savings figures (domain, from the summaries and an exact SQL sum)', () => {
  it('compares expected, realised and taken by year, with the gaps, for the portfolio and one directorate', async () => {
    const s = await getCashableSavings(t.ctx, { asAt: '2026-03-31' });
    const text = (f: Record<string, { toFixed(n: number): string }>) =>
      Object.fromEntries(
        ['expected', 'realised', 'taken', 'realisedNotTaken', 'expectedNotTaken'].map((k) => [k, f[k].toFixed(2)]),
      );
    expect(s.years.map((y) => [y.fy, y.isFuture, text(y as never)])).toEqual([
      [
        2025,
        false,
        {
          expected: '150000.00',
          realised: '160000.00',
          taken: '100000.50',
          realisedNotTaken: '59999.50',
          expectedNotTaken: '49999.50',
        },
      ],
      [
        2026,
        true,
        {
          expected: '60000.00',
          realised: '0.00',
          taken: '0.00',
          realisedNotTaken: '0.00',
          expectedNotTaken: '60000.00',
        },
      ],
    ]);
    expect(text(s.toDate as never)).toEqual(text(s.years[0] as never));
    expect(s.allYears.expectedNotTaken.toFixed(2)).toBe('109999.50');
    expect(s.byDirectorate.map((d) => [d.directorate.code, d.toDate.realisedNotTaken.toFixed(2)])).toEqual([
      ['CS', '10000.00'],
      ['RES', '49999.50'],
    ]);
    const cs = await getCashableSavings(t.ctx, { directorateCode: 'CS', asAt: '2026-03-31' });
    expect(text(cs.toDate as never)).toEqual({
      expected: '70000.00',
      realised: '80000.00',
      taken: '70000.00',
      realisedNotTaken: '10000.00',
      expectedNotTaken: '0.00',
    });
    expect(cs.byDirectorate).toEqual([]);
  });
});

describe('budget reductions through the API', () => {
  const URL = '/api/v1/projects/cs-001/benefits/b1/budget-reductions';

  it('records one (201, money string, who recorded it from the token) and lists it, audited', async () => {
    const res = await api.post(URL).send({ year: '2025/26', amount: '1234.5', budget: 'ICT', reference: 'V-12' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      projectCode: 'CS-001',
      benefitRef: 'B1',
      year: '2025/26',
      amount: '1234.50',
      budget: 'ICT',
      reference: 'V-12',
      version: 1,
    });
    expect(res.body.recordedBy).toContain(api.email);
    const row = await t.db('budget_reductions').where({ id: res.body.id }).first();
    expect(String(row.amount_pence)).toBe('123450');
    const list = await api.get(URL);
    expect(list.body.budgetReductions.map((r: { amount: string }) => r.amount)).toEqual(['20000.00', '1234.50']);
    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'budget_reduction', entity_id: `CS-001/B1/${res.body.id}` })
      .first();
    expect(audit).toMatchObject({ action: 'created', actor_id: api.userId });
    await t.db('budget_reductions').where({ id: res.body.id }).delete();
  });

  it.each([
    [{ year: '2025/26', amount: 100, budget: 'ICT' }, 400, 'amount'],
    [{ year: '2025/26', amount: '0', budget: 'ICT' }, 400, 'amount'],
    [{ year: '2025/26', amount: '-5.00', budget: 'ICT' }, 400, 'amount'],
    [{ year: '2025-26', amount: '5.00', budget: 'ICT' }, 400, 'year'],
    [{ year: '2025/26', amount: '5.00' }, 400, 'budget'],
    [{ year: '2023/24', amount: '5.00', budget: 'ICT' }, 422, 'year'],
  ])('refuses %j with %i naming the field', async (body, status, field) => {
    const res = await api.post(URL).send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
  });

  it.each(['N1', 'D1'])('refuses a reduction on %s, which is not a cashable saving (409)', async (ref) => {
    const res = await api
      .post(`/api/v1/projects/CS-001/benefits/${ref}/budget-reductions`)
      .send({ year: '2025/26', amount: '5.00', budget: 'ICT' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_cashable');
  });

  it('answers the portfolio report with money strings (C7), and 404 for an unknown directorate', async () => {
    const res = await api.get('/api/v1/portfolio/cashable-savings?directorate=CS&asAt=2026-03-31');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ directorate: 'CS', asAtYear: '2025/26' });
    expect(res.body.years[0]).toEqual({
      year: '2025/26',
      notYetDue: false,
      expected: '70000.00',
      realised: '80000.00',
      takenFromBudgets: '70000.00',
      realisedNotTaken: '10000.00',
      expectedNotTaken: '0.00',
    });
    expect((await api.get('/api/v1/portfolio/cashable-savings?directorate=XX')).status).toBe(404);
    expect((await api.get('/api/v1/portfolio/cashable-savings?status=nope')).status).toBe(400);
  });
});

describe('budget reductions on the benefit page', () => {
  it('lists them on a cashable benefit and offers the form to finance', async () => {
    const page = await web.get('/projects/CS-001/benefits/B1');
    expect(page.text).toContain('Taken from budgets');
    expect(page.text).toContain('£20,000.00');
    expect(page.text).toContain('Record a budget reduction');
    const other = await web.get('/projects/CS-001/benefits/N1');
    expect(other.text).not.toContain('Record a budget reduction');
  });

  it('saves from the form (C1 input) and re-renders 422 with a message per field, input kept', async () => {
    const bad = await web
      .post('/projects/CS-001/benefits/B1/budget-reductions')
      .type('form')
      .send({ year: 'soon', amount: '£1,000.123', budget: 'Adults' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a financial year like 2024/25');
    expect(bad.text).toContain('value="Adults"');
    const ok = await web
      .post('/projects/CS-001/benefits/B1/budget-reductions')
      .type('form')
      .send({ year: '2025-26', amount: '£1,000.25', budget: 'Adults', reference: 'R1' });
    expect(ok.status).toBe(303);
    const row = await t.db('budget_reductions').where({ budget: 'Adults' }).first();
    expect(row).toMatchObject({ fy_start: 2025, reference: 'R1' });
    expect(String(row.amount_pence)).toBe('100025');
    const del = await web.post(`/projects/CS-001/benefits/B1/budget-reductions/${row.id}/delete`).type('form').send({});
    expect(del.status).toBe(303);
    expect(await t.db('budget_reductions').where({ id: row.id }).first()).toBeUndefined();
  });
});

describe('a benefit with budget reductions', () => {
  it('cannot stop being a cashable saving while it has them (API PATCH answers 422 on type)', async () => {
    const b = await api.get('/api/v1/projects/CS-001/benefits/B1');
    const res = await api
      .patch('/api/v1/projects/CS-001/benefits/B1')
      .send({ type: 'non_cashable', version: b.body.version });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('type');
    expect(res.body.error.message).toContain('budget reductions recorded');
  });
});

describe('an import that added a benefit', () => {
  it('cannot be undone once a budget reduction is recorded against that benefit', async () => {
    const file = Buffer.from(
      'project_code,benefit_ref,title,type,year,expected_amount\nRES-001,B7,Fewer invoices,cashable,2025/26,1000.00\n',
    );
    const batch = await commitImport(t.ctx, 'profiles', { fileName: 'p.csv', content: file });
    await reduce(t.ctx, 'RES-001', '500.00', {}, 'B7');
    await expect(undoImportBatch(t.ctx, batch.id)).rejects.toThrow(
      '1 realisation, profile row or budget reduction has since been recorded against benefits it added',
    );
    await t
      .db('budget_reductions')
      .whereIn('benefit_id', t.db('benefits').where({ ref: 'B7' }).select('id'))
      .delete();
    await undoImportBatch(t.ctx, batch.id);
  });
});

describe('the report pages', () => {
  it('shows the cashable savings report with the gap, per directorate', async () => {
    const page = await web.get('/reports/cashable-savings?asAt=2026-03-31');
    expect(page.status).toBe(200);
    expect(page.text).toContain('£59,999.50 of cashable benefits reported as realised up to 2025/26');
    expect(page.text).toContain('£100,000.50');
    const cs = await web.get('/reports/cashable-savings?directorate=cs&asAt=2026-03-31');
    expect(cs.text).toContain('£10,000.00 of cashable benefits');
    const bad = await web.get('/reports/cashable-savings?directorate=ZZ');
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('There is no directorate with code ZZ');
  });

  it('puts the gap on the scrutiny report', async () => {
    const page = await web.get('/reports/scrutiny?asAt=2026-03-31');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Cashable savings taken from budgets');
    expect(page.text).toContain('£59,999.50 of cashable benefits reported as realised');
  });
});
