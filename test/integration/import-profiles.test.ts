import ExcelJS from 'exceljs';
import { appForTests, countRows } from '../helpers/test-app';
import { apiClient, webClient } from '../helpers/clients';
import { csvImport } from '../helpers/files';
import { aBenefit, aDirectorate, aProjectWithDirectorate, aRealisation } from '../helpers/builders';
import { updateBenefit } from '../../server/domain/benefits';
import { benefitSchema } from '../../server/validation/benefits.schema';
import { parseOrThrow } from '../../server/validation/fields';

const { t, api: finance } = appForTests({
  api: 'finance',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx);
  },
});

const HEADER = 'project_code,benefit_ref,title,type,category,year,expected_amount,confidence,owner,disbenefit';

const { csv, post } = csvImport('profiles', HEADER);

async function benefits() {
  const rows = await t
    .db('benefits')
    .orderBy('id')
    .select('ref', 'title', 'type', 'category', 'confidence', 'owner', 'is_disbenefit', 'version');
  return rows.map((r) => ({ ...r, is_disbenefit: Boolean(r.is_disbenefit) }));
}

async function profile() {
  const rows = await t
    .db('benefit_profile as bp')
    .join('benefits as b', 'b.id', 'bp.benefit_id')
    .orderBy(['b.ref', 'bp.fy_start'])
    .select('b.ref', 'bp.fy_start', 'bp.amount_pence', 'bp.version');
  return rows.map((r) => [r.ref, r.fy_start, String(r.amount_pence), r.version]);
}

