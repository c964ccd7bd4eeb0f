/**
 * Post-implementation reviews (issue 17): the schedule kept by the project status-change write
 * path, recording and completing a review (then read-only), the next yearly review while a money
 * benefit is outstanding, the review settings, and the API.
 */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aProjectWithDirectorate, aRealisation } from '../helpers/builders';
import { webClient, apiClient } from '../helpers/clients';
import { todayUkIso } from '../../server/financial-year';
import { addMonths } from '../../server/domain/review-schedule';
import { updateReviewIntervals } from '../../server/domain/settings';

const { t, api } = appForTests({
  api: 'admin',
  seed: (app) => aProjectWithDirectorate(app.ctx, { status: 'in_delivery' }),
});

const today = todayUkIso();

async function setStatus(status: string) {
  const p = await api.get('/api/v1/projects/CS-001');
  const res = await api.patch('/api/v1/projects/CS-001').set('If-Match', `"${p.body.version}"`).send({ status });
  expect(res.status).toBe(200);
}

async function reviewsOf() {
  const res = await api.get('/api/v1/reviews?project=CS-001');
  expect(res.status).toBe(200);
  return res.body.reviews as {
    id: number;
    kind: string;
    dueOn: string;
    status: string;
    version: number;
    overdue: boolean;
  }[];
}

describe('the review schedule across status changes', () => {
  it('schedules go-live + 3 months at live, a closure review at closed, and drops scheduled ones when cancelled', async () => {
    expect(await reviewsOf()).toEqual([]);
    await setStatus('live');
    expect((await reviewsOf()).map((r) => [r.kind, r.dueOn, r.status])).toEqual([
      ['go_live', addMonths(today, 3), 'scheduled'],
    ]);
    // Back and forth does not schedule a second go-live review.
    await setStatus('closed');
    expect((await reviewsOf()).map((r) => [r.kind, r.dueOn])).toEqual([
      ['closure', today],
      ['go_live', addMonths(today, 3)],
    ]);
    await setStatus('live');
    expect(await reviewsOf()).toHaveLength(2);
    await setStatus('cancelled');
    expect(await reviewsOf()).toEqual([]);
    const audit = await t.db('audit_log').where({ entity_type: 'review' }).orderBy('id').select('action', 'summary');
    expect(audit.map((a) => a.action)).toEqual(['created', 'created', 'deleted']);
  });

  it('uses the organisation’s go-live interval', async () => {
    await updateReviewIntervals(t.ctx, { goLiveMonths: 6, repeatMonths: 12 });
    await setStatus('live');
    expect((await reviewsOf())[0].dueOn).toBe(addMonths(today, 6));
  });

  it('keeps completed reviews when the project leaves live, and schedules the next yearly review while a benefit is outstanding', async () => {
    await aBenefit(t.ctx, 'CS-001', { profile: [{ year: '2024/25', amount: '1000.00' }] });
    await setStatus('live');
    const [r] = await reviewsOf();
    const done = await api
      .patch(`/api/v1/reviews/${r.id}`)
      .set('If-Match', `"${r.version}"`)
      .send({
        heldOn: '2025-06-30',
        reviewers: 'Head of ICT; finance partner',
        findings: 'Live and used by every team',
        benefits: [{ ref: 'B1', status: 'realising', note: 'First savings seen' }],
        completed: true,
      });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      heldOn: '2025-06-30',
      benefits: [{ ref: 'B1', title: 'Staff time saved', status: 'realising', note: 'First savings seen' }],
    });
    // B1 is not verified for its last profiled year (2024/25): the next review is a year after the one held.
    const after = await reviewsOf();
    // Listed by due date: the yearly review is due before the go-live one, held early.
    expect(after.map((x) => [x.kind, x.dueOn, x.status])).toEqual([
      ['annual', '2026-06-30', 'scheduled'],
      ['go_live', r.dueOn, 'completed'],
    ]);
    expect(after[0].overdue).toBe('2026-06-30' < today);
    // A completed review is read-only.
    const again = await api
      .patch(`/api/v1/reviews/${r.id}`)
      .set('If-Match', `"${done.body.version}"`)
      .send({ lessons: 'x' });
    expect(again.status).toBe(409);
    await setStatus('in_delivery');
    expect((await reviewsOf()).map((x) => x.status)).toEqual(['completed']);
  });

  it('schedules no further review once every money benefit is withdrawn or verified for its last year', async () => {
    await aBenefit(t.ctx, 'CS-001', { status: 'withdrawn', profile: [{ year: '2024/25', amount: '1000.00' }] });
    await aBenefit(t.ctx, 'CS-001', { ref: 'B2', profile: [{ year: '2024/25', amount: '500.00' }] });
    const real = await aRealisation(t.ctx, 'CS-001', 'B2', { year: '2024/25', amount: '500.00' });
    await t
      .db('realisations')
      .where({ id: real.id })
      .update({ verification_status: 'verified', verification_grade: 'audited' });
    await setStatus('live');
    const [r] = await reviewsOf();
    const done = await api
      .patch(`/api/v1/reviews/${r.id}`)
      .send({ version: r.version, heldOn: today, reviewers: 'Board', findings: 'All delivered', completed: true });
    expect(done.status).toBe(200);
    expect((await reviewsOf()).map((x) => x.kind)).toEqual(['go_live']);
  });
});

