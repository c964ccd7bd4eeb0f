/**
 * Every form on the pages (found by reading the pages, so a new form is fuzzed without being
 * listed here), posted as an administrator with generated values: the page's own values with a
 * few fields replaced, repeated or removed; wrong and huge values; unicode; raw bodies that are
 * not forms at all. Never a 5xx, never a write unless the form saved (303), an answer within 5 s.
 */
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signInAs, type WebClient } from '../helpers/clients';
import { webRouter } from '../../server/http/web';
import { checkCase, fixture, params, Tally, text, type Fixture } from './support';
import { aFramework, anAssessment } from '../helpers/assessments';
import { parseOrThrow } from '../../server/validation/fields';
import { aRealisation } from '../helpers/builders';
import { verifyRealisation } from '../../server/domain/verification';
import { raiseAction } from '../../server/domain/improvement-actions';
import { scheduleReview } from '../../server/domain/reviews';
import { createPriority } from '../../server/domain/priorities';
import { actionSchema } from '../../server/validation/assessments.schema';
import { scheduleReviewSchema } from '../../server/validation/reviews.schema';
import { prioritySchema } from '../../server/validation/priorities.schema';

let t: TestApp;
let f: Fixture;
let admin: Omit<WebClient, 'userId'>;
let otherUserId: number;
const tally = new Tally('forms');

/** Pages whose forms are fuzzed. `{cost}`, `{realisation}` and `{user}` are the fixture's ids. */
const PAGES = [
  '/directorates/new',
  '/directorates/CS/edit',
  '/projects/new',
  '/projects/CS-001',
  '/projects/CS-001/edit',
  '/projects/CS-001/costs/new',
  '/projects/CS-001/costs/{cost}/edit',
  '/projects/CS-001/benefits/new',
  '/projects/CS-001/benefits/B1',
  '/projects/CS-001/benefits/B1/edit',
  '/projects/CS-001/benefits/B1/realisations/new',
  '/projects/CS-001/benefits/B1/realisations/{realisation}/edit',
  '/appraisal',
  '/users/new',
  '/users/{user}/edit',
  '/settings',
  '/account',
  '/projects/CS-001/decisions/new',
  '/projects/CS-001/costs/grid',
  '/projects/CS-001/benefits/grid',
  '/projects/CS-001/benefits/B1/realisations/{realisation}',
  '/projects/CS-001/benefits/B1/realisations/{verified}',
  '/projects/CS-001/benefits/B1/reforecasts/new',
  '/projects/CS-001/benefits/B1/budget-reductions/new',
  '/projects/CS-001/reviews',
  '/reviews/{review}/edit',
  '/settings/reviews',
  '/priorities/new',
  '/priorities/{priority}/edit',
  '/reports/paper',
  '/reports/scrutiny',
  '/assessment-frameworks',
  '/assessment-frameworks/import',
  '/assessment-frameworks/{framework}/edit',
  '/assessments/new',
  '/assessments/{assessment}',
  '/assessments/{assessment}/edit',
  '/assessments/{assessment}/actions/new',
  '/assessments/{submitted}',
  '/improvement-actions/{action}/edit',
];

/**
 * Forms left out, and why: deleting, undoing, revoking or signing out ends the fixture or the
 * session the other cases need and takes no input to fuzz; changing one's own password ends the
 * session; a backup writes files outside the database.
 */
const SKIP = /\/(delete|remove|undo|revoke|sign-out|sign-out-everywhere)$|^\/account\/password$|^\/settings\/backups/;

/** Posts fuzzed by other files (imports) or needing no session (sign-in, first set-up). */
const ELSEWHERE = /^\/imports\/|^\/sign-in$|^\/setup$/;

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