describe('POST /api/v1/imports/profiles', () => {
  it('adds new benefits with their yearly profile, exact to the penny, confidence as a fraction or a percentage', async () => {
    const res = await post(
      finance,
      csv(
        'CS-001,B1,Staff time saved,cashable,Efficiency,2025/26,"£40,000.50",80%,Head of Service,no',
        'CS-001,B1,Staff time saved,cashable,Efficiency,2026-27,45000,0.8,Head of Service,',
        'CS-001,d1,Training burden,non_cashable,,2025/26,1000,,,yes',
        'CS-001,Q1,Better morale,qualitative,,,,0.5,,',
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body.rows).toEqual({ add: 4, update: 0, unchanged: 0 });
    expect(await benefits()).toEqual([
      {
        ref: 'B1',
        title: 'Staff time saved',
        type: 'cashable',
        category: 'Efficiency',
        confidence: '0.8',
        owner: 'Head of Service',
        is_disbenefit: false,
        version: 1,
      },
      {
        ref: 'D1',
        title: 'Training burden',
        type: 'non_cashable',
        category: '',
        confidence: '1',
        owner: '',
        is_disbenefit: true,
        version: 1,
      },
      {
        ref: 'Q1',
        title: 'Better morale',
        type: 'qualitative',
        category: '',
        confidence: '0.5',
        owner: '',
        is_disbenefit: false,
        version: 1,
      },
    ]);
    expect(await profile()).toEqual([
      ['B1', 2025, '4000050', 1],
      ['B1', 2026, '4500000', 1],
      ['D1', 2025, '100000', 1],
    ]);
    expect(await countRows(t.db, 'audit_log', { entity_type: 'import_batch' })).toBe(1);
    expect(await countRows(t.db, 'audit_log', { entity_type: 'benefit' })).toBe(0);
  });

  it('updates an existing benefit and its profile years, reports the rest unchanged, and never duplicates', async () => {
    await aBenefit(t.ctx, 'CS-001', {
      ref: 'B1',
      title: 'Old title',
      profile: [
        { year: '2025/26', amount: '100.00' },
        { year: '2026/27', amount: '200.00' },
      ],
    });
    const file = csv(
      'CS-001,B1,New title,cashable,,2025/26,100,1,,no',
      'CS-001,B1,New title,cashable,,2026/27,250,1,,no',
      'CS-001,B1,New title,cashable,,2027/28,300,1,,no',
    );
    const res = await post(finance, file);
    expect(res.body.rows).toEqual({ add: 1, update: 2, unchanged: 0 });
    expect((await benefits())[0]).toMatchObject({ title: 'New title', version: 2 });
    expect(await profile()).toEqual([
      ['B1', 2025, '10000', 1],
      ['B1', 2026, '25000', 2],
      ['B1', 2027, '30000', 1],
    ]);
    const again = await post(finance, file);
    expect(again.body.rows).toEqual({ add: 0, update: 0, unchanged: 3 });
    expect(await countRows(t.db, 'benefits')).toBe(1);
    expect(await countRows(t.db, 'benefit_profile')).toBe(3);
  });

  it('reports every rejected value with its line and column, and writes nothing', async () => {
    const res = await post(
      finance,
      csv(
        'CS-001,B1,Fine,cashable,,2025/26,10,,,', //                  2
        'CS-001,B2,,cashable,,2025/26,10,,,', //                      3: no title
        'CS-001,B3,Bad type,monetary,,2025/26,10,,,', //              4
        'CS-001,B4,Bad money,cashable,,2025/26,-10,,,', //            5: negative
        'CS-001,B5,Bad money,cashable,,2025/26,1.234,,,', //          6
        'CS-001,B6,Bad confidence,cashable,,2025/26,10,120%,,', //    7
        'CS-001,B7,Bad confidence,cashable,,2025/26,10,80,,', //      8
        'CS-001,B8,Qualitative,qualitative,,2025/26,10,,,', //        9
        'CS-001,B9,Early,cashable,,2023/24,10,,,', //                10
        'NOPE,B1,Unknown project,cashable,,2025/26,10,,,', //        11
        'CS-001,B1,Fine,cashable,,2025/26,20,,,', //                 12: same year again
        'CS-001,B1,Other title,cashable,,2026/27,20,,,', //          13: conflicting title
        'CS-001,B10,Amount without year,cashable,,,20,,,', //        14
        'CS-001,B11,Year without amount,cashable,,2025/26,,,,', //   15
        'CS-001,B 12,Bad ref,cashable,,2025/26,1,,,maybe', //        16
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { line: 3, column: 'title', message: 'Enter a title' },
      { line: 4, column: 'type', message: 'Enter the type as one of: cashable, non_cashable, qualitative' },
      { line: 5, column: 'expected_amount', message: 'Enter an amount of £0 or more' },
      { line: 6, column: 'expected_amount', message: 'Enter an amount with no more than 2 decimal places' },
      { line: 7, column: 'confidence', message: 'Enter a confidence between 0 and 1, or between 0% and 100%' },
      { line: 8, column: 'confidence', message: 'Enter a confidence between 0 and 1, or between 0% and 100%' },
      {
        line: 9,
        column: 'expected_amount',
        message: 'Qualitative benefits have no money value: leave the amount empty or choose a money type',
      },
      { line: 10, column: 'year', message: "2023/24 is before the project's base year 2024/25" },
      { line: 11, column: 'project_code', message: 'There is no project with code NOPE' },
      { line: 12, column: 'year', message: '2025/26 appears more than once: enter one amount per year' },
      {
        line: 13,
        column: 'title',
        message: 'Line 2 gives benefit B1 a different title: give the benefit the same details on every line',
      },
      { line: 14, column: 'year', message: 'Enter the year of this expected amount' },
      {
        line: 15,
        column: 'expected_amount',
        message: 'Enter the expected amount for this year, or leave both the year and the amount blank',
      },
      {
        line: 16,
        column: 'benefit_ref',
        message: 'Benefit reference must use only letters, numbers and hyphens, like B1',
      },
      { line: 16, column: 'disbenefit', message: 'Dis-benefit must be yes or no' },
    ]);
    expect(await countRows(t.db, 'benefits')).toBe(0);
    expect(await countRows(t.db, 'benefit_profile')).toBe(0);
  });

  it('keeps the qualitative and money rules of the benefit form when an import changes a type', async () => {
    await aBenefit(t.ctx, 'CS-001', { ref: 'B1', profile: [{ year: '2025/26', amount: '100.00' }] });
    await aRealisation(t.ctx, 'CS-001', 'B1');
    await aBenefit(t.ctx, 'CS-001', {
      ref: 'B2',
      profile: [
        { year: '2025/26', amount: '100.00' },
        { year: '2026/27', amount: '50.00' },
      ],
    });
    const res = await post(
      finance,
      csv(
        'CS-001,B1,Staff time saved,qualitative,,2025/26,0,,,',
        'CS-001,B2,Staff time saved,qualitative,,2025/26,0,,,',
      ),
    );
    expect(res.body.problems).toEqual([
      {
        line: 2,
        column: 'type',
        message: 'This benefit has money realisations recorded: remove them before making it qualitative',
      },
      {
        line: 3,
        column: 'type',
        message: 'This benefit has expected amounts in other years: a qualitative benefit has no money value (C5)',
      },
    ]);
  });

  it('refuses finance partners outside the directorate, project managers and scrutiny', async () => {
    await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
    const resId = (await t.db('directorates').where({ code: 'RES' }).first()).id;
    const scoped = await apiClient(t.app, t.db, 'finance', { directorateIds: [resId] });
    expect((await post(scoped, csv('CS-001,B1,T,cashable,,2025/26,1,,,'))).body.problems).toEqual([
      {
        line: 2,
        column: 'project_code',
        message: 'You cannot change project CS-001: ask a finance partner for its directorate',
      },
    ]);
    expect(
      (await post(await apiClient(t.app, t.db, 'project_manager'), csv('CS-001,B1,T,cashable,,2025/26,1,,,'))).status,
    ).toBe(403);
    expect(
      (await post(await apiClient(t.app, t.db, 'scrutiny'), csv('CS-001,B1,T,cashable,,2025/26,1,,,'))).status,
    ).toBe(403);
  });

  it('imports from .xlsx, where a percentage cell reads as its fraction', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Profiles');
    ws.addRow(HEADER.split(','));
    ws.addRow([
      'CS-001',
      'B1',
      'Staff time saved',
      'cashable',
      'Efficiency',
      '2025/26',
      40000.5,
      0.75,
      'Head of Service',
      false,
    ]);
    ws.getCell('H2').numFmt = '0%';
    const res = await finance
      .post('/api/v1/imports/profiles')
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'profiles.xlsx');
    expect(res.status).toBe(201);
    expect((await benefits())[0]).toMatchObject({ confidence: '0.75', is_disbenefit: false });
    expect(await profile()).toEqual([['B1', 2025, '4000050', 1]]);
  });
});

