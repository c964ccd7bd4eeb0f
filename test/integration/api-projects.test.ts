import { appForTests, countRows } from '../helpers/test-app';
import { aBenefit, aCostLine, aProject, twoDirectorates } from '../helpers/builders';
import { createPriority } from '../../server/domain/priorities';

const { t, api: finance } = appForTests({
  api: 'finance',
  seed: async (app) => {
    await twoDirectorates(app.ctx);
    // Council priorities are a managed list (issue 19).
    await createPriority(app.ctx, { name: 'Efficiency', description: '' });
    await aProject(app.ctx, {
      optimismBias: '0.2',
      discountRate: '0.035',
      sponsor: 'Director of CS',
      status: 'approved',
    });
  },
});

const newProject = {
  code: 'res-002',
  name: 'Payroll replacement',
  directorateCode: 'res',
  startYear: '2025/26',
  optimismBias: '0.39',
  priority: 'Efficiency',
};

describe('GET /api/v1/projects/:code', () => {
  it('gives every project field: FY labels, exact ratio strings, version and timestamps', async () => {
    const res = await finance.get('/api/v1/projects/cs-001');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 'CS-001',
      name: 'Case management system',
      directorateCode: 'CS',
      description: '',
      sponsor: 'Director of CS',
      manager: '',
      status: 'approved',
      startYear: '2024/25',
      baseYear: '2024/25',
      discountRate: '0.035',
      optimismBias: '0.2',
      priority: '',
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('answers 404 with the error shape for an unknown code', async () => {
    const res = await finance.get('/api/v1/projects/NOPE-1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'There is no project with code NOPE-1' } });
  });
});

describe('POST /api/v1/projects', () => {
  it('creates a project: 201, Location, the stored row and an audit row naming the token user', async () => {
    const res = await finance.post('/api/v1/projects').send(newProject);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/projects/RES-002');
    expect(res.body).toMatchObject({
      code: 'RES-002',
      directorateCode: 'RES',
      startYear: '2025/26',
      baseYear: '2025/26',
      discountRate: null,
      optimismBias: '0.39',
      status: 'proposed',
      version: 1,
    });
    const row = await t.db('projects').where({ code: 'RES-002' }).first();
    expect(row).toMatchObject({
      name: 'Payroll replacement',
      start_fy: 2025,
      base_fy: 2025,
      discount_rate: null,
      optimism_bias: '0.39',
      priority: 'Efficiency',
    });
    const audit = await t.db('audit_log').where({ entity_type: 'project', entity_id: 'RES-002' }).first();
    expect(audit).toMatchObject({ action: 'created', actor_id: finance.userId, project_id: row.id });
    expect(audit.actor_label).toContain(finance.email);
  });

  it.each([
    [
      'an optimism bias as a JSON number',
      { optimismBias: 0.2 },
      'optimismBias',
      'Send the optimism bias as a string, for example "0.035", not a JSON number',
    ],
    ['a lenient FY label', { startYear: '2025-26' }, 'startYear', 'Enter a financial year in the form "2024/25"'],
    ['an unknown field', { budget: '100.00' }, 'budget', 'Unknown field "budget"'],
    ['an unknown status', { status: 'done' }, 'status', 'Select a status'],
  ])('answers 400 naming the field for %s', async (_case, over, field, message) => {
    const res = await finance.post('/api/v1/projects').send({ ...newProject, ...over });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field, fields: { [field]: message } });
    expect(await countRows(t.db, 'projects')).toBe(1);
  });

  it.each([
    ['a duplicate code', { code: 'cs-001' }, 'code', 'A project with code CS-001 already exists'],
    ['an unknown directorate', { directorateCode: 'ZZ' }, 'directorateCode', 'There is no directorate with code ZZ'],
  ])('answers 422 for %s', async (_case, over, field, message) => {
    const res = await finance.post('/api/v1/projects').send({ ...newProject, ...over });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field, fields: { [field]: message } });
  });
});