describe('the reviews API', () => {
  it('lists due and overdue reviews, schedules an additional one and refuses bad input', async () => {
    const created = await api.post('/api/v1/projects/CS-001/reviews').send({ dueOn: '2025-01-31' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/reviews/${created.body.id}`);
    expect(created.body).toMatchObject({ kind: 'ad_hoc', dueOn: '2025-01-31', status: 'scheduled', overdue: true });
    await api.post('/api/v1/projects/CS-001/reviews').send({ dueOn: '2199-01-31' });
    const overdue = await api.get('/api/v1/reviews?overdue=true');
    expect(overdue.body.reviews.map((r: { dueOn: string }) => r.dueOn)).toEqual(['2025-01-31']);
    const due = await api.get('/api/v1/reviews?due=true&project=cs-001');
    expect(due.body.reviews.map((r: { dueOn: string }) => r.dueOn)).toEqual(['2025-01-31']);
    expect((await api.get('/api/v1/reviews')).body.reviews).toHaveLength(2);

    expect((await api.get('/api/v1/reviews?due=yes')).body.error).toMatchObject({ field: 'due' });
    expect((await api.post('/api/v1/projects/CS-001/reviews').send({ dueOn: '2025-02-30' })).status).toBe(400);
    const incomplete = await api
      .patch(`/api/v1/reviews/${created.body.id}`)
      .send({ version: created.body.version, completed: true });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.fields).toMatchObject({
      heldOn: 'Enter the date the review was held to complete it',
      reviewers: 'Enter who reviewed the project to complete the review',
    });
    expect((await api.get('/api/v1/reviews/999999')).status).toBe(404);
  });

  it('lets only admin, finance in scope and the project’s managers hold reviews', async () => {
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.post('/api/v1/projects/CS-001/reviews').send({ dueOn: '2027-01-31' })).status).toBe(403);
    const pm = await apiClient(t.app, t.db, 'project_manager');
    expect((await pm.post('/api/v1/projects/CS-001/reviews').send({ dueOn: '2027-01-31' })).status).toBe(403);
    await t.db('project_managers').insert({ project_id: 1, user_id: pm.userId });
    expect((await pm.post('/api/v1/projects/CS-001/reviews').send({ dueOn: '2027-01-31' })).status).toBe(201);
    expect((await scrutiny.get('/api/v1/reviews')).body.reviews).toHaveLength(1);
  });
});

describe('the review pages', () => {
  it('records a review, re-renders with messages when completing without the essentials, then completes it', async () => {
    await setStatus('live');
    const [r] = await reviewsOf();
    const web = await webClient(t.app, t.db, 'admin');
    const form = await web.get(`/reviews/${r.id}/edit`);
    expect(form.status).toBe(200);
    const bad = await web
      .post(`/reviews/${r.id}/edit`)
      .type('form')
      .send({ version: String(r.version), dueOn: r.dueOn, findings: 'Going well', action: 'complete' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter the date the review was held to complete it');
    expect(bad.text).toContain('Going well');
    const ok = await web
      .post(`/reviews/${r.id}/edit`)
      .type('form')
      .send({
        version: String(r.version),
        dueOn: r.dueOn,
        heldOn: today,
        reviewers: 'ICT board',
        findings: 'Going well',
        action: 'complete',
      });
    expect(ok.status).toBe(303);
    const shown = await web.get(ok.headers.location);
    expect(shown.text).toContain('Review completed: it is now read-only');
    expect(shown.text).not.toContain('Record this review');
    expect((await web.get(`/reviews/${r.id}/edit`)).status).toBe(409);
  });

  it('saves the review intervals on their settings page', async () => {
    const web = await webClient(t.app, t.db, 'admin');
    expect(
      (await web.post('/settings/reviews').type('form').send({ goLiveMonths: '0', repeatMonths: '12' })).status,
    ).toBe(422);
    const res = await web.post('/settings/reviews').type('form').send({ goLiveMonths: '4', repeatMonths: '24' });
    expect(res.status).toBe(303);
    expect((await web.get('/settings/reviews')).text).toContain('value="24"');
  });

  it('flags an overdue review on the project list and in the board report', async () => {
    await api.post('/api/v1/projects/CS-001/reviews').send({ dueOn: '2025-01-31' });
    const web = await webClient(t.app, t.db, 'scrutiny');
    expect((await web.get('/projects')).text).toContain('Review overdue');
    const report = await web.get('/reports/scrutiny');
    expect(report.status).toBe(200);
    expect(report.text).toContain(
      '1 review is overdue, 0 are due in the next 30 days, and 0 were completed in the last year.',
    );
    expect(report.text).toContain('Overdue reviews, oldest first');
  });

  it("schedules an additional review from the project's reviews page, keeping a bad date with its message", async () => {
    const web = await webClient(t.app, t.db, 'admin');
    const page = await web.get('/projects/CS-001/reviews');
    expect(page.text).toContain('Schedule an additional review');
    const bad = await web.post('/projects/CS-001/reviews').type('form').send({ dueOn: '2027-02-30' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter the date the review is due as a real date');
    expect(bad.text).toContain('value="2027-02-30"');
    const ok = await web.post('/projects/CS-001/reviews').type('form').send({ dueOn: '2027-02-28' });
    expect(ok.status).toBe(303);
    expect((await web.get(ok.headers.location)).text).toContain('Additional review, due 28 February 2027');
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.get('/projects/CS-001/reviews')).text).not.toContain('Schedule an additional review');
    expect((await scrutiny.post('/projects/CS-001/reviews').type('form').send({ dueOn: '2027-02-28' })).status).toBe(
      403,
    );
  });
});
