/**
 * C10 through the API: who may verify (each role, directorate scope, never one's own record), the
 * edit of a verified realisation (a reason, then unverified), unverify, and `verifiedOnly`
 * indicators against hand-worked figures, for a project and for the portfolio.
 */
import { appForTests } from '../helpers/test-app';
import { apiClient, type ApiClient } from '../helpers/clients';
import { aBenefit, aDirectorate, aProjectWithDirectorate } from '../helpers/builders';
import { setProjectManagers } from '../../server/domain/projects';
import { csvImport } from '../helpers/files';

// Each test signs in several roles (password hashing): slow on a busy machine.
jest.setTimeout(30_000);

const ids: { r1: number; r2: number; res: number } = { r1: 0, r2: 0, res: 0 };
const c = {} as { finance: ApiClient; financeRes: ApiClient; admin: ApiClient; scrutiny: ApiClient };

const recordBody = (year: string, amount: string) => ({
  year,
  amount,
  evidence: 'Ledger extract',
  recordedBy: 'A. Manager',
  recordedOn: '2026-01-15',
});

const { t, api: pm } = appForTests({
  api: 'project_manager',
  seed: async (app, { api }) => {
    await aProjectWithDirectorate(app.ctx);
    const res = await aDirectorate(app.ctx, { code: 'RES', name: 'Resources' });
    await setProjectManagers(app.ctx, 'CS-001', [api.userId]);
    // B1 expects £40,000 in 2025/26, B2 £20,000: £60,000 expected to date as at 2025/26.
    await aBenefit(app.ctx, 'CS-001');
    await aBenefit(app.ctx, 'CS-001', {
      ref: 'B2',
      title: 'Fewer licences',
      profile: [{ year: '2025/26', amount: '20000.00' }],
    });
    const cs = (await app.db('directorates').where({ code: 'CS' }).first()).id as number;
    c.finance = await apiClient(app.app, app.db, 'finance', { directorateIds: [cs] });
    c.financeRes = await apiClient(app.app, app.db, 'finance', { directorateIds: [res.id] });
    c.admin = await apiClient(app.app, app.db, 'admin');
    c.scrutiny = await apiClient(app.app, app.db, 'scrutiny');
    const post = (ref: string, body: object) =>
      api.post(`/api/v1/projects/CS-001/benefits/${ref}/realisations`).send(body);
    ids.r1 = (await post('B1', recordBody('2025/26', '30000.00'))).body.id;
    ids.r2 = (await post('B2', recordBody('2025/26', '10000.00'))).body.id;
  },
});

const verify = (who: ApiClient, id = ids.r1, body: object = { grade: 'audited', version: 1 }) =>
  who.post(`/api/v1/realisations/${id}/verify`).send(body);