interface Form {
  page: string;
  action: string;
  values: [string, string][];
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The post forms of a page with their fields' current values (inputs, selected options, text areas). */
function formsOf(page: string, html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1];
    if (!/method="post"/.test(attrs)) continue;
    const action = unescape(/action="([^"]*)"/.exec(attrs)?.[1] ?? page);
    const body = m[2];
    const values: [string, string][] = [];
    for (const input of body.matchAll(/<input\b([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(input[1])?.[1];
      if (!name || name === '_csrf') continue;
      const type = /type="([^"]+)"/.exec(input[1])?.[1] ?? 'text';
      if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(input[1])) continue;
      values.push([unescape(name), unescape(/value="([^"]*)"/.exec(input[1])?.[1] ?? '')]);
    }
    for (const select of body.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      const chosen =
        /<option value="([^"]*)"[^>]*selected/.exec(select[2]) ?? /<option value="([^"]*)"/.exec(select[2]);
      values.push([unescape(select[1]), unescape(chosen?.[1] ?? '')]);
    }
    for (const area of body.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
      values.push([unescape(area[1]), unescape(area[2])]);
    const actions = [action, ...[...body.matchAll(/formaction="([^"]+)"/g)].map((a) => unescape(a[1]))];
    for (const a of new Set(actions)) if (!SKIP.test(a)) forms.push({ page, action: a, values });
  }
  return forms;
}

let forms: Form[] = [];

beforeAll(async () => {
  // Without a headless browser an edition publishes without its PDF, in milliseconds: the fuzz reaches
  // publishing's validation and domain (the PDF itself is tested in report-editions and the browser tests).
  t = await createTestApp({ chromiumPath: '/nonexistent/chromium' });
  f = await fixture(t);
  otherUserId = (await makeUser(t.db, 'finance')).id;
  const pm = await makeUser(t.db, 'project_manager');
  await makeUser(t.db, 'admin', { email: 'fuzz-admin@council.example' });
  admin = await signInAs(t.app, 'fuzz-admin@council.example');
  void pm;
  // The governance records whose pages hold forms: a framework, a draft and a submitted assessment,
  // an improvement action, a scheduled review and a council priority.
  // The default-framework form shows only while no framework exists.
  forms.push(...formsOf('/assessment-frameworks', (await admin.get('/assessment-frameworks')).text));
  const framework = await aFramework(t.ctx);
  // A verified realisation, for the unverify form (C10).
  const toVerify = await aRealisation(t.ctx, 'CS-001', 'B1', { year: '2024/25' });
  await verifyRealisation(t.ctx, { id: toVerify.id }, toVerify.version, 'audited');
  const assessment = await anAssessment(t.ctx, 'CS', {});
  const submitted = await anAssessment(t.ctx, 'CS', { 'A-1': 3 }, { submit: true, assessedOn: '2026-02-10' });
  const action = await raiseAction(
    t.ctx,
    assessment,
    parseOrThrow(actionSchema('api'), { title: 'Fuzz', owner: 'Owner', dueOn: '2027-03-31', dimensionCode: 'A' }),
  );
  const review = await scheduleReview(
    t.ctx,
    'CS-001',
    parseOrThrow(scheduleReviewSchema('api'), { dueOn: '2027-06-30' }),
  );
  const priority = await createPriority(t.ctx, parseOrThrow(prioritySchema('api'), { name: 'Fuzz priority' }));
  for (const path of PAGES) {
    const url = path
      .replace('{cost}', String(f.costId))
      .replace('{realisation}', String(f.realisationId))
      .replace('{user}', String(otherUserId))
      .replace('{verified}', String(toVerify.id))
      .replace('{framework}', String(framework.id))
      .replace('{assessment}', String(assessment))
      .replace('{submitted}', String(submitted))
      .replace('{action}', String(action.id))
      .replace('{review}', String(review.id))
      .replace('{priority}', String(priority.id));
    const res = await admin.get(url);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    forms.push(...formsOf(url, res.text));
  }
  // The calculator shows its save form only with a result.
  const appraised = await admin
    .post('/appraisal')
    .type('form')
    .send(
      `rowYear=2024%2F25&rowCost=100&rowCashable=&rowNonCashable=&rowYear=2025%2F26&rowCost=&rowCashable=150&rowNonCashable=&_csrf=${admin.csrf}`,
    );
  forms.push(...formsOf('/appraisal', appraised.text));
  forms = forms.filter((form, i) => forms.findIndex((g) => g.action === form.action) === i);
});
afterAll(async () => {
  tally.print();
  await t.close();
});

/** Saved: redirected (303), or a page showing what was made (201, a new API token). */
const saved = (s: number) => s === 201 || s === 302 || s === 303;

function encode(values: [string, string | string[]][], csrf: string | null): string {
  const p = new URLSearchParams();
  for (const [k, v] of values) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  if (csrf !== null) p.append('_csrf', csrf);
  return p.toString();
}

const value: fc.Arbitrary<string | string[] | undefined> = fc.oneof(
  { arbitrary: text, weight: 6 },
  { arbitrary: fc.array(text, { minLength: 2, maxLength: 4 }), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

describe('every form, posted with generated values', () => {
  it('fuzzes every form the web router takes, but those left out above and the ones fuzzed elsewhere', () => {
    const routes: string[] = [];
    const walk = (stack: Layer[]) => {
      for (const layer of stack) {
        if (layer.route?.methods.post) routes.push(layer.route.path);
        else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((webRouter({ chromiumPath: '' }) as unknown as { stack: Layer[] }).stack);
    const pattern = (route: string) => new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`);
    const missing = routes.filter(
      (r) => !ELSEWHERE.test(r) && !SKIP.test(r) && !forms.some((form) => pattern(r).test(form.action.split('?')[0])),
    );
    expect(missing).toEqual([]);
  });

  it('never answers 5xx or writes anything unless the form saved: page values with fields changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), value), { minLength: 1, maxLength: 4 }),
        fc.option(fc.tuple(text, text), { freq: 5 }),
        fc.nat({ max: 19 }),
        async (which, changes, extra, csrfPick) => {
          const form = forms[which % forms.length];
          const values: [string, string | string[]][] = form.values.map(([k, v]) => [k, v]);
          for (const [at, v] of changes) {
            if (values.length === 0) break;
            const i = at % values.length;
            if (v === undefined) values.splice(i, 1);
            else values[i] = [values[i][0], v];
          }
          if (extra) values.push(extra);
          // Now and then the token is missing or wrong, which must be refused with nothing written.
          const csrf = csrfPick === 0 ? null : csrfPick === 1 ? 'not-the-token' : admin.csrf;
          const body = encode(values, csrf);
          await checkCase(tally, t.db, () => admin.agent.post(form.action).type('form').send(body), {
            ok: saved,
            label: `POST ${form.action} ${body.slice(0, 400)}`,
          });
        },
      ),
      // A quarter of FUZZ_RUNS per form: the forms share the generator, so this covers each about as well.
      params(Math.max(1, Math.round((forms.length * params().numRuns!) / 4))),
    );
  });

  it('never answers 5xx to bodies that are not forms: raw text, too many fields, too large', async () => {
    const raw = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .array(fc.tuple(fc.constantFrom('a', 'a[]', 'a[b]', '__proto__', 'constructor[prototype]', '%'), text), {
          maxLength: 5,
        })
        .map((kv) => kv.map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, ''))}`).join('&')),
      fc.constantFrom(
        Array.from({ length: 2100 }, (_, i) => `f${i}=1`).join('&'),
        `name=${'x'.repeat(300 * 1024)}`,
        '%',
        '%%%',
        '=&=&=',
        'name=%E0%A4%A',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        raw,
        fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', 'application/json'),
        async (which, body, type) => {
          const form = forms[which % forms.length];
          await checkCase(
            tally,
            t.db,
            () =>
              admin.agent
                .post(`${form.action}?_csrf=${encodeURIComponent(admin.csrf)}`)
                .set('x-csrf-token', admin.csrf)
                .set('Content-Type', type)
                .send(body),
            {
              ok: saved,
              label: `POST ${form.action} (${type}) ${body.slice(0, 300)}`,
            },
          );
        },
      ),
      params(),
    );
  });
});