describe('PATCH /api/v1/projects/:code', () => {
  it('merges the given fields over the record, keeps the rest, and audits before and after', async () => {
    const res = await finance
      .patch('/api/v1/projects/CS-001')
      .set('If-Match', '"1"')
      .send({ name: 'Case management', discountRate: null, directorateCode: 'RES' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'CS-001',
      name: 'Case management',
      directorateCode: 'RES',
      discountRate: null,
      optimismBias: '0.2',
      sponsor: 'Director of CS',
      status: 'approved',
      version: 2,
    });
    expect(await t.db('projects').where({ code: 'CS-001' }).first()).toMatchObject({
      name: 'Case management',
      discount_rate: null,
      optimism_bias: '0.2',
      version: 2,
    });
    const audit = await t.db('audit_log').where({ entity_type: 'project', action: 'updated' }).first();
    expect(JSON.parse(audit.before_json)).toMatchObject({
      name: 'Case management system',
      directorateCode: 'CS',
      discountRate: '0.035',
    });
    expect(JSON.parse(audit.after_json)).toMatchObject({
      name: 'Case management',
      directorateCode: 'RES',
      discountRate: null,
    });
  });

  it('answers 422 when the base year would move past an existing figure (C3)', async () => {
    await aCostLine(t.ctx, 'CS-001', { year: '2024/25' });
    const res = await finance.patch('/api/v1/projects/CS-001').send({ version: 1, baseYear: '2025/26' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      field: 'baseYear',
      fields: { baseYear: 'The project has figures in 2024/25: the base year cannot be later than that' },
    });
  });

  it('answers 400 for a bad FY and an unknown field, and 404 for an unknown project', async () => {
    expect(
      (await finance.patch('/api/v1/projects/CS-001').send({ version: 1, startYear: 'FY2024/25' })).body.error.field,
    ).toBe('startYear');
    expect(
      (await finance.patch('/api/v1/projects/CS-001').send({ version: 1, colour: 'red' })).body.error.fields,
    ).toEqual({ colour: 'Unknown field "colour"' });
    expect((await finance.patch('/api/v1/projects/NOPE').send({ version: 1, name: 'x' })).status).toBe(404);
  });
});

describe('DELETE /api/v1/projects/:code', () => {
  it('deletes the project with its costs and benefits (204) and audits it', async () => {
    await aCostLine(t.ctx, 'CS-001');
    await aBenefit(t.ctx, 'CS-001');
    const res = await finance.delete('/api/v1/projects/CS-001').set('If-Match', '"1"');
    expect(res.status).toBe(204);
    expect(await countRows(t.db, 'projects')).toBe(0);
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
    expect(await countRows(t.db, 'benefits')).toBe(0);
    expect(await t.db('audit_log').where({ entity_type: 'project', action: 'deleted' }).first()).toMatchObject({
      entity_id: 'CS-001',
      actor_id: finance.userId,
    });
  });

  it('refuses any body field besides the version', async () => {
    const res = await finance.delete('/api/v1/projects/CS-001').send({ version: 1, force: true });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('force');
    expect(await countRows(t.db, 'projects')).toBe(1);
  });
});

describe('GET /api/v1/projects (filters and paging)', () => {
  beforeEach(async () => {
    for (const [code, directorateCode, status] of [
      ['CS-002', 'CS', 'live'],
      ['RES-001', 'RES', 'approved'],
      ['RES-002', 'RES', 'live'],
      ['CS-003', 'CS', 'closed'],
    ]) {
      await aProject(t.ctx, { code, directorateCode, status, name: `Project ${code}` });
    }
  });
  const codes = (body: { projects: { code: string }[] }) => body.projects.map((p) => p.code);

  it('lists all projects in code order with no next page by default', async () => {
    const res = await finance.get('/api/v1/projects');
    expect(res.status).toBe(200);
    expect(codes(res.body)).toEqual(['CS-001', 'CS-002', 'CS-003', 'RES-001', 'RES-002']);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.projects[0]).toMatchObject({ optimismBias: '0.2', startYear: '2024/25' });
  });

  it('pages 5 projects 2 at a time: 3 pages, no overlap, nextCursor null at the end', async () => {
    const pages: string[][] = [];
    let url = '/api/v1/projects?limit=2';
    for (;;) {
      const res = await finance.get(url);
      expect(res.status).toBe(200);
      pages.push(codes(res.body));
      if (res.body.nextCursor === null) break;
      expect(res.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      url = `/api/v1/projects?limit=2&cursor=${res.body.nextCursor}`;
    }
    expect(pages).toEqual([['CS-001', 'CS-002'], ['CS-003', 'RES-001'], ['RES-002']]);
  });

  it('filters by directorate and status, together with paging', async () => {
    expect(codes((await finance.get('/api/v1/projects?directorate=res')).body)).toEqual(['RES-001', 'RES-002']);
    expect(codes((await finance.get('/api/v1/projects?status=live')).body)).toEqual(['CS-002', 'RES-002']);
    const first = (await finance.get('/api/v1/projects?directorate=CS&limit=1')).body;
    expect(codes(first)).toEqual(['CS-001']);
    expect(
      codes((await finance.get(`/api/v1/projects?directorate=CS&limit=5&cursor=${first.nextCursor}`)).body),
    ).toEqual(['CS-002', 'CS-003']);
    expect((await finance.get('/api/v1/projects?directorate=ZZ')).body).toEqual({ projects: [], nextCursor: null });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor!', 'cursor'],
    ['cursor=%3D%3D%3D', 'cursor'],
    [`cursor=${Buffer.from('cs 001').toString('base64url')}`, 'cursor'],
    ['status=done', 'status'],
    ['directorate=a%20b', 'directorate'],
  ])('answers 400 naming the parameter for %s', async (query, field) => {
    const res = await finance.get(`/api/v1/projects?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request', field });
  });
});
