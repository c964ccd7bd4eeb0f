/**
 * What's due (issue 17): each role's home and GET /api/v1/me/due show exactly its items, each
 * linking to the form that clears it; and the weekly digest e-mail, captured by a local SMTP
 * server: recipients only from the users table, once per week, nothing without SMTP_URL.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aProject, aRealisation, twoDirectorates } from '../helpers/builders';
import { apiClient, makeUser, webClient } from '../helpers/clients';
import { scheduleReview } from '../../server/domain/reviews';
import { sendWeeklyDigests, isoWeek } from '../../server/domain/reminders';
import { createMailer } from '../../server/io/mailer';
import { createLogger } from '../../server/logger';

const { t } = appForTests({
  per: 'file',
  seed: async (app) => {
    const [cs] = await twoDirectorates(app.ctx);
    await aProject(app.ctx, { status: 'live' });
    await aCostLine(app.ctx, 'CS-001', { year: '2024/25', amount: '100000.00' });
    await aCostLine(app.ctx, 'CS-001', { year: '2024/25', kind: 'actual', amount: '110000.00' });
    await aBenefit(app.ctx, 'CS-001', {
      profile: [
        { year: '2024/25', amount: '10000.00' },
        { year: '2025/26', amount: '20000.00' },
      ],
    });
    await aRealisation(app.ctx, 'CS-001', 'B1', { year: '2025/26', amount: '20000.00' });
    await scheduleReview(app.ctx, 'CS-001', { dueOn: '2025-01-31' });
    await aProject(app.ctx, { code: 'CS-002', name: 'Payments portal', status: 'in_delivery' });
    await aProject(app.ctx, { code: 'RES-001', name: 'Ledger', directorateCode: 'RES', status: 'in_delivery' });
    await aBenefit(app.ctx, 'RES-001', { profile: [{ year: '2024/25', amount: '5000.00' }] });
    await aRealisation(app.ctx, 'RES-001', 'B1', { year: '2024/25', amount: '5000.00' });
    return cs;
  },
});

const sectionsOf = (html: string) =>
  [...html.matchAll(/<h2 class="govuk-heading-m" id="([a-z-]+)-heading">([^<]+)<\/h2>/g)].map((m) => m[2]);

describe("each role's home", () => {
  it('shows a project manager their projects, the realisation due and the overdue review, with links to the forms', async () => {
    const pm = await webClient(t.app, t.db, 'project_manager');
    await t.db('project_managers').insert({ project_id: 1, user_id: pm.userId });
    const res = await pm.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('My projects');
    expect(res.text).toContain('1 realisation due, 1 review overdue');
    expect(sectionsOf(res.text)).toEqual([
      'Realisations due: 1 realisation due',
      'Re-forecasts older than a quarter: 0 re-forecasts to refresh',
      'Reviews due: 1 review due',
    ]);
    expect(res.text).toContain('href="/projects/CS-001/benefits/B1/realisations/new"');
    expect(res.text).toContain('2024/25');
    expect(res.text).toMatch(/href="\/reviews\/\d+\/edit"/);
    expect(res.text).not.toContain('CS-002');
  });

  it('shows a finance partner their directorates: awaiting verification, stale costs and over budget', async () => {
    const cs = await t.db('directorates').where({ code: 'CS' }).first();
    const fin = await webClient(t.app, t.db, 'finance', { directorateIds: [cs.id] });
    const res = await fin.get('/');
    expect(res.text).toContain('My directorates');
    expect(sectionsOf(res.text)).toEqual([
      'Realisations awaiting verification: 1 realisation awaiting verification',
      'Cost lines not updated this quarter: 1 project',
      'Projects over budget: 1 project over budget',
    ]);
    expect(res.text).toContain('Payments portal (CS-002)');
    expect(res.text).toContain('£10,000.00');
    expect(res.text).not.toContain('RES-001');
  });

  it('shows scrutiny the portfolio with the exception counts above it, and the API gives the same lists', async () => {
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    const res = await scrutiny.get('/');
    expect(res.text).toContain('Exceptions across the portfolio');
    expect(res.text.indexOf('Exceptions across the portfolio')).toBeLessThan(res.text.indexOf('The whole portfolio'));
    const api = await apiClient(t.app, t.db, 'scrutiny');
    const due = await api.get('/api/v1/me/due');
    expect(due.body.exceptions).toEqual({
      realisationsDue: 1,
      reforecastsDue: 0,
      reviewsDue: 1,
      reviewsOverdue: 1,
      awaitingVerification: 2,
      staleCosts: 2,
      overBudget: 1,
    });
    const cs = await t.db('directorates').where({ code: 'CS' }).first();
    const fin = await apiClient(t.app, t.db, 'finance', { directorateIds: [cs.id] });
    const f = (await fin.get('/api/v1/me/due')).body;
    expect(f.overBudget).toEqual({
      count: 1,
      items: [
        {
          projectCode: 'CS-001',
          planned: '100000.00',
          actual: '110000.00',
          variance: '10000.00',
          href: '/projects/CS-001#costs',
        },
      ],
    });
    expect(f.awaitingVerification.items).toMatchObject([
      { projectCode: 'CS-001', benefitRef: 'B1', year: '2025/26', amount: '20000.00' },
    ]);
    expect(f.digest).toBe(
      '1 realisation awaiting verification, 1 project with costs not updated this quarter, 1 project over budget',
    );
  });
});

describe('the weekly digest e-mail', () => {
  const logger = createLogger({ logLevel: 'silent' });

  it('sends nothing and fails nothing without SMTP_URL', async () => {
    const run = await sendWeeklyDigests(t.db, logger, null, 'http://realise.test');
    expect(run.sent).toEqual([]);
    expect(Number((await t.db('digest_sends').count({ n: '*' }).first())!.n)).toBe(0);
  });

  it('is captured by a local SMTP server: users with something due, once per week', async () => {
    const received: { from: string; to: string[]; body: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            body,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, 'Realise <realise@council.example>');
    try {
      const disabled = await makeUser(t.db, 'admin', { email: 'left@council.example' });
      await t.db('users').where({ id: disabled.id }).update({ is_disabled: true });
      const now = new Date();
      const run = await sendWeeklyDigests(t.db, logger, mailer, 'http://realise.test', now);
      const users = (await t.db('users').where({ is_disabled: false }).select('email')).map((u) => u.email);
      expect(run.period).toBe(isoWeek(now));
      expect(run.failed).toEqual([]);
      expect(received.map((m) => m.to)).toEqual(run.sent.map((e) => [e]));
      // Only people in the users table, never the disabled one; everyone here has something due.
      expect(run.sent.every((e) => users.includes(e))).toBe(true);
      expect(run.sent).not.toContain('left@council.example');
      const pm = await t.db('users').where({ role: 'project_manager' }).first();
      const toPm = received.find((m) => m.to[0] === pm.email)!;
      expect(toPm.from).toBe('realise@council.example');
      expect(toPm.body).toContain('Subject: Realise: 1 realisation due, 1 review overdue');
      expect(toPm.body).toContain('- 1 realisation due');
      expect(toPm.body).toContain('http://realise.test/');
      // The second check that week finds every digest claimed: nothing is sent twice.
      const again = await sendWeeklyDigests(t.db, logger, mailer, 'http://realise.test', now);
      expect(again.sent).toEqual([]);
      expect(received).toHaveLength(run.sent.length);
      const rows = await t.db('digest_sends').whereNotNull('sent_at').count({ n: '*' }).first();
      expect(Number(rows!.n)).toBe(run.sent.length);
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
