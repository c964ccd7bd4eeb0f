import ExcelJS from 'exceljs';
import request from 'supertest';
import { appForTests, countRows } from '../helpers/test-app';
import { apiClient, csrfFrom, webClient, type WebClient } from '../helpers/clients';
import { costLineRows, csvImport } from '../helpers/files';
import { aCostLine, aDirectorate, aProject, aProjectWithDirectorate } from '../helpers/builders';
import { updateCostLine } from '../../server/domain/costs';
import { costSchema } from '../../server/validation/costs.schema';
import { parseOrThrow } from '../../server/validation/fields';

const { t, api: finance } = appForTests({
  api: 'finance',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx);
    await aDirectorate(app.ctx, { code: 'RES', name: 'Resources' });
    await aProject(app.ctx, { code: 'RES-001', directorateCode: 'RES', name: 'Finance system' });
  },
});

const HEADER = 'project_code,year,kind,category,amount,description,reference';

const { csv, post: postCsv } = csvImport('costs', HEADER);

async function costRows() {
  const rows = await costLineRows(t.db).select('c.version').orderBy('c.id');
  return rows.map((r) => ({ ...r, amount_pence: String(r.amount_pence), is_credit: Boolean(r.is_credit) }));
}

describe('POST /api/v1/imports/costs', () => {
  it('imports every line with exact pence, the lenient C1/C2 formats and quoted commas, as one batch with one audit row', async () => {
    const body = csv(
      'CS-001,2024-25,planned,capital,"£1,234.50","Servers, racks",PO-1',
      'cs-001,FY2025/26,Actual,Revenue_One_Off,0.07,,PO-2',
      'RES-001,2024/25,planned,licences,999999999999.99,Big,PO-3',
    );
    const res = await postCsv(finance, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'costs',
      rows: { add: 3, update: 0, unchanged: 0 },
      problems: [],
      batch: { id: 1, rows: { add: 3 } },
    });
    expect(res.body.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await costRows()).toEqual([
      {
        code: 'CS-001',
        fy_start: 2024,
        kind: 'planned',
        // Old category names (files from before the funding column) map as the migration maps stored lines.
        category: 'other',
        amount_pence: '123450',
        is_credit: false,
        description: 'Servers, racks',
        reference: 'PO-1',
        version: 1,
      },
      {
        code: 'CS-001',
        fy_start: 2025,
        kind: 'actual',
        category: 'other',
        amount_pence: '7',
        is_credit: false,
        description: '',
        reference: 'PO-2',
        version: 1,
      },
      {
        code: 'RES-001',
        fy_start: 2024,
        kind: 'planned',
        category: 'licences',
        amount_pence: '99999999999999',
        is_credit: false,
        description: 'Big',
        reference: 'PO-3',
        version: 1,
      },
    ]);
    const audit = await t.db('audit_log').where({ entity_type: 'import_batch' });
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toMatch(
      /^Imported cost lines from costs-\d{4}-\d{2}-\d{2}\.csv: 3 added, 0 updated, 0 unchanged$/,
    );
    expect(JSON.parse(audit[0].after_json)).toMatchObject({
      kind: 'costs',
      checksum: res.body.checksum,
      rows: { add: 3, update: 0, unchanged: 0 },
    });
    expect(await countRows(t.db, 'audit_log', { entity_type: 'cost_line' })).toBe(0);
    expect(await t.db('import_batches').first()).toMatchObject({
      kind: 'costs',
      checksum: res.body.checksum,
      added: 3,
      updated: 0,
      unchanged: 0,
      actor_id: finance.userId,
    });
    expect(await countRows(t.db, 'import_batch_rows', { action: 'inserted' })).toBe(3);
  });

  it('stores a credit as a negative amount whichever sign was typed', async () => {
    const res = await postCsv(
      finance,
      'project_code,year,kind,category,amount,reference,credit\nCS-001,2024/25,actual,services,500,CR-1,yes\nCS-001,2024/25,actual,services,-20.5,CR-2,true\n',
    );
    expect(res.status).toBe(201);
    expect((await costRows()).map((r) => [r.amount_pence, r.is_credit])).toEqual([
      ['-50000', true],
      ['-2050', true],
    ]);
  });

  it('previews without writing anything on dryRun=true', async () => {
    const res = await postCsv(finance, csv('CS-001,2024/25,planned,capital,100,,A'), true);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'costs',
      fileName: expect.any(String),
      checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
      rows: { add: 1, update: 0, unchanged: 0 },
      problemCount: 0,
      problems: [],
    });
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
    expect(await countRows(t.db, 'import_batches')).toBe(0);
  });

  it('reports every rejected value with its line and column, and writes nothing at all', async () => {
    const body = csv(
      'CS-001,2024/25,planned,capital,100,,OK-1', //                 2: fine
      'CS-001,2024/25,planned,capital,abc,,X-3', //                   3
      'CS-001,2024/25,planned,capital,12.345,,X-4', //                4
      'CS-001,2024/25,planned,capital,1e5,,X-5', //                   5
      'CS-001,2024/26,planned,capital,1,,X-6', //                     6
      'CS-001,24/25,planned,capital,1,,X-7', //                       7
      'CS-001,2024/25,forecast,capital,1,,X-8', //                    8
      'CS-001,2024/25,planned,travel,1,,X-9', //                      9
      'NOPE-1,2024/25,planned,capital,1,,X-10', //                   10
      'CS-001,2023/24,planned,capital,1,,X-11', //                   11
      'CS-001,2024/25,planned,capital,-500,,X-12', //                12
      'CS-001,2024/25,planned,capital,$100,,X-13', //                13
      'CS-001,2024/25,planned,capital,"1,000,000,000,000.00",,X-14', // 14
      ',,,,,,', //                                                   15: blank, skipped
      'CS-001,,planned,capital,,,X-16', //                           16: two problems
      'CS-001,2024/25,planned,capital,100,,OK-1', //                 17: duplicate of line 2
    );
    const res = await postCsv(finance, body);
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { line: 3, column: 'amount', message: 'Enter an amount in pounds, for example 1234.50' },
      { line: 4, column: 'amount', message: 'Enter an amount with no more than 2 decimal places' },
      { line: 5, column: 'amount', message: 'Enter the amount as plain digits, without an exponent (like 1e5)' },
      { line: 6, column: 'year', message: 'Financial years run for one year: did you mean 2024/25?' },
      { line: 7, column: 'year', message: 'Enter a financial year like 2024/25' },
      { line: 8, column: 'kind', message: 'Enter the kind as one of: planned, actual' },
      {
        line: 9,
        column: 'category',
        message: 'Enter the category as one of: staff, licences, hardware, services, other',
      },
      { line: 10, column: 'project_code', message: 'There is no project with code NOPE-1' },
      { line: 11, column: 'year', message: "2023/24 is before the project's base year 2024/25" },
      { line: 12, column: 'amount', message: 'Enter an amount of £0 or more, or mark the line as a credit or refund' },
      { line: 13, column: 'amount', message: 'Enter an amount in pounds, for example £1,234.50' },
      { line: 14, column: 'amount', message: 'Enter an amount no larger than £999,999,999,999.99' },
      { line: 16, column: 'year', message: 'Enter a financial year, for example 2024/25' },
      { line: 16, column: 'amount', message: 'Enter an amount' },
      {
        line: 17,
        column: 'reference',
        message:
          'Line 2 already has the same project, year, kind, funding, category and reference: combine them into one line',
      },
    ]);
    expect(res.body.rows).toEqual({ add: 1, update: 0, unchanged: 0 });
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
    expect(await countRows(t.db, 'import_batches')).toBe(0);
    expect(await countRows(t.db, 'audit_log', { entity_type: 'import_batch' })).toBe(0);
  });

  it('reports a second import of the same file as unchanged, updates changed lines, and never duplicates', async () => {
    const first = csv('CS-001,2024/25,planned,capital,100,Servers,A', 'CS-001,2024/25,planned,capital,200,Racks,B');
    expect((await postCsv(finance, first)).status).toBe(201);
    const again = await postCsv(finance, first);
    expect(again.status).toBe(201);
    expect(again.body.rows).toEqual({ add: 0, update: 0, unchanged: 2 });
    const changed = await postCsv(
      finance,
      csv(
        'CS-001,2024/25,planned,capital,150,Servers,A',
        'CS-001,2024/25,planned,capital,200,Racks (rear),B',
        'CS-001,2024/25,planned,capital,1,,C',
      ),
    );
    expect(changed.body.rows).toEqual({ add: 1, update: 2, unchanged: 0 });
    expect((await costRows()).map((r) => [r.reference, r.amount_pence, r.description, r.version])).toEqual([
      ['A', '15000', 'Servers', 2],
      ['B', '20000', 'Racks (rear)', 2],
      ['C', '100', '', 1],
    ]);
    expect(await countRows(t.db, 'import_batches')).toBe(3);
  });

  it('keeps stored descriptions and credit flags when the file leaves those columns out', async () => {
    await aCostLine(t.ctx, 'CS-001', { reference: 'A', amount: '100.00', description: 'Kept' });
    const res = await postCsv(
      finance,
      'project_code,year,kind,category,amount,reference\nCS-001,2024/25,planned,capital,120,A\n',
    );
    expect(res.body.rows).toEqual({ add: 0, update: 1, unchanged: 0 });
    expect((await costRows())[0]).toMatchObject({ amount_pence: '12000', description: 'Kept' });
  });

  it('reads a UTF-8 file with a byte-order mark, separated by semicolons, with CRLF line ends', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const text =
      'project_code;year;kind;category;amount;description;reference\r\nCS-001;2024-25;planned;staff;"£1,234.56";"Café; naïve";R1\r\nCS-001;2025/26;actual;staff;10,00;x;R2\r\nCS-001;2025/26;actual;staff;10;Café; naïve;R3\r\n';
    const res = await postCsv(finance, Buffer.concat([bom, Buffer.from(text)]), true);
    // "10,00" is not a C1 amount (commas only separate thousands): refused, never misread as 1000.
    expect(res.body.problems).toEqual([
      { line: 3, column: 'amount', message: 'Use commas only to separate thousands, for example 1,234,567.50' },
      {
        line: 4,
        column: null,
        message:
          'This line has 8 values but the header names 7 columns: put quotes around values that contain the separator',
      },
    ]);
    const ok = await postCsv(finance, Buffer.concat([bom, Buffer.from(text.slice(0, text.indexOf('CS-001;2025')))]));
    expect(ok.status).toBe(201);
    expect(await costRows()).toEqual([
      expect.objectContaining({
        fy_start: 2024,
        category: 'staff',
        amount_pence: '123456',
        description: 'Café; naïve',
        reference: 'R1',
      }),
    ]);
  });

  it('counts physical lines across a quoted field holding commas and newlines', async () => {
    const body = csv(
      'CS-001,2024/25,planned,capital,100,"Line one,\nline two,\r\nline ""three""",Q-1',
      'CS-001,2024/25,planned,capital,bad,,Q-2',
    );
    const res = await postCsv(finance, body);
    expect(res.body.problems).toEqual([
      { line: 5, column: 'amount', message: 'Enter an amount in pounds, for example 1234.50' },
    ]);
    expect((await postCsv(finance, csv('CS-001,2024/25,planned,capital,100,"Line one,\nline two",Q-1'))).status).toBe(
      201,
    );
    expect((await costRows())[0].description).toBe('Line one,\nline two');
  });

  it('refuses unknown columns by name and missing required columns, in any order and case', async () => {
    const unknown = await postCsv(
      finance,
      'Project_Code,YEAR,kind,category,amount,colour,size\nCS-001,2024/25,planned,capital,1,red,L\n',
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.problems).toEqual([
      {
        line: 1,
        column: null,
        message:
          'Unknown columns "colour", "size": the cost lines columns are project_code, year, kind, funding, category, recurrence, amount, description, reference, credit',
      },
    ]);
    const missing = await postCsv(finance, 'amount,project_code,kind\n1,CS-001,planned\n');
    expect(missing.body.problems).toEqual([
      {
        line: 1,
        column: 'year',
        message: 'The column "year" is missing: the file needs project_code, year, kind, category, amount',
      },
      {
        line: 1,
        column: 'category',
        message: 'The column "category" is missing: the file needs project_code, year, kind, category, amount',
      },
    ]);
    const reordered = await postCsv(
      finance,
      'AMOUNT,Category,Kind,Year,Project_Code\n"£5.00",hardware,actual,2024/25,cs-001\n',
    );
    expect(reordered.status).toBe(201);
    expect(await countRows(t.db, 'cost_lines')).toBe(1);
  });

  it('refuses an empty file, a header with no rows and a file that is not UTF-8', async () => {
    expect((await postCsv(finance, '\n\n', true)).status).toBe(422);
    expect((await postCsv(finance, `${HEADER}\n`, true)).body.problems).toEqual([
      { line: null, column: null, message: 'The file has a header row but no rows of data under it' },
    ]);
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\nCS-001,2024/25,planned,capital,`),
      Buffer.from([0xa3]),
      Buffer.from('5,,A\n'),
    ]);
    expect((await postCsv(finance, latin1, true)).body.problems[0].message).toContain('not UTF-8');
  });

  it('imports the first worksheet of an .xlsx file, with row numbers as lines and number cells as amounts', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Costs');
    ws.addRow(HEADER.split(','));
    ws.addRow(['CS-001', '2024/25', 'planned', 'capital', 1234.5, 'Servers', 'X-1']);
    ws.addRow([]);
    ws.addRow([
      'CS-001',
      '2025-26',
      'actual',
      'capital',
      { formula: '0.1+0.2', result: 0.30000000000000004 },
      { richText: [{ text: 'Rich ' }, { text: 'text' }] },
      'X-2',
    ]);
    ws.addRow(['CS-001', '2025/26', 'actual', 'capital', 1.005, '', 'X-3']);
    wb.addWorksheet('Notes').addRow(['ignored']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const bad = await finance.post('/api/v1/imports/costs').attach('file', xlsx, 'ledger.xlsx');
    expect(bad.status).toBe(422);
    expect(bad.body.problems).toEqual([
      { line: 5, column: 'amount', message: 'Enter an amount with no more than 2 decimal places' },
    ]);
    ws.spliceRows(5, 1);
    const good = await finance
      .post('/api/v1/imports/costs')
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'ledger.xlsx');
    expect(good.status).toBe(201);
    expect(good.body.batch.fileName).toBe('ledger.xlsx');
    expect((await costRows()).map((r) => [r.fy_start, r.amount_pence, r.description])).toEqual([
      [2024, '123450', 'Servers'],
      [2025, '30', 'Rich text'],
    ]);
  });
});

describe('permissions', () => {
  it('refuses scrutiny users on the API (403) and on the pages (403)', async () => {
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    const res = await postCsv(scrutiny, csv('CS-001,2024/25,planned,capital,1,,A'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const web = await webClient(t.app, t.db, 'scrutiny');
    expect((await web.get('/imports')).status).toBe(403);
    expect(
      (
        await web.agent
          .post('/imports/costs/preview')
          .field('_csrf', web.csrf)
          .attach('file', Buffer.from(csv('CS-001,2024/25,planned,capital,1,,A')), 'c.csv')
      ).status,
    ).toBe(403);
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
  });

  it("refuses project managers for costs, and lines for projects outside a finance partner's directorates", async () => {
    const pm = await apiClient(t.app, t.db, 'project_manager');
    expect((await postCsv(pm, csv('CS-001,2024/25,planned,capital,1,,A'))).status).toBe(403);
    const csId = (await t.db('directorates').where({ code: 'CS' }).first()).id;
    const scoped = await apiClient(t.app, t.db, 'finance', { directorateIds: [csId] });
    const res = await postCsv(
      scoped,
      csv('CS-001,2024/25,planned,capital,1,,A', 'RES-001,2024/25,planned,capital,1,,B'),
    );
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      {
        line: 3,
        column: 'project_code',
        message: 'You cannot change project RES-001: ask a finance partner for its directorate',
      },
    ]);
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
  });
});

describe('undo', () => {
  async function importAndUpdate() {
    const existing = await aCostLine(t.ctx, 'CS-001', { reference: 'A', amount: '100.00', description: 'Before' });
    const res = await postCsv(
      finance,
      csv('CS-001,2024/25,planned,capital,150.25,After,A', 'CS-001,2025/26,actual,staff,7,,B'),
    );
    expect(res.body.rows).toEqual({ add: 1, update: 1, unchanged: 0 });
    return { existing, batchId: res.body.batch.id as number };
  }

  it('removes added lines and restores updated ones exactly, as one audited change', async () => {
    const { batchId } = await importAndUpdate();
    const before = (await costRows())[0];
    expect(before).toMatchObject({ amount_pence: '15025', description: 'After', version: 2 });
    const admin = await webClient(t.app, t.db, 'admin');
    const list = await admin.get('/imports');
    expect(list.text).toContain(`action="/imports/batches/${batchId}/undo"`);
    const res = await admin.agent
      .post(`/imports/batches/${batchId}/undo`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/imports/batches/${batchId}?done=undone`);
    expect(await costRows()).toEqual([
      {
        code: 'CS-001',
        fy_start: 2024,
        kind: 'planned',
        category: 'other',
        amount_pence: '10000',
        is_credit: false,
        description: 'Before',
        reference: 'A',
        version: 1,
      },
    ]);
    expect(await t.db('import_batches').where({ id: batchId }).first()).toMatchObject({
      undone_by_label: expect.stringContaining('Test admin'),
    });
    const audit = await t.db('audit_log').where({ entity_type: 'import_batch', action: 'updated' });
    expect(audit.map((a) => a.summary)).toEqual([
      expect.stringMatching(/^Import 1 \(.*\) undone: 1 record removed, 1 restored$/),
    ]);
    const page = await admin.get(`/imports/batches/${batchId}?done=undone`);
    expect(page.text).toContain('Import undone');
    expect(page.text).not.toContain('>Undo import 1<');
    const again = await admin.post(`/imports/batches/${batchId}/undo`).type('form').send({});
    expect(again.status).toBe(409);
    expect(again.text).toContain('was already undone');
  });

  it('refuses with 409 when a row it wrote has been edited since, and changes nothing', async () => {
    const { existing, batchId } = await importAndUpdate();
    await updateCostLine(
      t.ctx,
      'CS-001',
      existing.id,
      2,
      parseOrThrow(costSchema('api'), {
        year: '2024/25',
        kind: 'planned',
        category: 'capital',
        amount: '175.00',
        reference: 'A',
      }),
    );
    const admin = await webClient(t.app, t.db, 'admin');
    const res = await admin.post(`/imports/batches/${batchId}/undo`).type('form').send({});
    expect(res.status).toBe(409);
    expect(res.text).toContain(
      `This import cannot be undone: 1 of the records it wrote has changed since (cost line ${existing.id})`,
    );
    expect((await costRows()).map((r) => r.amount_pence)).toEqual(['17500', '700']);
    expect((await t.db('import_batches').first()).undone_at).toBeNull();
  });

  it('undoes a later import, then an earlier one that it had changed', async () => {
    const first = await postCsv(finance, csv('CS-001,2024/25,planned,capital,1,,A'));
    const second = await postCsv(finance, csv('CS-001,2024/25,planned,capital,2,,A'));
    const admin = await webClient(t.app, t.db, 'admin');
    expect((await admin.post(`/imports/batches/${first.body.batch.id}/undo`).type('form').send({})).status).toBe(409);
    expect((await admin.post(`/imports/batches/${second.body.batch.id}/undo`).type('form').send({})).status).toBe(303);
    expect((await costRows()).map((r) => [r.amount_pence, r.version])).toEqual([['100', 1]]);
    expect((await admin.post(`/imports/batches/${first.body.batch.id}/undo`).type('form').send({})).status).toBe(303);
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
  });

  it('is for administrators only', async () => {
    const { batchId } = await importAndUpdate();
    const web = await webClient(t.app, t.db, 'finance');
    expect((await web.post(`/imports/batches/${batchId}/undo`).type('form').send({})).status).toBe(403);
    expect(await countRows(t.db, 'cost_lines')).toBe(2);
  });
});