describe('undo of a profiles import', () => {
  it('removes added benefits and profile rows and restores updated ones exactly', async () => {
    await aBenefit(t.ctx, 'CS-001', {
      ref: 'B1',
      title: 'Old title',
      confidence: '0.9',
      profile: [{ year: '2025/26', amount: '100.00' }],
    });
    const before = { benefits: await benefits(), profile: await profile() };
    const res = await post(
      finance,
      csv(
        'CS-001,B1,New title,non_cashable,Cat,2025/26,150,50%,Owner,yes',
        'CS-001,B1,New title,non_cashable,Cat,2026/27,10,50%,Owner,yes',
        'CS-001,B2,Added,cashable,,2025/26,5,,,',
      ),
    );
    expect(res.body.rows).toEqual({ add: 2, update: 1, unchanged: 0 });
    const admin = await webClient(t.app, t.db, 'admin');
    expect((await admin.post(`/imports/batches/${res.body.batch.id}/undo`).type('form').send({})).status).toBe(303);
    expect({ benefits: await benefits(), profile: await profile() }).toEqual(before);
  });

  it('refuses when the benefit was edited since, or a realisation was recorded against a benefit it added', async () => {
    await aBenefit(t.ctx, 'CS-001', { ref: 'B1', profile: [{ year: '2025/26', amount: '100.00' }] });
    const edited = await post(finance, csv('CS-001,B1,Renamed,cashable,,2025/26,100,,,'));
    await updateBenefit(
      t.ctx,
      'CS-001',
      'B1',
      2,
      parseOrThrow(benefitSchema('api'), {
        ref: 'B1',
        title: 'By hand',
        type: 'cashable',
        profile: [{ year: '2025/26', amount: '100.00' }],
      }),
    );
    const added = await post(finance, csv('CS-001,B2,Added,cashable,,2025/26,5,,,'));
    await aRealisation(t.ctx, 'CS-001', 'B2');
    const admin = await webClient(t.app, t.db, 'admin');
    const first = await admin.post(`/imports/batches/${edited.body.batch.id}/undo`).type('form').send({});
    expect(first.status).toBe(409);
    expect(first.text).toMatch(/changed since \(benefit \d+/);
    const second = await admin.post(`/imports/batches/${added.body.batch.id}/undo`).type('form').send({});
    expect(second.status).toBe(409);
    expect(second.text).toContain(
      '1 realisation, profile row or budget reduction has since been recorded against benefits it added',
    );
    expect(await countRows(t.db, 'benefits')).toBe(2);
  });
});
