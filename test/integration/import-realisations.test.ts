import { appForTests, countRows } from '../helpers/test-app';
import { apiClient, webClient } from '../helpers/clients';
import { csvImport } from '../helpers/files';
import { aBenefit, aProject, aProjectWithDirectorate, aRealisation } from '../helpers/builders';
import { setProjectManagers } from '../../server/domain/projects';
import { currentFy, fyLabel, todayUkIso } from '../../server/financial-year';

const { t, api: pm } = appForTests({
  api: 'project_manager',
  seed: async (app, { api }) => {
    await aProjectWithDirectorate(app.ctx);
    await aProject(app.ctx, { code: 'CS-002', name: 'Other project' });
    await aBenefit(app.ctx, 'CS-001', { ref: 'B1' });
    await aBenefit(app.ctx, 'CS-001', { ref: 'Q1', title: 'Morale', type: 'qualitative', profile: [] });
    await aBenefit(app.ctx, 'CS-002', { ref: 'B1' });
    await setProjectManagers(app.ctx, 'CS-001', [api.userId]);
  },
});

const HEADER = 'project_code,benefit_ref,year,amount,value,evidence';

const { csv, post } = csvImport('realisations', HEADER);

const NO_EVIDENCE_MESSAGE =
  'Enter the evidence for the amount realised: where the figure comes from (a report, a ledger extract) or a link to it';
/** A year clearly after today's: C6 refuses it whenever the suite runs. */
const future = fyLabel(currentFy() + 3);

async function realisations() {
  const rows = await t
    .db('realisations as r')
    .join('benefits as b', 'b.id', 'r.benefit_id')
    .orderBy('r.id')
    .select(
      'b.ref',
      'r.fy_start',
      'r.amount_pence',
      'r.value',
      'r.is_correction',
      'r.evidence',
      'r.recorded_by',
      'r.recorded_on',
      'r.version',
    );
  return rows.map((r) => ({
    ...r,
    amount_pence: r.amount_pence === null ? null : String(r.amount_pence),
    is_correction: Boolean(r.is_correction),
    recorded_on: String(r.recorded_on).slice(0, 10),
  }));
}