describe('POST /api/v1/realisations/:id/verify', () => {
  it('lets a finance partner for the directorate verify a realisation they did not record: graded, audited, summarised', async () => {
    const res = await verify(c.finance);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids.r1, version: 2 });
    expect(res.body.verification).toEqual({
      status: 'verified',
      grade: 'audited',
      by: expect.stringContaining('finance'),
      on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const row = await t.db('realisations').where({ id: ids.r1 }).first();
    expect(row).toMatchObject({ verification_status: 'verified', verified_by_user_id: c.finance.userId });
    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'realisation', entity_id: `CS-001/B1/${ids.r1}`, action: 'updated' })
      .first();
    expect(audit.summary).toBe('Realisation for B1 in 2025/26 on CS-001 verified (audited)');
    expect(audit.actor_id).toBe(c.finance.userId);
    // C8: the verified series is refreshed in the same transaction (£30,000 = 30,000,000,000 millionths).
    const summary = await t.db('project_year_summaries').where({ fy_start: 2025 }).first();
    expect(String(summary.verified_cashable_e6)).toBe('30000000000');
    expect(String(summary.realised_cashable_e6)).toBe('40000000000');
  });

  it('lets an administrator who did not record it verify it', async () => {
    const res = await verify(c.admin, ids.r1, { grade: 'management_information', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.verification.grade).toBe('management_information');
  });

  it.each([
    ['a finance partner for another directorate', 'financeRes', /finance partner for the directorate of CS-001/],
    ['a scrutiny user', 'scrutiny', /./],
  ] as const)('refuses %s with 403', async (_label, who, message) => {
    const res = await verify(c[who]);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(message);
    expect((await t.db('realisations').where({ id: ids.r1 }).first()).verification_status).toBe('unverified');
  });

  it('refuses the project manager (who recorded it) with 403', async () => {
    expect((await verify(pm)).status).toBe(403);
  });

  it('refuses anyone verifying a realisation they recorded, an administrator included', async () => {
    const own = await c.admin
      .post('/api/v1/projects/CS-001/benefits/B1/realisations')
      .send(recordBody('2024/25', '5000.00'));
    const res = await verify(c.admin, own.body.id);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('You recorded this realisation: someone else must verify it');
    // Someone else may.
    expect((await verify(c.finance, own.body.id)).status).toBe(200);
  });

  it('needs a version (428), the current one (409), and a grade from the list (400)', async () => {
    expect((await verify(c.finance, ids.r1, { grade: 'audited' })).status).toBe(428);
    const stale = await verify(c.finance, ids.r1, { grade: 'audited', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.verification.status).toBe('unverified');
    const bad = await verify(c.finance, ids.r1, { grade: 'gossip', version: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('grade');
  });
});

describe('the realisations table', () => {
  it('refuses a verified row without a grade, a grade while unverified, and an unknown status', async () => {
    const bad = [
      { verification_status: 'verified', verification_grade: null },
      { verification_status: 'unverified', verification_grade: 'audited' },
      { verification_status: 'checked', verification_grade: null },
    ];
    // Matched on the message: better-sqlite3's error class may be another Jest realm's (see migrations.test.ts).
    for (const patch of bad) {
      const failure = await t
        .db('realisations')
        .where({ id: ids.r1 })
        .update(patch)
        .then(
          () => 'no error',
          (err: unknown) => String((err as { message?: unknown }).message),
        );
      expect(failure).toMatch(/CHECK constraint|check constraint/);
    }
  });
});

describe('editing a verified realisation', () => {
  it('needs a reason (422), then returns it to unverified, audited with the reason', async () => {
    await verify(c.finance);
    const url = `/api/v1/realisations/${ids.r1}`;
    const refused = await pm.patch(url).send({ amount: '31000.00', version: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('changeReason');
    expect(refused.body.error.fields.changeReason).toMatch(/give a reason/);
    const res = await pm.patch(url).send({ amount: '31000.00', changeReason: 'Late invoice credited', version: 2 });
    expect(res.status).toBe(200);
    expect(res.body.amount).toBe('31000.00');
    expect(res.body.verification).toEqual({ status: 'unverified', grade: null, by: null, on: null });
    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'realisation', entity_id: `CS-001/B1/${ids.r1}`, action: 'updated' })
      .orderBy('id', 'desc')
      .first();
    expect(audit.summary).toBe(
      'Realisation for B1 in 2025/26 updated on CS-001 (was verified; now unverified: Late invoice credited)',
    );
    expect(JSON.parse(audit.after_json)).toMatchObject({
      verification: 'unverified',
      changeReason: 'Late invoice credited',
    });
    const summary = await t.db('project_year_summaries').where({ fy_start: 2025 }).first();
    expect(String(summary.verified_cashable_e6)).toBe('0');
    // The one who changed it may not verify it now; the recorder's colleague in finance may.
    expect((await verify(c.finance, ids.r1, { grade: 'estimate', version: 3 })).status).toBe(200);
  });

  it('needs no reason while unverified', async () => {
    const res = await pm.patch(`/api/v1/realisations/${ids.r2}`).send({ amount: '11000.00', version: 1 });
    expect(res.status).toBe(200);
  });
});

describe('importing over a verified realisation', () => {
  const { csv, post } = csvImport('realisations', 'project_code,benefit_ref,year,amount,evidence');

  it('refuses the line that would change it (a file gives no reason), imports an unchanged one, and records the importer', async () => {
    await verify(c.finance);
    const changed = await post(pm, csv('CS-001,B1,2025/26,31000.00,Ledger extract'));
    expect(changed.status).toBe(422);
    expect(changed.body.problems).toEqual([
      {
        line: 2,
        column: 'amount',
        message: 'This realisation is verified: change it on its page, giving a reason (it will return to unverified)',
      },
    ]);
    const same = await post(pm, csv('CS-001,B1,2025/26,30000.00,Ledger extract'));
    expect(same.status).toBe(201);
    expect(same.body.rows).toEqual({ add: 0, update: 0, unchanged: 1 });
    // An import's changes are the importer's: the one who changed r2 may not verify it.
    expect((await post(c.admin, csv('CS-001,B2,2025/26,12000.00,Ledger extract'))).status).toBe(201);
    const refused = await verify(c.admin, ids.r2, { grade: 'audited', version: 2 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('You last changed this realisation: someone else must verify it');
  });
});

describe('POST /api/v1/realisations/:id/unverify', () => {
  it('returns a verified realisation to unverified with a reason; a reason is required', async () => {
    await verify(c.finance);
    const url = `/api/v1/realisations/${ids.r1}/unverify`;
    expect((await c.finance.post(url).send({ version: 2 })).body.error.field).toBe('reason');
    expect((await c.scrutiny.post(url).send({ reason: 'x', version: 2 })).status).toBe(403);
    const res = await c.finance.post(url).send({ reason: 'Invoice disputed', version: 2 });
    expect(res.status).toBe(200);
    expect(res.body.verification.status).toBe('unverified');
    const audit = await t.db('audit_log').where({ entity_type: 'realisation' }).orderBy('id', 'desc').first();
    expect(audit.summary).toBe('Realisation for B1 in 2025/26 on CS-001 returned to unverified: Invoice disputed');
  });
});

describe('verifiedOnly indicators (hand-worked)', () => {
  // As at 2025/26 (asAt 2026-01-15), base year 2024/25: £60,000 expected to date; £30,000 (B1,
  // verified) + £10,000 (B2, unverified) realised. DF(1) = 1/1.035.
  // All: realisation 40,000/60,000 = 0.6667; to-date PV benefits 40,000 / 1.035 = 38,647.34.
  // Verified only: 30,000/60,000 = 0.5000; 30,000 / 1.035 = 28,985.51.
  beforeEach(async () => {
    await verify(c.finance);
  });

  it('counts verified realisations only for a project, and says how much of realised is verified', async () => {
    const all = await pm.get('/api/v1/projects/CS-001/metrics?asAt=2026-01-15');
    expect(all.body.realisation).toMatchObject({
      expectedToDate: '60000.00',
      realisedToDate: '40000.00',
      ratio: '0.6667',
    });
    expect(all.body.toDate.pvBenefits).toBe('38647.34');
    expect(all.body.verification).toEqual({ realisedToDate: '40000.00', verifiedToDate: '30000.00' });
    expect(all.body.settings.verifiedOnly).toBe(false);
    const verified = await pm.get('/api/v1/projects/CS-001/metrics?asAt=2026-01-15&verifiedOnly=true');
    expect(verified.body.realisation).toMatchObject({ realisedToDate: '30000.00', ratio: '0.5000', rag: 'red' });
    expect(verified.body.toDate.pvBenefits).toBe('28985.51');
    expect(verified.body.settings.verifiedOnly).toBe(true);
  });

  it('counts verified realisations only for the portfolio and a directorate, rows included', async () => {
    for (const url of ['/api/v1/portfolio/metrics', '/api/v1/directorates/CS/metrics']) {
      const all = await c.scrutiny.get(`${url}?asAt=2026-01-15`);
      expect(all.body.realisation.ratio).toBe('0.6667');
      expect(all.body.verification).toEqual({ realisedToDate: '40000.00', verifiedToDate: '30000.00' });
      const v = await c.scrutiny.get(`${url}?asAt=2026-01-15&verifiedOnly=true`);
      expect(v.body.realisation).toMatchObject({ realisedToDate: '30000.00', ratio: '0.5000' });
      expect(v.body.toDate.pvBenefits).toBe('28985.51');
      expect(v.body.projects[0].contribution.toDate.pvBenefits).toBe('28985.51');
    }
    // The default view (stored headlines) and verifiedOnly (computed rows) in the current year.
    const now = await c.scrutiny.get('/api/v1/portfolio/metrics?verifiedOnly=true');
    expect(now.body.realisation.realisedToDate).toBe('30000.00');
  });

  it('refuses a verifiedOnly that is not true or false (400)', async () => {
    const res = await pm.get('/api/v1/projects/CS-001/metrics?verifiedOnly=maybe');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('verifiedOnly');
  });
});
