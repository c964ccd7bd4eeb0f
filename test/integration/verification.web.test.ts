/**
 * C10 on the pages and evidence files through both entry points: the realisation's page offers
 * verify / unverify / attach only to those who may use them; editing a verified realisation asks
 * for a reason; files are checked by type and size and downloaded as attachments by every
 * signed-in role, and by nobody signed out.
 */
import request from 'supertest';
import { appForTests } from '../helpers/test-app';
import { apiClient, webClient, type ApiClient, type WebClient } from '../helpers/clients';
import { aBenefit, aProjectWithDirectorate } from '../helpers/builders';
import { evidence } from '../helpers/evidence-files';
import { setProjectManagers } from '../../server/domain/projects';

// Each test signs in several roles (password hashing): slow on a busy machine.
jest.setTimeout(30_000);

const PAGE = '/projects/CS-001/benefits/B1/realisations';
let rid = 0;
const c = {} as { finance: WebClient; scrutiny: WebClient; admin: WebClient; apiPm: ApiClient; apiScrutiny: ApiClient };

const { t, web: pm } = appForTests({
  web: 'project_manager',
  seed: async (app, { web }) => {
    await aProjectWithDirectorate(app.ctx);
    await setProjectManagers(app.ctx, 'CS-001', [web.userId]);
    await aBenefit(app.ctx, 'CS-001');
    c.finance = await webClient(app.app, app.db, 'finance');
    c.scrutiny = await webClient(app.app, app.db, 'scrutiny');
    c.admin = await webClient(app.app, app.db, 'admin');
    c.apiPm = await apiClient(app.app, app.db, 'project_manager');
    await setProjectManagers(app.ctx, 'CS-001', [web.userId, c.apiPm.userId]);
    c.apiScrutiny = await apiClient(app.app, app.db, 'scrutiny');
    const res = await web.post(PAGE).type('form').send({
      year: '2025/26',
      amount: '30,000.00',
      evidence: 'Ledger extract',
      recordedBy: 'Priya',
      recordedOn: '2026-01-15',
    });
    expect(res.status).toBe(303);
    rid = (await app.db('realisations').first('id')).id;
  },
});

const attach = (who: WebClient, name: string, bytes: Buffer) =>
  who.post(`${PAGE}/${rid}/attachments`).attach('file', bytes, name);

describe('the realisation page', () => {
  it('offers the finance partner the verify form, and verifying shows it verified on the benefit page', async () => {
    const page = await c.finance.get(`${PAGE}/${rid}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Verify this realisation');
    expect(page.text).toContain('Unverified');
    const res = await c.finance.post(`${PAGE}/${rid}/verify`).type('form').send({ grade: 'audited', version: '1' });
    expect(res.status).toBe(303);
    const after = await c.finance.get(res.headers.location);
    expect(after.text).toContain('Realisation verified');
    expect(after.text).toMatch(/Verified<\/strong>\s*Audited, by Test finance/);
    expect(after.text).toContain('Return to unverified');
    const benefit = await c.scrutiny.get('/projects/CS-001/benefits/B1');
    expect(benefit.text).toMatch(/Verified<\/strong> Audited/);
  });

  it('asks for a grade (422 with the message by the field) and keeps the page', async () => {
    const res = await c.finance.post(`${PAGE}/${rid}/verify`).type('form').send({ version: '1' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Select the evidence grade');
    expect(res.text).toContain('href="#f-grade"');
  });

  it('offers no verify form to the recorder or scrutiny, and refuses their posts; evidence upload only to those who may attach', async () => {
    for (const who of [pm, c.scrutiny]) {
      const page = await who.get(`${PAGE}/${rid}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('Verify this realisation');
      expect(
        (await who.post(`${PAGE}/${rid}/verify`).type('form').send({ grade: 'audited', version: '1' })).status,
      ).toBe(403);
    }
    // The project manager recorded it: the page says unverified and offers evidence files instead.
    expect((await pm.get(`${PAGE}/${rid}`)).text).toContain('Attach an evidence file');
    expect((await c.scrutiny.get(`${PAGE}/${rid}`)).text).not.toContain('Attach an evidence file');
  });

  it('asks for a reason to edit a verified realisation, then returns it to unverified', async () => {
    await c.finance.post(`${PAGE}/${rid}/verify`).type('form').send({ grade: 'estimate', version: '1' });
    const form = await pm.get(`${PAGE}/${rid}/edit`);
    expect(form.text).toContain('This realisation is verified');
    const body = {
      year: '2025/26',
      amount: '31,000.00',
      evidence: 'Ledger extract',
      recordedBy: 'Priya',
      recordedOn: '2026-01-15',
      version: '2',
    };
    const refused = await pm.post(`${PAGE}/${rid}/edit`).type('form').send(body);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('give a reason for the change');
    expect(refused.text).toContain('value="31,000.00"');
    const saved = await pm
      .post(`${PAGE}/${rid}/edit`)
      .type('form')
      .send({ ...body, changeReason: 'Credit note found' });
    expect(saved.status).toBe(303);
    const row = await t.db('realisations').where({ id: rid }).first();
    expect(row).toMatchObject({ verification_status: 'unverified', verification_grade: null });
    expect(String(row.amount_pence)).toBe('3100000');
  });
});

