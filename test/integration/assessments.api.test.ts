import { appForTests } from '../helpers/test-app';
import { apiClient, type ApiClient } from '../helpers/clients';
import { aProject, twoDirectorates } from '../helpers/builders';
import { aFramework, anAssessment } from '../helpers/assessments';

// Each test builds a fresh app and several assessments; the board report page is a heavy read.
jest.setTimeout(30_000);

const { t, api: admin } = appForTests({
  api: 'admin',
  seed: async (app) => {
    await twoDirectorates(app.ctx);
    await aProject(app.ctx);
    await aFramework(app.ctx);
  },
});

const NEW = { directorateCode: 'CS', assessedOn: '2026-02-01', assessors: ['J. Smith', 'K. Patel'] };

async function created(client: ApiClient = admin) {
  const res = await client.post('/api/v1/assessments').send(NEW);
  expect(res.status).toBe(201);
  return res.body as { id: number; version: number };
}

describe('frameworks', () => {
  it('lists frameworks and gets one with its dimensions and statement codes', async () => {
    const list = await admin.get('/api/v1/assessment-frameworks');
    expect(list.body.frameworks).toEqual([
      expect.objectContaining({ code: 'TEST-FW', versionNo: 1, dimensionCount: 3 }),
    ]);
    const one = await admin.get(`/api/v1/assessment-frameworks/${list.body.frameworks[0].id}`);
    expect(
      one.body.dimensions.map((d: { code: string; statements: { code: string }[] }) => [
        d.code,
        d.statements.map((s) => s.code),
      ]),
    ).toEqual([
      ['A', ['A-1', 'A-2', 'A-3']],
      ['B', ['B-1', 'B-2']],
      ['C', ['C-1']],
    ]);
    expect(one.body.dimensions[0].statements[0].levels).toHaveLength(5);
  });

  it('changes an unused framework in place (200) and makes a new version once one is in use (201); old assessments keep their wording', async () => {
    const fw = (await admin.get('/api/v1/assessment-frameworks')).body.frameworks[0];
    const body = (await admin.get(`/api/v1/assessment-frameworks/${fw.id}`)).body;
    const input = { code: body.code, name: body.name, description: body.description, dimensions: body.dimensions };
    input.dimensions[0].statements[0].text = 'Reworded A-1';
    const inPlace = await admin.post('/api/v1/assessment-frameworks').send(input);
    expect([inPlace.status, inPlace.body.id, inPlace.body.versionNo]).toEqual([200, fw.id, 1]);
    const a = await created();
    input.dimensions[0].statements[0].text = 'Reworded again';
    const next = await admin.post('/api/v1/assessment-frameworks').send(input);
    expect([next.status, next.body.versionNo]).toEqual([201, 2]);
    const old = await admin.get(`/api/v1/assessments/${a.id}`);
    expect(old.body.answers[0]).toMatchObject({ statement: 'A-1', text: 'Reworded A-1' });
    // A new assessment defaults to the latest version.
    expect((await created()).id).toBeGreaterThan(a.id);
    expect((await admin.get('/api/v1/assessments?status=draft')).body.assessments[0]).toMatchObject({
      frameworkVersionNo: 2,
    });
  });

  it('refuses a framework with a duplicate statement code (400, naming the field) and a non-admin (403)', async () => {
    const res = await admin.post('/api/v1/assessment-frameworks').send({
      code: 'X',
      name: 'X',
      dimensions: [
        {
          code: 'D',
          name: 'D',
          statements: [1, 2].map(() => ({ code: 'S-1', text: 's', levels: ['', '', '', '', ''] })),
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['dimensions.0.statements.1.code']).toBe('Statement code S-1 is used twice');
    const finance = await apiClient(t.app, t.db, 'finance');
    expect((await finance.post('/api/v1/assessment-frameworks').send({})).status).toBe(403);
  });
});

describe('assessments', () => {
  it('creates a draft on the latest framework: 201, Location, every statement unanswered, and an audit row', async () => {
    const res = await admin.post('/api/v1/assessments').send(NEW);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/assessments/${res.body.id}`);
    expect(res.body).toMatchObject({
      directorateCode: 'CS',
      status: 'draft',
      assessors: ['J. Smith', 'K. Patel'],
      overall: null,
      answered: 0,
      unanswered: 6,
    });
    expect(res.body.dimensions[2]).toEqual(
      expect.objectContaining({ code: 'C', score: null, answered: 0, unanswered: 1 }),
    );
    expect(
      await t
        .db('audit_log')
        .where({ entity_type: 'assessment', entity_id: String(res.body.id) })
        .first(),
    ).toMatchObject({
      action: 'created',
    });
  });

  it('scores answers by C11 (hand-worked): dimension means of answered statements, overall mean of dimension scores, 2 decimals', async () => {
    const a = await created();
    // A: 4, 5, unanswered → 4.5; B: 2, 3 → 2.5; C: unanswered → no score. Overall (4.5 + 2.5) / 2 = 3.5.
    // Then change A-2 to 4: A = 4, overall (4 + 2.5)/2 = 3.25. And A-3 = 2: A = 10/3 = 3.333…, overall (10/3 + 5/2)/2 = 35/12 = 2.9166… → "2.92".
    const put = (answers: unknown[], version: number) =>
      admin.put(`/api/v1/assessments/${a.id}/answers`).send({ version, answers });
    let res = await put(
      [
        { statement: 'A-1', score: 4, evidence: 'Service plan' },
        { statement: 'a-2', score: 5, evidence: '' },
        { statement: 'B-1', score: 2, evidence: '' },
        { statement: 'B-2', score: 3, evidence: '' },
      ],
      a.version,
    );
    expect(res.status).toBe(200);
    expect(res.body.dimensions.map((d: { score: string | null }) => d.score)).toEqual(['4.50', '2.50', null]);
    expect([res.body.overall, res.body.answered, res.body.unanswered]).toEqual(['3.50', 4, 2]);
    res = await put(
      [
        { statement: 'A-2', score: 4, evidence: '' },
        { statement: 'A-3', score: 2, evidence: '' },
      ],
      res.body.version,
    );
    expect(res.body.dimensions[0]).toMatchObject({ score: '3.33', answered: 3, unanswered: 0 });
    expect(res.body.overall).toBe('2.92');
    expect(res.body.answers.find((x: { statement: string }) => x.statement === 'A-1')).toMatchObject({
      score: 4,
      evidence: 'Service plan',
    });
  });

  it('refuses bad answers with 400 naming the field, a stale version with 409, and no version with 428', async () => {
    const a = await created();
    const url = `/api/v1/assessments/${a.id}/answers`;
    const bad = await admin.put(url).send({ version: a.version, answers: [{ statement: 'A-1', score: 6 }] });
    expect([bad.status, bad.body.error.fields['answers.0.score']]).toEqual([
      400,
      'score must be a whole number from 1 to 5, or null',
    ]);
    const unknown = await admin.put(url).send({ version: a.version, answers: [{ statement: 'Z-9', score: 1 }] });
    expect([unknown.status, unknown.body.error.fields['answers.0.statement']]).toEqual([
      422,
      'There is no statement Z-9 in this framework',
    ]);
    expect((await admin.put(url).send({ answers: [] })).status).toBe(428);
    await admin.put(url).send({ version: a.version, answers: [] });
    const stale = await admin.put(url).send({ version: a.version, answers: [] });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'stale_version']);
  });

  it('filters the list by directorate and status, and rejects a bad status with 400', async () => {
    await anAssessment(t.ctx, 'CS', { 'A-1': 3 }, { approve: true });
    await anAssessment(t.ctx, 'RES', { 'A-1': 3 });
    const cs = await admin.get('/api/v1/assessments?directorate=cs');
    expect(
      cs.body.assessments.map((x: { directorateCode: string; status: string }) => [x.directorateCode, x.status]),
    ).toEqual([['CS', 'approved']]);
    expect((await admin.get('/api/v1/assessments?status=draft')).body.assessments).toHaveLength(1);
    const bad = await admin.get('/api/v1/assessments?status=finished');
    expect([bad.status, bad.body.error.fields.status]).toEqual([400, 'status must be draft, submitted or approved']);
  });
});

describe('workflow', () => {
  it('submit → approve by another user; approved is read-only; every step audited', async () => {
    const a = await created();
    const v1 = (
      await admin
        .put(`/api/v1/assessments/${a.id}/answers`)
        .send({ version: a.version, answers: [{ statement: 'A-1', score: 3 }] })
    ).body.version;
    const submitted = await admin.post(`/api/v1/assessments/${a.id}/submit`).send({ version: v1 });
    expect([submitted.status, submitted.body.status]).toEqual([200, 'submitted']);
    const self = await admin.post(`/api/v1/assessments/${a.id}/approve`).send({ version: submitted.body.version });
    expect([self.status, self.body.error.message]).toEqual([
      403,
      'You submitted this assessment: another administrator or finance user must approve or return it',
    ]);
    const finance = await apiClient(t.app, t.db, 'finance');
    const approved = await finance
      .post(`/api/v1/assessments/${a.id}/approve`)
      .send({ version: submitted.body.version });
    expect([approved.status, approved.body.status]).toEqual([200, 'approved']);
    const edit = await admin
      .put(`/api/v1/assessments/${a.id}/answers`)
      .send({ version: approved.body.version, answers: [] });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'not_draft']);
    const summaries = (
      await t
        .db('audit_log')
        .where({ entity_type: 'assessment', entity_id: String(a.id) })
        .orderBy('id')
    ).map((r: { summary: string }) => r.summary);
    expect(summaries).toEqual([
      `Assessment ${a.id} of CS started (framework TEST-FW v1)`,
      `Assessment ${a.id} of CS: 1 answers and 0 dimension notes saved`,
      `Assessment ${a.id} of CS submitted for approval`,
      `Assessment ${a.id} of CS approved`,
    ]);
  });

  it('returns a submitted assessment to draft with a required comment; submitting with no answers is refused', async () => {
    const a = await created();
    const empty = await admin.post(`/api/v1/assessments/${a.id}/submit`).send({ version: a.version });
    expect(empty.status).toBe(422);
    const v = (
      await admin
        .put(`/api/v1/assessments/${a.id}/answers`)
        .send({ version: a.version, answers: [{ statement: 'B-1', score: 2 }] })
    ).body.version;
    const s = (await admin.post(`/api/v1/assessments/${a.id}/submit`).send({ version: v })).body;
    const finance = await apiClient(t.app, t.db, 'finance');
    const noComment = await finance.post(`/api/v1/assessments/${a.id}/return`).send({ version: s.version });
    expect([noComment.status, noComment.body.error.fields.comment]).toEqual([
      400,
      'Enter a comment saying what needs changing',
    ]);
    const back = await finance
      .post(`/api/v1/assessments/${a.id}/return`)
      .send({ version: s.version, comment: 'Add evidence for B-1' });
    expect(back.body).toMatchObject({ status: 'draft', returnComment: 'Add evidence for B-1', submittedBy: null });
    const again = await finance.post(`/api/v1/assessments/${a.id}/approve`).send({ version: back.body.version });
    expect([again.status, again.body.error.code]).toEqual([409, 'wrong_status']);
  });

  // Every role: who may create (start) and who may approve, through the API.
  it.each([
    ['admin', {}, 201, 200],
    ['finance', {}, 201, 200],
    ['finance scoped to CS', { scope: 'CS' }, 201, 200],
    ['finance scoped to RES', { scope: 'RES' }, 403, 403],
    ['project_manager', {}, 403, 403],
    ['scrutiny', {}, 403, 403],
  ] as const)(
    '%s %j: create → %d, approve another’s submission → %d',
    async (label, o, createStatus, approveStatus) => {
      const role = label.split(' ')[0] as 'admin' | 'finance' | 'project_manager' | 'scrutiny';
      const ids = await t.db('directorates').select('id', 'code');
      const scope = 'scope' in o ? [ids.find((d: { code: string }) => d.code === o.scope).id] : undefined;
      const client = await apiClient(t.app, t.db, role, { directorateIds: scope });
      expect((await client.post('/api/v1/assessments').send(NEW)).status).toBe(createStatus);
      const id = await anAssessment(t.ctx, 'CS', { 'A-1': 2 }, { submit: true });
      const version = (await client.get(`/api/v1/assessments/${id}`)).body.version;
      expect((await client.post(`/api/v1/assessments/${id}/approve`).send({ version })).status).toBe(approveStatus);
    },
  );
});

describe('improvement actions', () => {
  it('raises an action on an approved assessment with projects, lists it as overdue once past due, and patches it', async () => {
    const id = await anAssessment(t.ctx, 'CS', { 'B-1': 1 }, { approve: true });
    const res = await admin.post(`/api/v1/assessments/${id}/actions`).send({
      title: 'Set up a benefits register',
      owner: 'T. Okafor',
      dueOn: '2025-06-30',
      dimensionCode: 'b',
      projectCodes: ['cs-001'],
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/improvement-actions/${res.body.id}`);
    expect(res.body).toMatchObject({
      dimensionCode: 'B',
      status: 'open',
      overdue: true,
      projectCodes: ['CS-001'],
      directorateCode: 'CS',
    });
    const overdue = await admin.get('/api/v1/improvement-actions?overdue=true&directorate=CS');
    expect(overdue.body.improvementActions.map((a: { id: number }) => a.id)).toEqual([res.body.id]);
    const patched = await admin
      .patch(`/api/v1/improvement-actions/${res.body.id}`)
      .send({ version: res.body.version, status: 'done' });
    expect(patched.body).toMatchObject({
      status: 'done',
      overdue: false,
      title: 'Set up a benefits register',
      projectCodes: ['CS-001'],
    });
    expect((await admin.get('/api/v1/improvement-actions?overdue=true')).body.improvementActions).toEqual([]);
    const readOnly = await admin
      .patch(`/api/v1/improvement-actions/${res.body.id}`)
      .send({ version: patched.body.version, id: 5 });
    expect(readOnly.status).toBe(400);
  });

  it('refuses an action on a submitted assessment (409), an unknown dimension or project (422), and a scrutiny user (403)', async () => {
    const submitted = await anAssessment(t.ctx, 'CS', { 'A-1': 1 }, { submit: true });
    const body = { title: 'T', owner: 'O', dueOn: '2027-01-01', dimensionCode: 'A' };
    expect((await admin.post(`/api/v1/assessments/${submitted}/actions`).send(body)).status).toBe(409);
    const draft = (await created()).id;
    const badDim = await admin.post(`/api/v1/assessments/${draft}/actions`).send({ ...body, dimensionCode: 'Q' });
    expect([badDim.status, badDim.body.error.fields.dimensionCode]).toEqual([
      422,
      "There is no dimension Q in this assessment's framework",
    ]);
    const badProject = await admin
      .post(`/api/v1/assessments/${draft}/actions`)
      .send({ ...body, projectCodes: ['XX-1'] });
    expect(badProject.body.error.fields.projectCodes).toBe('There is no project with code XX-1');
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.post(`/api/v1/assessments/${draft}/actions`).send(body)).status).toBe(403);
  });
});