describe('the import pages', () => {
  let web: WebClient;
  beforeEach(async () => {
    web = await webClient(t.app, t.db, 'finance');
  });

  it('lists the kinds this role may import, with templates and an upload form carrying the CSRF token in its body', async () => {
    const res = await web.get('/imports');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Cost lines');
    expect(res.text).toContain('Benefit profiles');
    expect(res.text).not.toContain('id="import-realisations"');
    expect(res.text).toContain('action="/imports/costs/preview"');
    expect(res.text).not.toContain('preview?_csrf');
    expect(res.text).toContain(`name="_csrf" value="${web.csrf}"`);
    expect(res.text).toContain('enctype="multipart/form-data"');
    const template = await web.get('/imports/costs/template.csv');
    expect(template.status).toBe(200);
    expect(template.text).toBe(
      '\ufeffproject_code,year,kind,funding,category,recurrence,amount,description,reference,credit\r\n',
    );
    const xlsx = await web
      .get('/imports/costs/template.xlsx')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cost lines', 'Columns']);
    expect(wb.worksheets[0].getRow(1).values).toEqual([
      undefined,
      'project_code',
      'year',
      'kind',
      'funding',
      'category',
      'recurrence',
      'amount',
      'description',
      'reference',
      'credit',
    ]);
  });

  it('previews an upload (CSRF token in the multipart body), then commits the kept upload once', async () => {
    const sent = await web.agent
      .post('/imports/costs/preview')
      .field('_csrf', web.csrf)
      .attach('file', Buffer.from(csv('CS-001,2024/25,planned,capital,"£1,000.00",,A')), 'ledger.csv');
    expect(sent.status).toBe(303);
    const preview = await web.get(sent.headers.location);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Check the import, then commit it');
    expect(preview.text).toMatch(/id="rows-add">1</);
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
    const upload = /name="upload" value="([0-9a-f]+)"/.exec(preview.text)![1];
    const checksum = /name="checksum" value="([0-9a-f]+)"/.exec(preview.text)![1];
    // The commit form carries its own token, as an ordinary form field.
    const commit = await web.agent
      .post('/imports/costs/commit')
      .type('form')
      .send({ upload, checksum, _csrf: csrfFrom(preview.text) });
    expect(commit.status).toBe(303);
    expect(commit.headers.location).toBe('/imports/batches/1?done=imported');
    expect((await costRows()).map((r) => r.amount_pence)).toEqual(['100000']);
    const page = await web.get('/imports/batches/1?done=imported');
    expect(page.text).toContain('Import complete');
    expect(page.text).toContain('ledger.csv');
    const twice = await web.post('/imports/costs/commit').type('form').send({ upload, checksum });
    expect(twice.status).toBe(409);
    expect(await countRows(t.db, 'cost_lines')).toBe(1);
    expect(await countRows(t.db, 'import_uploads')).toBe(0);
  });

  it('refuses an upload without a valid CSRF token, and never takes one from the URL', async () => {
    const res = await request
      .agent(t.app)
      .post('/imports/costs/preview')
      .field('_csrf', 'nope')
      .attach('file', Buffer.from(csv('CS-001,2024/25,planned,capital,1,,A')), 'c.csv');
    expect([303, 403]).toContain(res.status);
    const signedIn = await web.agent
      .post('/imports/costs/preview')
      .field('_csrf', 'wrong')
      .attach('file', Buffer.from(csv('CS-001,2024/25,planned,capital,1,,A')), 'c.csv');
    expect(signedIn.status).toBe(403);
    const inUrl = await web.agent
      .post(`/imports/costs/preview?_csrf=${encodeURIComponent(web.csrf)}`)
      .attach('file', Buffer.from(csv('CS-001,2024/25,planned,capital,1,,A')), 'c.csv');
    expect(inUrl.status).toBe(403);
    expect(await countRows(t.db, 'import_uploads')).toBe(0);
    // A form post may not use the query string: only multipart uploads can.
    const form = await web.agent
      .post(`/imports/costs/commit?_csrf=${encodeURIComponent(web.csrf)}`)
      .type('form')
      .send({ upload: 'x', checksum: 'y' });
    expect(form.status).toBe(403);
  });

  it('shows every problem with its line and column, and no commit button', async () => {
    const sent = await web.agent
      .post('/imports/costs/preview')
      .field('_csrf', web.csrf)
      .attach(
        'file',
        Buffer.from(csv('CS-001,2024/25,planned,capital,1e5,,A', 'CS-001,2023/24,planned,capital,1,,B')),
        'bad.csv',
      );
    expect(sent.status).toBe(303);
    const res = await web.get(sent.headers.location);
    expect(res.text).toContain('There are 2 problems with the file');
    expect(res.text).toMatch(
      /<td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>\s*<td class="govuk-table__cell"><code>amount<\/code><\/td>\s*<td class="govuk-table__cell"><code[^>]*>1e5<\/code><\/td>\s*<td class="govuk-table__cell">Enter the amount as plain digits, without an exponent \(like 1e5\)<\/td>/,
    );
    expect(res.text).toContain('2023/24 is before the project&#39;s base year 2024/25');
    expect(res.text).not.toContain('Commit import');
    // The kept preview holds no file: there is nothing to commit.
    const kept = await t.db('import_uploads').first();
    expect(Buffer.from(kept.content).length).toBe(0);
  });

  it('asks for a file when none was chosen', async () => {
    const res = await web.agent.post('/imports/costs/preview').field('_csrf', web.csrf).field('x', 'y');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose a CSV or Excel (.xlsx) file to upload');
  });
});
