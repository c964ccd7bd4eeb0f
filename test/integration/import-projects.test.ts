/**
 * Issue 19: projects imported from CSV and .xlsx, each line through createProject: preview,
 * commit (all or nothing), every problem with its line and column, idempotence (a stored project
 * whose given columns match is unchanged; one that differs is refused), undo through deleteProject
 * (refused once anything is recorded against an imported project), by page and API, and the
 * finance partners' directorate scope.
 */
import ExcelJS from 'exceljs';
import { appForTests, countRows } from '../helpers/test-app';
import { apiClient, webClient, type WebClient } from '../helpers/clients';
import { csvImport } from '../helpers/files';
import { aCostLine, aProject, twoDirectorates } from '../helpers/builders';
import { createPriority } from '../../server/domain/priorities';
import { getProject, updateProject } from '../../server/domain/projects';
import { parseOrThrow } from '../../server/validation/fields';
import { projectSchema } from '../../server/validation/projects.schema';

const { t, api: admin } = appForTests({
  api: 'admin',
  seed: async (app) => {
    await twoDirectorates(app.ctx);
    await createPriority(app.ctx, { name: 'Thriving places', description: '' });
    await aProject(app.ctx, { code: 'CS-001', name: 'Case management system' });
  },
});

const HEADER =
  'project_code,name,directorate,status,start_year,base_year,discount_rate,optimism_bias,sponsor,manager,priority';
const { csv, post } = csvImport('projects', HEADER);

const GOOD = [
  'CS-010,Early help hub,cs,proposed,2025/26,,3.5,20%,Director of CS,A. Manager,thriving places',
  'RES-010,Payroll replacement,RES,,2026-27,2025/26,,0,,,',
];

async function imported() {
  const rows = await t
    .db('projects as p')
    .join('directorates as d', 'd.id', 'p.directorate_id')
    .whereNot('p.code', 'CS-001')
    .orderBy('p.code')
    .select(
      'p.code',
      'p.name',
      'd.code as directorate',
      'p.status',
      'p.start_fy',
      'p.base_fy',
      'p.discount_rate',
      'p.optimism_bias',
      'p.sponsor',
      'p.manager',
      'p.priority',
      'p.version',
    );
  return rows.map((r) => ({ ...r, discount_rate: r.discount_rate === null ? null : String(r.discount_rate) }));
}

const EXPECTED = [
  {
    code: 'CS-010',
    name: 'Early help hub',
    directorate: 'CS',
    status: 'proposed',
    start_fy: 2025,
    base_fy: 2025,
    discount_rate: '0.035',
    optimism_bias: '0.2',
    sponsor: 'Director of CS',
    manager: 'A. Manager',
    priority: 'Thriving places',
    version: 1,
  },
  {
    code: 'RES-010',
    name: 'Payroll replacement',
    directorate: 'RES',
    status: 'proposed',
    start_fy: 2026,
    base_fy: 2025,
    discount_rate: null,
    optimism_bias: '0',
    sponsor: '',
    manager: '',
    priority: '',
    version: 1,
  },
];

