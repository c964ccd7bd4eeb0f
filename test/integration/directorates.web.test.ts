import { appForTests } from '../helpers/test-app';
import { aDirectorate, aProject } from '../helpers/builders';

const { t, web } = appForTests({ web: 'admin' });

describe('GET /directorates', () => {
  it('shows a helpful empty state when there are none', async () => {
    const res = await web.get('/directorates');
    expect(res.status).toBe(200);
    expect(res.text).toContain('No directorates yet');
  });

  it('lists directorates with their project counts', async () => {
    await aDirectorate(t.ctx);
    await aProject(t.ctx);
    const res = await web.get('/directorates');
    expect(res.text).toContain('Children&#39;s Services');
    expect(res.text).toMatch(/govuk-table__cell--numeric">1</);
  });
});

describe('POST /directorates', () => {
  it('creates a directorate, upper-cases its code, audits it and redirects to it', async () => {
    const res = await web.post('/directorates').type('form').send({ code: 'ah', name: 'Adults and Health' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/directorates/AH?notice=directorate-created');
    const row = await t.db('directorates').where({ code: 'AH' }).first();
    expect(row.name).toBe('Adults and Health');
    const audit = await t.db('audit_log').where({ entity_type: 'directorate', entity_id: 'AH' }).first();
    expect(audit.action).toBe('created');
    expect(JSON.parse(audit.after_json)).toEqual({ code: 'AH', name: 'Adults and Health' });
  });

  it('re-renders the form with the typed values and a message per field when input is bad', async () => {
    const res = await web.post('/directorates').type('form').send({ code: 'bad code!', name: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('Directorate code must use only letters, numbers and hyphens');
    expect(res.text).toContain('Enter a directorate name');
    expect(res.text).toContain('value="bad code!"');
    expect(await t.db('directorates').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('refuses a duplicate code with a field message and writes nothing', async () => {
    await aDirectorate(t.ctx);
    const res = await web.post('/directorates').type('form').send({ code: 'cs', name: 'Another' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('A directorate with code CS already exists');
    expect((await t.db('directorates').select('name')).map((r) => r.name)).toEqual(["Children's Services"]);
  });

  it('refuses an over-long name', async () => {
    const res = await web
      .post('/directorates')
      .type('form')
      .send({ code: 'X', name: 'n'.repeat(121) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Directorate name must be 120 characters or fewer');
  });
});

describe('POST /directorates/:code/edit', () => {
  it('updates the name and bumps the version', async () => {
    const d = await aDirectorate(t.ctx);
    const res = await web
      .post('/directorates/CS/edit')
      .type('form')
      .send({ code: 'CS', name: 'Children and Families', version: String(d.version) });
    expect(res.status).toBe(303);
    const row = await t.db('directorates').where({ code: 'CS' }).first();
    expect(row.name).toBe('Children and Families');
    expect(row.version).toBe(2);
  });

  it('refuses a stale edit with 409, keeping the typed values and showing the saved record', async () => {
    await aDirectorate(t.ctx);
    await web.post('/directorates/CS/edit').type('form').send({ code: 'CS', name: 'First editor', version: '1' });
    const res = await web
      .post('/directorates/CS/edit')
      .type('form')
      .send({ code: 'CS', name: 'Second editor', version: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Someone else changed this record');
    expect(res.text).toContain('value="Second editor"');
    expect(res.text).toContain('First editor');
    expect(res.text).toContain('name="version" value="2"');
    expect((await t.db('directorates').first()).name).toBe('First editor');
  });
});

describe('POST /directorates/:code/delete', () => {
  it('asks for confirmation first', async () => {
    await aDirectorate(t.ctx);
    const res = await web.get('/directorates/CS/delete');
    expect(res.text).toContain('Are you sure you want to delete');
  });

  it('deletes an empty directorate', async () => {
    await aDirectorate(t.ctx);
    const res = await web.post('/directorates/CS/delete').type('form').send({});
    expect(res.status).toBe(303);
    expect(await t.db('directorates').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('refuses to delete a directorate that has projects, with a clear message', async () => {
    await aDirectorate(t.ctx);
    await aProject(t.ctx);
    const res = await web.post('/directorates/CS/delete').type('form').send({});
    expect(res.status).toBe(409);
    expect(res.text).toContain('still has 1 project');
    expect(await t.db('directorates').count({ n: '*' }).first()).toEqual({ n: 1 });
  });
});

describe('unknown codes', () => {
  it('gives a friendly 404 page', async () => {
    const res = await web.get('/directorates/NOPE');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
    expect(res.text).toContain('There is no directorate with code NOPE');
  });
});
