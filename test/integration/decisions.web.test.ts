/** C9 on pages: the decision form, and the project page's baseline comparison and decision history. */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject } from '../helpers/builders';
import { webClient } from '../helpers/clients';

const { t, web } = appForTests({
  web: 'finance',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    await aProject(app.ctx);
    await aCostLine(app.ctx, 'CS-001', { year: '2024/25', amount: '100000.00' });
    await aBenefit(app.ctx, 'CS-001', {
      profile: [
        { year: '2025/26', amount: '60000.00' },
        { year: '2026/27', amount: '60000.00' },
      ],
    });
  },
});

const approval = {
  decidedOn: '2024-05-14',
  decidedBy: 'CLT',
  reference: 'CLT/2024/031',
  fundingSource: 'ICT capital programme',
  note: '',
};

describe('the decision form', () => {
  it('records the approval, then the project page compares baseline, plan and forecast and lists the decision', async () => {
    const before = await web.get('/projects/CS-001');
    expect(before.text).toContain('No baseline yet');
    expect(before.text).toContain('href="/projects/CS-001/decisions/new"');
    const form = await web.get('/projects/CS-001/decisions/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Record the approval');
    const res = await web
      .post('/projects/CS-001/decisions')
      .type('form')
      .send({ kind: 'approval', ...approval });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/projects/CS-001?notice=decision-approval#decisions');
    await aCostLine(t.ctx, 'CS-001', { year: '2024/25', amount: '20000.00' });
    const page = await web.get('/projects/CS-001');
    expect(page.text).toContain('Baseline 1');
    // Baseline NPV £13,981.66, the plan's −£6,018.34: a change of −£20,000.00; band Low → Poor.
    expect(page.text).toContain('£13,981.66');
    expect(page.text).toContain('-£6,018.34');
    expect(page.text).toContain('-£20,000.00');
    expect(page.text).toContain('Low → Poor');
    expect(page.text).toContain('CLT/2024/031');
    expect(page.text).toContain('Record a re-baseline');
  });

  it('re-renders with a message per field, keeping the input', async () => {
    const res = await web
      .post('/projects/CS-001/decisions')
      .type('form')
      .send({ kind: 'approval', ...approval, decidedBy: '', decidedOn: '2024-13-01' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter the deciding body or person');
    expect(res.text).toContain('Enter the decision date as a real date');
    expect(res.text).toContain('value="CLT/2024/031"');
  });

  it('asks a re-baseline for its reason', async () => {
    await web
      .post('/projects/CS-001/decisions')
      .type('form')
      .send({ kind: 'approval', ...approval });
    const form = await web.get('/projects/CS-001/decisions/new');
    expect(form.text).toContain('Reason for the re-baseline');
    const res = await web
      .post('/projects/CS-001/decisions')
      .type('form')
      .send({ kind: 'rebaseline', ...approval });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Select the reason for the re-baseline');
    const ok = await web
      .post('/projects/CS-001/decisions')
      .type('form')
      .send({ kind: 'rebaseline', ...approval, reasonCode: 'rephasing' });
    expect(ok.status).toBe(303);
    expect((await web.get('/projects/CS-001')).text).toContain('Rephasing');
  });

  it("the project list and the dashboard show each project's change since its baseline", async () => {
    await aProject(t.ctx, { code: 'CS-002', name: 'Not yet approved' });
    await web
      .post('/projects/CS-001/decisions')
      .type('form')
      .send({ kind: 'approval', ...approval });
    // The home page of a scrutiny member is the portfolio dashboard.
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    for (const page of [await web.get('/projects'), await scrutiny.get('/')]) {
      expect(page.text).toContain('Change since baseline');
      // CS-001's forecast against baseline 1 (band Low), CS-002 has none.
      expect(page.text).toContain('Low →');
      expect(page.text).toContain('No baseline');
    }
  });

  it('is neither offered nor taken from scrutiny', async () => {
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    const page = await scrutiny.get('/projects/CS-001');
    expect(page.text).toContain('Baseline and decisions');
    expect(page.text).not.toContain('/decisions/new');
    expect((await scrutiny.get('/projects/CS-001/decisions/new')).status).toBe(403);
  });
});