describe('POST /api/v1/imports/realisations', () => {
  it('records realisations on the projects the user manages, with who and when', async () => {
    const res = await post(
      pm,
      csv('CS-001,B1,2025/26,"£30,000.01",,Ledger extract', 'CS-001,q1,2025-26,,Good,Staff survey'),
    );
    expect(res.status).toBe(201);
    expect(res.body.rows).toEqual({ add: 2, update: 0, unchanged: 0 });
    const label = (await t.db('import_batches').first()).actor_label;
    expect(await realisations()).toEqual([
      {
        ref: 'B1',
        fy_start: 2025,
        amount_pence: '3000001',
        value: '',
        is_correction: false,
        evidence: 'Ledger extract',
        recorded_by: label.slice(0, 120),
        recorded_on: todayUkIso(),
        version: 1,
      },
      {
        ref: 'Q1',
        fy_start: 2025,
        amount_pence: null,
        value: 'Good',
        is_correction: false,
        evidence: 'Staff survey',
        recorded_by: label.slice(0, 120),
        recorded_on: todayUkIso(),
        version: 1,
      },
    ]);
  });

  it('updates the realisation of a benefit and year, reports a repeat as unchanged, and never duplicates', async () => {
    await aRealisation(t.ctx, 'CS-001', 'B1', { amount: '100.00', evidence: 'Old' });
    const file = csv('CS-001,B1,2025/26,120,,New');
    expect((await post(pm, file)).body.rows).toEqual({ add: 0, update: 1, unchanged: 0 });
    expect((await post(pm, file)).body.rows).toEqual({ add: 0, update: 0, unchanged: 1 });
    expect((await realisations()).map((r) => [r.amount_pence, r.evidence, r.version])).toEqual([['12000', 'New', 2]]);
  });

  it('accepts a negative amount only on a marked correction', async () => {
    const res = await post(
      pm,
      Buffer.from(
        'project_code,benefit_ref,year,amount,correction,evidence\nCS-001,B1,2025/26,-50,no,Ledger\nCS-001,B1,2026/27,-50,yes,Ledger\n',
      ),
    );
    expect(res.body.problems).toEqual([
      { line: 2, column: 'amount', message: 'Enter an amount of £0 or more, or mark this as a correction' },
    ]);
    const ok = await post(
      pm,
      Buffer.from('project_code,benefit_ref,year,amount,correction,evidence\nCS-001,B1,2026/27,-50,yes,Double count\n'),
    );
    expect(ok.status).toBe(201);
    expect((await realisations()).map((r) => [r.amount_pence, r.is_correction])).toEqual([['-5000', true]]);
  });

  it('reports every rejected value with its line and column, and writes nothing', async () => {
    const res = await post(
      pm,
      csv(
        'CS-001,B1,2025/26,10,,Ledger', //   2: fine
        'CS-001,B9,2025/26,10,,', //         3: unknown benefit
        'CS-001,Q1,2025/26,10,,', //         4: qualitative with an amount and no value
        'CS-001,B1,2026/27,,,', //           5: money benefit without an amount
        'CS-001,B1,2023/24,10,,', //         6: before the base year
        'CS-001,B1,2025/26,11,,', //         7: same benefit and year as line 2
        'CS-002,B1,2025/26,10,,', //         8: not this manager's project
        'CS-001,B1,2027/28,1e3,,', //        9
        'CS-001,B1,,10,,', //               10
        `CS-001,B1,${future},10,,Ledger`, // 11: a year that has not started (C6)
        'CS-001,B1,2024/25,10,,', //        12: an amount without evidence
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { line: 3, column: 'benefit_ref', message: 'There is no benefit B9 on project CS-001' },
      { line: 4, column: 'amount', message: 'This benefit is qualitative: record a measured value, not an amount' },
      { line: 4, column: 'value', message: 'Enter the measured value' },
      { line: 5, column: 'amount', message: 'Enter the amount realised' },
      { line: 6, column: 'year', message: "2023/24 is before the project's base year 2024/25" },
      {
        line: 7,
        column: 'year',
        message: 'Line 2 already has a realisation of benefit B1 in this year: combine them into one line',
      },
      {
        line: 8,
        column: 'project_code',
        message: 'Only the project managers of CS-002 can record its realised benefits',
      },
      { line: 9, column: 'amount', message: 'Enter the amount as plain digits, without an exponent (like 1e5)' },
      { line: 10, column: 'year', message: 'Enter a financial year, for example 2024/25' },
      {
        line: 11,
        column: 'year',
        message: `${future} has not started yet: record a realisation once it has happened, in ${fyLabel(currentFy())} or an earlier year`,
      },
      { line: 12, column: 'evidence', message: NO_EVIDENCE_MESSAGE },
    ]);
    expect(await countRows(t.db, 'realisations')).toBe(0);
  });

  it('refuses a benefit and year that already has several realisations, rather than guessing', async () => {
    await aRealisation(t.ctx, 'CS-001', 'B1');
    await aRealisation(t.ctx, 'CS-001', 'B1', { amount: '5.00' });
    const res = await post(pm, csv('CS-001,B1,2025/26,10,,'));
    expect(res.body.problems).toEqual([
      {
        line: 2,
        column: 'year',
        message: "Benefit B1 already has 2 realisations in this year: correct them on the benefit's page, then import",
      },
    ]);
  });

  it('is for project managers and admins: finance and scrutiny get 403', async () => {
    expect((await post(await apiClient(t.app, t.db, 'finance'), csv('CS-001,B1,2025/26,10,,'))).status).toBe(403);
    expect((await post(await apiClient(t.app, t.db, 'scrutiny'), csv('CS-001,B1,2025/26,10,,'))).status).toBe(403);
    const admin = await apiClient(t.app, t.db, 'admin');
    expect((await post(admin, csv('CS-002,B1,2025/26,10,,Ledger'))).status).toBe(201);
    const web = await webClient(t.app, t.db, 'project_manager');
    const page = await web.get('/imports');
    expect(page.text).toContain('id="import-realisations"');
    expect(page.text).not.toContain('id="import-costs"');
  });

  it('undoes a realisations import, restoring the updated one exactly', async () => {
    await aRealisation(t.ctx, 'CS-001', 'B1', { amount: '100.00', evidence: 'Old' });
    const before = await realisations();
    const res = await post(pm, csv('CS-001,B1,2025/26,120,,New', 'CS-001,B1,2026/27,5,,Added'));
    const admin = await webClient(t.app, t.db, 'admin');
    expect((await admin.post(`/imports/batches/${res.body.batch.id}/undo`).type('form').send({})).status).toBe(303);
    expect(await realisations()).toEqual(before);
  });
});