describe('POST /api/v1/imports/projects', () => {
  it('previews without writing, then creates each project through createProject with its audit record', async () => {
    const dry = await post(admin, csv(...GOOD), true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ kind: 'projects', rows: { add: 2, update: 0, unchanged: 0 }, problems: [] });
    expect(await countRows(t.db, 'projects')).toBe(1);

    const res = await post(admin, csv(...GOOD));
    expect(res.status).toBe(201);
    expect(res.body.batch).toMatchObject({ kind: 'projects', rows: { add: 2, update: 0, unchanged: 0 } });
    expect(await imported()).toEqual(EXPECTED);
    const audits = await t.db('audit_log').where({ entity_type: 'project', action: 'created' }).orderBy('id');
    expect(audits.map((a) => a.entity_id)).toEqual(['CS-001', 'CS-010', 'RES-010']);
    const batchAudit = await t.db('audit_log').where({ entity_type: 'import_batch' }).first();
    expect(batchAudit.summary).toMatch(/^Imported projects from .*: 2 added, 0 updated, 0 unchanged$/);
  });

  it('is idempotent: the same file again adds nothing, and a stored code matches in any case', async () => {
    expect((await post(admin, csv(...GOOD))).status).toBe(201);
    const again = await post(admin, csv(...GOOD));
    expect(again.status).toBe(201);
    expect(again.body.rows).toEqual({ add: 0, update: 0, unchanged: 2 });
    expect(await imported()).toEqual(EXPECTED);
    // A stored project whose given columns match is unchanged whatever case the codes are in.
    const lower = await post(admin, csv('cs-001,Case management system,CS,,2024/25,,,,,,'), true);
    expect(lower.body.rows).toEqual({ add: 0, update: 0, unchanged: 1 });
  });

  it('updates a stored project through updateProject, keeps the columns the file leaves out, and undo puts it back', async () => {
    await updateProject(
      t.ctx,
      'CS-001',
      1,
      parseOrThrow(projectSchema('api'), {
        code: 'CS-001',
        name: 'Case management system',
        directorateCode: 'CS',
        startYear: '2024/25',
        sponsor: 'Kept sponsor',
        optimismBias: '0.1',
      }),
    );
    const before = await t.db('projects').where({ code: 'CS-001' }).first();
    const file = Buffer.from('project_code,name,directorate,status,start_year\nCS-001,Renamed,CS,cancelled,2024/25\n');
    const res = await post(admin, file);
    expect(res.status).toBe(201);
    expect(res.body.rows).toEqual({ add: 0, update: 1, unchanged: 0 });
    const after = await t.db('projects').where({ code: 'CS-001' }).first();
    expect([after.name, after.status, after.sponsor, String(after.optimism_bias), after.version]).toEqual([
      'Renamed',
      'cancelled',
      'Kept sponsor',
      '0.1',
      3,
    ]);
    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'project', action: 'updated' })
      .orderBy('id', 'desc')
      .first();
    expect(audit.summary).toBe('Project CS-001 updated');
    expect((await post(admin, file)).body.rows).toEqual({ add: 0, update: 0, unchanged: 1 });

    const web = await webClient(t.app, t.db, 'admin');
    expect((await web.post(`/imports/batches/${res.body.batch.id}/undo`).type('form').send({})).status).toBe(303);
    const restored = await t.db('projects').where({ code: 'CS-001' }).first();
    expect([restored.name, restored.status, restored.sponsor, String(restored.optimism_bias)]).toEqual([
      before.name,
      before.status,
      before.sponsor,
      String(before.optimism_bias),
    ]);
  });

  it('refuses an update that the edit form would refuse: approval without a decision, a base year after its figures', async () => {
    await aCostLine(t.ctx, 'CS-001', { year: '2024/25' });
    const res = await post(
      admin,
      Buffer.from(
        'project_code,name,directorate,status,start_year\nCS-001,Case management system,CS,approved,2025/26\n',
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      {
        line: 2,
        column: 'status',
        message:
          'CS-001 has no approval decision: record the approval on its decision form (/projects/CS-001/decisions/new) before making it approved',
      },
      {
        line: 2,
        column: 'start_year',
        message: 'The project has figures in 2024/25: the base year cannot be later than that',
      },
    ]);
    expect((await t.db('projects').where({ code: 'CS-001' }).first()).version).toBe(1);
  });

  it('reports every problem with its line and column and writes nothing (all or nothing)', async () => {
    const res = await post(
      admin,
      csv(
        GOOD[0], //                                                       2: fine
        'XX-001,Unknown directorate,XX,,2025/26,,,,,,', //                 3
        'CS-011,Unknown priority,CS,,2025/26,,,,,,Moonshots', //           4
        'CS-012,Approved,CS,approved,2025/26,,,,,,', //                    5
        'CS-010,Twice,CS,,2025/26,,,,,,', //                               6: same code as line 2
        'CS-013,Bad years,CS,,2025,26/27,,,,,', //                         7
        'CS-014,Bad rates,CS,,2025/26,,150,1e3,,,', //                     8
        'CS-015,Live,CS,LIVE,2025/26,,,,,,', //                           9
        'CS 016,,CS,,2025/26,,,,,,', //                                  10
      ),
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'import_problems', line: 3, field: 'directorate' });
    expect(res.body.problems).toEqual([
      { line: 3, column: 'directorate', message: 'There is no directorate with code XX' },
      {
        line: 4,
        column: 'priority',
        message:
          'Moonshots is not on the list of council priorities: choose one from the list, or ask an administrator to add it',
      },
      {
        line: 5,
        column: 'status',
        message:
          'A project can only be approved after an approval decision: add it as proposed, then record the decision on its decision form',
      },
      {
        line: 6,
        column: 'project_code',
        message: 'Line 2 already has project CS-010: each project appears once in a file',
      },
      { line: 7, column: 'start_year', message: expect.stringMatching(/^Enter a financial year/) },
      { line: 7, column: 'base_year', message: expect.stringMatching(/^Enter a financial year/) },
      { line: 8, column: 'discount_rate', message: 'Discount rate must be between 0% and 100%' },
      { line: 8, column: 'optimism_bias', message: 'Enter the optimism bias as a percentage, like 20' },
      {
        line: 9,
        column: 'status',
        message:
          'A project can only be live after an approval decision: add it as proposed, then record the decision on its decision form',
      },
      {
        line: 10,
        column: 'project_code',
        message: 'Project code must use only letters, numbers and hyphens, like CS-001',
      },
      { line: 10, column: 'name', message: 'Enter a project name' },
    ]);
    expect(await countRows(t.db, 'projects')).toBe(1);
    expect(await countRows(t.db, 'import_batches')).toBe(0);
  });

  it('refuses more than 500 projects in one file, since each goes through createProject in one transaction', async () => {
    const lines = Array.from({ length: 501 }, (_, i) => `P-${i},Project ${i},CS,,2025/26,,,,,,`);
    const res = await post(admin, csv(...lines), true);
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { line: null, column: null, message: 'The file has 501 projects: import at most 500 at a time' },
    ]);
  });

  it('imports the first worksheet of an .xlsx file, with number cells as rates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Projects');
    ws.addRow(HEADER.split(','));
    ws.addRow([
      'CS-010',
      'Early help hub',
      'CS',
      'Proposed',
      '2025/26',
      '',
      3.5,
      20,
      'Director of CS',
      'A. Manager',
      'Thriving places',
    ]);
    ws.addRow(['RES-010', 'Payroll replacement', 'RES', '', '2026/27', '2025/26', '', 0, '', '', '']);
    const res = await admin
      .post('/api/v1/imports/projects')
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'projects.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.batch.fileName).toBe('projects.xlsx');
    expect(await imported()).toEqual(EXPECTED);
  });

  it('limits finance partners to their directorates, and refuses project managers', async () => {
    const [cs] = await t.db('directorates').where({ code: 'CS' }).select('id');
    const partner = await apiClient(t.app, t.db, 'finance', { directorateIds: [cs.id] });
    const res = await post(partner, csv(...GOOD));
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      {
        line: 3,
        column: 'directorate',
        message: 'You cannot change project RES-010: ask a finance partner for its directorate',
      },
    ]);
    expect(await countRows(t.db, 'projects')).toBe(1);
    expect((await post(partner, csv(GOOD[0]))).status).toBe(201);
    const pm = await apiClient(t.app, t.db, 'project_manager');
    expect((await post(pm, csv(GOOD[0]))).status).toBe(403);
  });
});