describe('GET /api/v1/assessments/heatmap', () => {
  it('gives each directorate its latest approved scores and date (2 decimals), and null for one never assessed', async () => {
    // CS: an older approved one, a newer approved one and a newer draft; only the newer approved counts.
    await anAssessment(t.ctx, 'CS', { 'A-1': 1, 'B-1': 1, 'C-1': 1 }, { approve: true, assessedOn: '2025-01-01' });
    await anAssessment(t.ctx, 'CS', { 'A-1': 4, 'A-2': 3, 'B-1': 5 }, { approve: true, assessedOn: '2026-01-01' });
    await anAssessment(t.ctx, 'CS', { 'A-1': 1 }, { assessedOn: '2026-06-01' });
    const res = await admin.get('/api/v1/assessments/heatmap');
    expect(res.status).toBe(200);
    expect(res.body.dimensions.map((d: { code: string }) => d.code)).toEqual(['A', 'B', 'C']);
    // A: (4 + 3) / 2 = 3.5; B: 5; C: no answer. Overall (3.5 + 5) / 2 = 4.25.
    expect(res.body.directorates).toEqual([
      expect.objectContaining({
        code: 'CS',
        assessed: true,
        assessedOn: '2026-01-01',
        overall: '4.25',
        scores: { A: '3.50', B: '5.00', C: null },
      }),
      expect.objectContaining({
        code: 'RES',
        assessed: false,
        assessedOn: null,
        overall: null,
        scores: { A: null, B: null, C: null },
      }),
    ]);
  });
});
