import { appForTests } from '../helpers/test-app';
import { webClient } from '../helpers/clients';
import { aProject, twoDirectorates } from '../helpers/builders';
import { aFramework, anAssessment, SMALL_FRAMEWORK } from '../helpers/assessments';
import { raiseAction } from '../../server/domain/improvement-actions';
import { saveFramework } from '../../server/domain/assessment-frameworks';
import { DEFAULT_FRAMEWORK } from '../../server/domain/default-framework';
import { parseOrThrow } from '../../server/validation/fields';
import { actionSchema } from '../../server/validation/assessments.schema';

// Each test builds a fresh app and several assessments; the board report page is a heavy read.
jest.setTimeout(30_000);

const { t, web: admin } = appForTests({
  web: 'admin',
  seed: async (app) => {
    await twoDirectorates(app.ctx);
    await aProject(app.ctx);
    await aFramework(app.ctx);
  },
});

/** The text of every cell of the heat map, row by row (tags stripped, spaces collapsed). */
function heatmapCells(html: string): string[][] {
  const table = /<table class="govuk-table app-heatmap"[\s\S]*?<\/table>/.exec(html)![0];
  const body = /<tbody[\s\S]*?<\/tbody>/.exec(table)![0];
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) =>
    [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      c[1]
        .replace(/<span class="govuk-visually-hidden">[\s\S]*?<\/span>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe('the blueprint heat map page', () => {
  it('matches a hand-made fixture: latest approved scores to 1 dp with their date; never assessed shown as such', async () => {
    // CS: older approved (ignored), newer approved, newer draft (ignored).
    await anAssessment(t.ctx, 'CS', { 'A-1': 1, 'B-1': 1 }, { approve: true, assessedOn: '2025-01-01' });
    // A: (4 + 3 + 3) / 3 = 3.333… → 3.3; B: (5 + 4) / 2 = 4.5; C: unanswered → No score.
    // Overall (10/3 + 4.5) / 2 = 47/12 = 3.9166… → 3.9.
    await anAssessment(
      t.ctx,
      'CS',
      { 'A-1': 4, 'A-2': 3, 'A-3': 3, 'B-1': 5, 'B-2': 4 },
      { approve: true, assessedOn: '2026-01-20' },
    );
    await anAssessment(t.ctx, 'CS', { 'A-1': 1 }, { assessedOn: '2026-06-01' });
    const res = await admin.get('/assessments/heatmap');
    expect(res.status).toBe(200);
    expect(heatmapCells(res.text)).toEqual([
      ["Children's Services", '20 January 2026', '3.3', '4.5', 'No score', '3.9'],
      ['Resources', 'Never assessed', '–', '–', '–', '–'],
    ]);
    expect(res.text).toContain('app-heat app-heat--3">3.3');
    expect(res.text).toContain('app-heat app-heat--5">4.5');
  });
});

describe('the assessment page', () => {
  it('draws a radar chart against the previous approved assessment, with a table alternative', async () => {
    await anAssessment(t.ctx, 'CS', { 'A-1': 2, 'B-1': 2, 'C-1': 1 }, { approve: true, assessedOn: '2025-01-01' });
    const id = await anAssessment(
      t.ctx,
      'CS',
      { 'A-1': 4, 'A-2': 5, 'B-1': 3 },
      { approve: true, assessedOn: '2026-01-01' },
    );
    const res = await admin.get(`/assessments/${id}`);
    expect(res.status).toBe(200);
    const json = /data-chart="([^"]+)"/
      .exec(res.text)![1]
      .replace(/&#34;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'");
    const spec = JSON.parse(json);
    expect(spec.type).toBe('radar');
    expect(spec.labels).toEqual(['Alignment', 'Benefits', 'Costs']);
    expect(spec.datasets.map((d: { data: unknown[] }) => d.data)).toEqual([
      [4.5, 3, null],
      [2, 2, 1],
    ]);
    expect(spec.datasets[1].label).toBe('Previous approved (1 January 2025)');
    // Table alternative: 1 dp, half-up.
    expect(res.text).toMatch(
      /<th scope="row" class="govuk-table__header app-table__row-header">Alignment<\/th>\s*<td[^>]*>4.5<\/td>\s*<td[^>]*>2.0<\/td>/,
    );
    expect(res.text).toContain('Overall score');
    expect(res.text).toContain('3.8 (mean of the dimension scores; 3 statements unanswered)');
  });

  it('saves answers from the form, and re-renders with 422 and the message beside a bad score', async () => {
    const id = await anAssessment(t.ctx, 'RES', {});
    const form = await admin.get(`/assessments/${id}/edit`);
    expect(form.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(form.text)![1];
    const base = { version, 'answers.0.statement': 'A-1', 'answers.0.evidence': 'Plan seen', 'dimensions.0.code': 'A' };
    const bad = await admin
      .post(`/assessments/${id}/edit`)
      .type('form')
      .send({ ...base, 'answers.0.score': '7' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose a score from 1 to 5, or leave it unanswered');
    expect(bad.text).toContain('Plan seen');
    const ok = await admin
      .post(`/assessments/${id}/edit`)
      .type('form')
      .send({ ...base, 'answers.0.score': '4', 'dimensions.0.strengths': 'Clear plan' });
    expect([ok.status, ok.headers.location]).toEqual([303, `/assessments/${id}?notice=saved`]);
    const page = await admin.get(`/assessments/${id}`);
    expect(page.text).toContain('Alignment: 4.0');
    expect(page.text).toContain('Clear plan');
  });

  it('offers submit to the editor and approve only to someone else; scrutiny sees no buttons', async () => {
    const id = await anAssessment(t.ctx, 'CS', { 'A-1': 3 });
    let page = await admin.get(`/assessments/${id}`);
    expect(page.text).toContain('Submit for approval');
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    expect((await admin.post(`/assessments/${id}/submit`).type('form').send({ version })).status).toBe(303);
    page = await admin.get(`/assessments/${id}`);
    expect(page.text).not.toContain('Approve the assessment');
    const finance = await webClient(t.app, t.db, 'finance');
    page = await finance.get(`/assessments/${id}`);
    expect(page.text).toContain('Approve the assessment');
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    page = await scrutiny.get(`/assessments/${id}`);
    expect(page.text).not.toMatch(/Approve the assessment|Submit for approval|Score statements/);
    const refused = await scrutiny.post(`/assessments/${id}/approve`).type('form').send({ version: '3' });
    expect(refused.status).toBe(403);
  });
});

describe('directorate page, dashboard and board report', () => {
  it('show the latest assessment, the trend and the open and overdue actions', async () => {
    await anAssessment(t.ctx, 'CS', { 'A-1': 2 }, { approve: true, assessedOn: '2025-01-01' });
    const id = await anAssessment(t.ctx, 'CS', { 'A-1': 4 }, { approve: true, assessedOn: '2026-01-01' });
    const action = parseOrThrow(actionSchema('api'), {
      title: 'Name system owners',
      owner: 'Head of SEND',
      dueOn: '2025-12-31',
      dimensionCode: 'A',
      projectCodes: ['CS-001'],
    });
    await raiseAction(t.ctx, id, action);
    const dir = await admin.get('/directorates/CS');
    expect(dir.text).toContain('overall score <strong>4.0</strong> out of 5');
    expect(dir.text).toMatch(/1 January 2025<\/a><\/th><td[^>]*>2.0<\/td>/);
    expect(dir.text).toContain('1 overdue');
    expect(dir.text).toContain('Name system owners');
    expect((await admin.get('/directorates/RES')).text).toContain('This directorate has never been assessed.');
    const home = await admin.get('/portfolio');
    expect(home.text).toContain('1 improvement action is overdue');
    const report = await admin.get('/reports/scrutiny');
    expect(report.text).toContain('ICT effectiveness assessments');
    expect(report.text).toContain('2.0 → 4.0');
    expect(report.text).toContain('Overdue improvement actions');
    const page = await admin.get(`/improvement-actions/${(await t.db('improvement_actions').first()).id}`);
    expect(page.text).toContain('Case management system');
    expect(page.text).toContain('Forecast NPV');
  });
});

describe('framework export and re-import', () => {
  it.each(['csv', 'xlsx'])(
    'exports a framework as %s and imports it back unchanged (as a new version once in use)',
    async (ext) => {
      const fw = (await t.db('assessment_frameworks').first()).id;
      await anAssessment(t.ctx, 'CS', { 'A-1': 3 });
      const file = await admin
        .get(`/assessment-frameworks/${fw}/export.${ext}`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(file.status).toBe(200);
      const res = await admin.agent
        .post('/assessment-frameworks/import')
        .field('_csrf', admin.csrf)
        .attach('file', file.body as Buffer, `framework.${ext}`);
      expect(res.status).toBe(303);
      const versions = await t.db('assessment_frameworks').orderBy('version_no');
      expect(versions.map((v: { version_no: number }) => v.version_no)).toEqual([1, 2]);
      const api = await admin.get(`/api/v1/assessment-frameworks/${versions[1].id}`);
      expect({ code: api.body.code, name: api.body.name, dimensions: api.body.dimensions }).toEqual({
        code: SMALL_FRAMEWORK.code,
        name: SMALL_FRAMEWORK.name,
        dimensions: SMALL_FRAMEWORK.dimensions,
      });
    },
  );

  it('refuses a file with a missing column, saying which', async () => {
    const res = await admin.agent
      .post('/assessment-frameworks/import')
      .field('_csrf', admin.csrf)
      .attach('file', Buffer.from('framework code,statement\nX,Y\n'), 'bad.csv');
    expect(res.status).toBe(422);
    expect(res.text).toContain('missing: framework name, dimension code, dimension, statement code, level 1');
  });

  it('edits the framework in the app: a cleared statement is removed, a filled blank row is added, errors land on their field', async () => {
    const fw = (await t.db('assessment_frameworks').first()).id;
    const form = await admin.get(`/assessment-frameworks/${fw}/edit`);
    expect(form.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(form.text)![1];
    const fields: Record<string, string> = { version, code: 'TEST-FW', name: 'Renamed framework', description: '' };
    SMALL_FRAMEWORK.dimensions.forEach((d, i) => {
      fields[`dimensions.${i}.code`] = d.code;
      fields[`dimensions.${i}.name`] = d.name;
      d.statements.forEach((s, j) => {
        fields[`dimensions.${i}.statements.${j}.code`] = s.code;
        fields[`dimensions.${i}.statements.${j}.text`] = s.text;
        s.levels.forEach((l, n) => (fields[`dimensions.${i}.statements.${j}.level${n + 1}`] = l));
      });
    });
    // Clear A-2 (removed); add C-2 in C's blank row with no text (an error on that row's field).
    for (const k of Object.keys(fields)) if (k.startsWith('dimensions.0.statements.1.')) fields[k] = '';
    fields['dimensions.2.statements.1.code'] = 'C-2';
    const bad = await admin.post(`/assessment-frameworks/${fw}/edit`).type('form').send(fields);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('href="#f-dimensions-2-statements-1-text"');
    fields['dimensions.2.statements.1.text'] = 'Licences are reviewed';
    const ok = await admin.post(`/assessment-frameworks/${fw}/edit`).type('form').send(fields);
    expect([ok.status, ok.headers.location]).toEqual([303, `/assessment-frameworks/${fw}?notice=updated`]);
    const api = (await admin.get(`/api/v1/assessment-frameworks/${fw}`)).body;
    expect(api.name).toBe('Renamed framework');
    expect(api.dimensions.map((d: { statements: { code: string }[] }) => d.statements.map((s) => s.code))).toEqual([
      ['A-1', 'A-3'],
      ['B-1', 'B-2'],
      ['C-1', 'C-2'],
    ]);
  });

  it('installs the default framework: seven dimensions of three to five statements, each with five level descriptors', async () => {
    const saved = await saveFramework(t.ctx, DEFAULT_FRAMEWORK);
    const f = saved.framework;
    expect(f.dimensions).toHaveLength(7);
    for (const d of f.dimensions) {
      expect(d.statements.length).toBeGreaterThanOrEqual(3);
      expect(d.statements.length).toBeLessThanOrEqual(5);
      for (const s of d.statements) expect(s.levels.every((l) => l.length > 10)).toBe(true);
    }
  });
});

describe('exports', () => {
  it('downloads one row per statement answer (scores to 2 dp) and one row per action', async () => {
    // A: 4, 3 → 3.5; B: 5 → 5; C: none. Overall (3.5 + 5) / 2 = 4.25.
    const id = await anAssessment(t.ctx, 'CS', { 'A-1': 4, 'A-2': 3, 'B-1': 5 }, { approve: true });
    await raiseAction(
      t.ctx,
      id,
      parseOrThrow(actionSchema('api'), { title: 'T', owner: 'O', dueOn: '2030-01-01', dimensionCode: 'C' }),
    );
    const csv = (await admin.get('/assessments/export/answers.csv')).text.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe(
      'assessment id,directorate code,assessed on,status,assessors,framework code,framework version,dimension code,dimension,statement code,statement,score,evidence,dimension score,overall score',
    );
    expect(csv.slice(1, 7)).toEqual([
      `${id},CS,2026-01-10,approved,A. Assessor,TEST-FW,1,A,Alignment,A-1,Statement A-1,4,seen,3.50,4.25`,
      `${id},CS,2026-01-10,approved,A. Assessor,TEST-FW,1,A,Alignment,A-2,Statement A-2,3,seen,3.50,4.25`,
      `${id},CS,2026-01-10,approved,A. Assessor,TEST-FW,1,A,Alignment,A-3,Statement A-3,,,3.50,4.25`,
      `${id},CS,2026-01-10,approved,A. Assessor,TEST-FW,1,B,Benefits,B-1,Statement B-1,5,seen,5.00,4.25`,
      `${id},CS,2026-01-10,approved,A. Assessor,TEST-FW,1,B,Benefits,B-2,Statement B-2,,,5.00,4.25`,
      `${id},CS,2026-01-10,approved,A. Assessor,TEST-FW,1,C,Costs,C-1,Statement C-1,,,,4.25`,
    ]);
    const actions = (await admin.get('/assessments/export/actions.csv')).text.replace(/^\uFEFF/, '').split('\r\n');
    expect(actions[1]).toMatch(new RegExp(`^\\d+,${id},CS,C,Costs,T,O,2030-01-01,open,no,$`));
    const xlsx = await admin.get('/assessments/export/answers.xlsx');
    expect([xlsx.status, xlsx.headers['content-type']]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });
});