describe('the projects import page and undo', () => {
  function upload(client: WebClient, body: Buffer) {
    return client.agent
      .post('/imports/projects/preview')
      .field('_csrf', client.csrf)
      .attach('file', body, 'projects.csv');
  }

  it('offers the kind and its templates, previews, commits the kept upload, and undoes it through deleteProject', async () => {
    const web = await webClient(t.app, t.db, 'admin');
    const page = await web.get('/imports');
    expect(page.text).toContain('id="import-projects"');
    expect(page.text).toContain('href="/imports/projects/template.xlsx"');
    const template = await web.get('/imports/projects/template.csv');
    expect(template.text).toBe(
      '\ufeffproject_code,name,directorate,status,start_year,base_year,discount_rate,optimism_bias,sponsor,manager,priority,description\r\n',
    );

    const sent = await upload(web, csv(...GOOD));
    expect(sent.status).toBe(303);
    const preview = await web.get(sent.headers.location);
    expect(preview.text).toContain('Lines to add (2)');
    expect(preview.text).toContain('<th scope="col" class="govuk-table__header">Start year</th>');
    expect(preview.text).toContain('Early help hub');
    expect(preview.text).not.toContain('Amount');
    expect(await countRows(t.db, 'projects')).toBe(1);

    const upload_ = /name="upload" value="([0-9a-f]+)"/.exec(preview.text)![1];
    const checksum = /name="checksum" value="([0-9a-f]+)"/.exec(preview.text)![1];
    const done = await web.post('/imports/projects/commit').type('form').send({ upload: upload_, checksum });
    expect(done.status).toBe(303);
    expect(await imported()).toEqual(EXPECTED);
    const batchId = Number(/\/imports\/batches\/(\d+)/.exec(done.headers.location)![1]);

    const undone = await web.post(`/imports/batches/${batchId}/undo`).type('form').send({});
    expect(undone.status).toBe(303);
    expect(await imported()).toEqual([]);
    const deletions = await t.db('audit_log').where({ entity_type: 'project', action: 'deleted' }).orderBy('entity_id');
    expect(deletions.map((a) => a.entity_id)).toEqual(['CS-010', 'RES-010']);
    expect((await t.db('import_batches').where({ id: batchId }).first()).undone_at).not.toBeNull();
  });

  it('refuses the undo once something is recorded against an imported project, or one was edited', async () => {
    const res = await post(admin, csv(...GOOD));
    const web = await webClient(t.app, t.db, 'admin');
    await aCostLine(t.ctx, 'CS-010', { year: '2025/26' });
    const refused = await web.post(`/imports/batches/${res.body.batch.id}/undo`).type('form').send({});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(
      'This import cannot be undone: costs, benefits, decisions, reviews, managers or actions have since been recorded against 1 of the projects it added (CS-010)',
    );
    expect((await imported()).map((p) => p.code)).toEqual(['CS-010', 'RES-010']);

    const stored = await getProject(t.ctx, 'RES-010');
    await updateProject(
      t.ctx,
      'RES-010',
      stored.version,
      parseOrThrow(projectSchema('api'), {
        code: 'RES-010',
        name: 'Edited',
        directorateCode: 'RES',
        startYear: '2026/27',
      }),
    );
    const edited = await web.post(`/imports/batches/${res.body.batch.id}/undo`).type('form').send({});
    expect(edited.status).toBe(409);
    expect(edited.text).toContain('1 of the projects it added or changed has been edited or deleted since (RES-010)');
    expect(await countRows(t.db, 'projects')).toBe(3);
  });
});
