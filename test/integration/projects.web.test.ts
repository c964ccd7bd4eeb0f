import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { createPriority } from '../../server/domain/priorities';

const { t, web } = appForTests({
  web: 'admin',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    // Council priorities are a managed list (issue 19).
    await createPriority(app.ctx, { name: 'Best city for children', description: '' });
  },
});

const valid = {
  code: 'cs-002',
  name: 'Early help data sharing',
  directorateCode: 'CS',
  status: 'proposed',
  startYear: '2025-26',
  optimismBias: '20',
  discountRate: '',
  priority: 'Best city for children',
};

describe('GET /projects', () => {
  it('shows an empty state, then lists projects with totals', async () => {
    expect((await web.get('/projects')).text).toContain('No projects yet');
    await aProject(t.ctx);
    await aCostLine(t.ctx, 'CS-001', { amount: '1234567.89' });
    const res = await web.get('/projects');
    expect(res.text).toContain('Case management system');
    expect(res.text).toContain('£1,234,567.89');
  });

  it('filters by directorate, status and text, keeping the filters in the URL', async () => {
    await aProject(t.ctx);
    await aProject(t.ctx, { code: 'CS-002', name: 'Mobile working', status: 'live' });
    const res = await web.get('/projects?status=live&q=mobile');
    expect(res.text).toContain('Mobile working');
    expect(res.text).not.toContain('Case management system');
    const none = await web.get('/projects?directorate=ZZ');
    expect(none.text).toContain('No projects match these filters');
  });
});

describe('POST /projects', () => {
  it('creates a project, normalising the code and the financial year, with the base year defaulting to the start year', async () => {
    const res = await web.post('/projects').type('form').send(valid);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/projects/CS-002?notice=project-created');
    const row = await t.db('projects').where({ code: 'CS-002' }).first();
    expect(row).toMatchObject({
      start_fy: 2025,
      base_fy: 2025,
      optimism_bias: '0.2',
      discount_rate: null,
      status: 'proposed',
    });
  });

  it('re-renders with the typed values and field messages for a bad year, rate and unknown directorate', async () => {
    const res = await web
      .post('/projects')
      .type('form')
      .send({ ...valid, startYear: '2025/27', optimismBias: '250', discountRate: 'abc', directorateCode: 'ZZ' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('did you mean 2025/26?');
    expect(res.text).toContain('Optimism bias must be between 0% and 200%');
    expect(res.text).toContain('Enter the discount rate as a percentage');
    expect(res.text).toContain('value="2025/27"');
    expect(res.text).toContain('value="Early help data sharing"');
    expect(await t.db('projects').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('names an unknown directorate once the other fields are valid', async () => {
    const res = await web
      .post('/projects')
      .type('form')
      .send({ ...valid, directorateCode: 'ZZ' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('There is no directorate with code ZZ');
  });

  it('refuses a duplicate project code', async () => {
    await aProject(t.ctx);
    const res = await web
      .post('/projects')
      .type('form')
      .send({ ...valid, code: 'cs-001' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('A project with code CS-001 already exists');
  });

  it('escapes hostile text everywhere it is shown', async () => {
    await web
      .post('/projects')
      .type('form')
      .send({ ...valid, name: '<script>alert(1)</script>' });
    const res = await web.get('/projects/CS-002');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('GET /projects/:code', () => {
  it('shows costs by year and kind, benefits expected vs realised, and totals', async () => {
    await aProject(t.ctx);
    await aCostLine(t.ctx, 'CS-001', { amount: '100000.00' });
    await aCostLine(t.ctx, 'CS-001', { kind: 'actual', amount: '110000.50' });
    await aBenefit(t.ctx, 'CS-001', {
      profile: [
        { year: '2025/26', amount: '40000.00' },
        { year: '2026/27', amount: '45000.00' },
      ],
    });
    await aRealisation(t.ctx, 'CS-001', 'B1', { amount: '30000.00' });
    const res = await web.get('/projects/CS-001');
    expect(res.status).toBe(200);
    const byYear = res.text.slice(res.text.indexOf('id="by-year"'), res.text.indexOf('id="costs"'));
    expect(byYear).toMatch(/2024\/25[\s\S]*£100,000.00[\s\S]*£110,000.50[\s\S]*£10,000.50/);
    expect(byYear).toMatch(/2025\/26[\s\S]*£40,000.00[\s\S]*£30,000.00/);
    expect(byYear).toMatch(
      /Total[\s\S]*£100,000.00[\s\S]*£110,000.50[\s\S]*£10,000.50[\s\S]*£85,000.00[\s\S]*£30,000.00/,
    );
  });

  it('gives a friendly 404 for an unknown project', async () => {
    const res = await web.get('/projects/NOPE-1');
    expect(res.status).toBe(404);
    expect(res.text).toContain('There is no project with code NOPE-1');
  });
});

describe('POST /projects/:code/edit', () => {
  it('refuses to move the base year after existing figures', async () => {
    const p = await aProject(t.ctx);
    await aCostLine(t.ctx, 'CS-001', { year: '2024/25' });
    const res = await web
      .post('/projects/CS-001/edit')
      .type('form')
      .send({
        code: 'CS-001',
        name: p.name,
        directorateCode: 'CS',
        startYear: '2024/25',
        baseYear: '2025/26',
        optimismBias: '0',
        version: String(p.version),
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('The project has figures in 2024/25');
    expect((await t.db('projects').first()).base_fy).toBe(2024);
  });

  it('saves an edit and audits the before and after values', async () => {
    const p = await aProject(t.ctx);
    const res = await web
      .post('/projects/CS-001/edit')
      .type('form')
      .send({
        code: 'CS-001',
        name: 'Renamed',
        directorateCode: 'CS',
        startYear: '2024/25',
        optimismBias: '10',
        discountRate: '4',
        version: String(p.version),
      });
    expect(res.status).toBe(303);
    const audit = await t.db('audit_log').where({ entity_type: 'project', action: 'updated' }).first();
    expect(JSON.parse(audit.before_json)).toMatchObject({
      name: 'Case management system',
      optimismBias: '0',
      discountRate: null,
    });
    expect(JSON.parse(audit.after_json)).toMatchObject({ name: 'Renamed', optimismBias: '0.1', discountRate: '0.04' });
  });
});

describe('POST /projects/:code/delete', () => {
  it('deletes the project with its costs and benefits, keeping the audit history', async () => {
    await aProject(t.ctx);
    await aCostLine(t.ctx, 'CS-001');
    await aBenefit(t.ctx, 'CS-001');
    const res = await web.post('/projects/CS-001/delete').type('form').send({});
    expect(res.status).toBe(303);
    expect(await t.db('cost_lines').count({ n: '*' }).first()).toEqual({ n: 0 });
    expect(await t.db('benefit_profile').count({ n: '*' }).first()).toEqual({ n: 0 });
    expect((await t.db('audit_log').where({ entity_type: 'project', action: 'deleted' })).length).toBe(1);
  });
});