describe('verifiedOnly on the pages', () => {
  it('shows how much of realised is verified, and filters to verified realisations on the dashboard and project page', async () => {
    await pm.post(PAGE).type('form').send({
      year: '2025/26',
      amount: '10,000.00',
      evidence: 'Second ledger extract',
      recordedBy: 'Priya',
      recordedOn: '2026-01-20',
    });
    await c.finance.post(`${PAGE}/${rid}/verify`).type('form').send({ grade: 'audited', version: '1' });
    const home = await c.scrutiny.get('/?asAt=2026-01-15');
    expect(home.text).toContain('£40k realised, of which £30k verified');
    const verifiedHome = await c.scrutiny.get('/?asAt=2026-01-15&verifiedOnly=true');
    expect(verifiedHome.text).toContain('Verified realisations only (£40k realised, of which £30k verified)');
    expect(verifiedHome.text).toMatch(/id="f-verifiedOnly"[^>]*checked/);
    // B1 expects £40,000 in 2025/26: 40,000/40,000 = 100.0% counting all; 30,000/40,000 = 75.0% verified only.
    const project = await c.scrutiny.get('/projects/CS-001?asAt=2026-01-15');
    expect(project.text).toContain('£40k realised, of which £30k verified');
    expect(project.text).toContain('100.0%');
    const verifiedProject = await c.scrutiny.get('/projects/CS-001?asAt=2026-01-15&verifiedOnly=true');
    expect(verifiedProject.text).toContain('Realised benefits: verified realisations only');
    expect(verifiedProject.text).toContain('75.0%');
    const directorate = await c.scrutiny.get('/directorates/CS?asAt=2026-01-15&verifiedOnly=true');
    expect(directorate.status).toBe(200);
    expect(directorate.text).toContain('Verified realisations only (£40k realised, of which £30k verified)');
  });
});

describe('evidence files', () => {
  it('attaches a PDF on the page; every signed-in role downloads it as an attachment, never sniffed', async () => {
    const res = await attach(pm, 'Ledger "Q1".pdf', evidence.pdf());
    expect(res.status).toBe(303);
    const page = await c.scrutiny.get(`${PAGE}/${rid}`);
    const href = /href="([^"]+\/attachments\/\d+)"/.exec(page.text)![1];
    for (const who of [pm, c.finance, c.scrutiny, c.admin]) {
      const file = await who.get(href).buffer(true);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename=/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(file.body as Buffer, evidence.pdf())).toBe(0);
    }
    const anonymous = await request(t.app).get(href);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
    const audit = await t.db('audit_log').where({ entity_type: 'realisation_attachment' }).first();
    expect(audit.summary).toContain('Evidence file Ledger "Q1".pdf attached');
  });

  it('refuses a file whose contents are not what its name says, and one over 10 MB', async () => {
    const wrong = await attach(pm, 'invoice.pdf', evidence.png());
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('contents are not a PDF');
    const big = await attach(pm, 'big.pdf', Buffer.concat([evidence.pdf(), Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect(Number((await t.db('realisation_attachments').count({ n: '*' }).first())!.n)).toBe(0);
  });

  it('works through the API: upload (201), list, download, type refused (422), removal refused while verified', async () => {
    const url = `/api/v1/realisations/${rid}/attachments`;
    const up = await c.apiPm.post(url).attach('file', evidence.csv(), 'ledger.csv');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      fileName: 'ledger.csv',
      contentType: 'text/csv',
      sizeBytes: evidence.csv().length,
    });
    expect(up.headers.location).toBe(`${url}/${up.body.id}`);
    const list = await c.apiScrutiny.get(url);
    expect(list.body.attachments).toHaveLength(1);
    const file = await c.apiScrutiny.get(up.body.href);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="?ledger\.csv"?$/);
    expect(file.text).toBe(evidence.csv().toString());
    expect((await c.apiScrutiny.post(url).attach('file', evidence.csv(), 'x.csv')).status).toBe(403);
    const bad = await c.apiPm.post(url).attach('file', evidence.exe(), 'tool.docx');
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('file');
    await c.finance.post(`${PAGE}/${rid}/verify`).type('form').send({ grade: 'audited', version: '1' });
    expect((await c.apiPm.delete(`${url}/${up.body.id}`)).status).toBe(428);
    expect((await c.apiPm.delete(`${url}/${up.body.id}`).send({ version: 1 })).status).toBe(409);
    const removal = await c.apiPm.delete(`${url}/${up.body.id}`).send({ version: 2 });
    expect(removal.status).toBe(422);
    expect(removal.body.error.fields.file).toMatch(/unverify it before removing its evidence/);
    expect((await c.apiPm.get(`${url}/999999`)).status).toBe(404);
    await c.finance.post(`${PAGE}/${rid}/unverify`).type('form').send({ reason: 'Recheck', version: '2' });
    expect((await c.apiPm.delete(`${url}/${up.body.id}`).set('If-Match', '"3"')).status).toBe(204);
    expect(await c.apiScrutiny.get(url).then((r) => r.body.attachments)).toEqual([]);
  });
});
