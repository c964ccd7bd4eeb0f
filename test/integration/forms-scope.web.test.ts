/**
 * Every form page (new, edit, delete confirmation) × every role and scope: shown (200) exactly
 * when saving it would be allowed, otherwise the usual 403 page, so nobody fills in a form whose
 * save is then refused. The same permission functions decide both (server/domain/permissions.ts).
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeUser, signInAs, type WebClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { setProjectManagers } from '../../server/domain/projects';

type Who = 'admin' | 'finance' | 'financeCS' | 'financeRES' | 'pmCS' | 'pmRES' | 'scrutiny';
const WHO: Who[] = ['admin', 'finance', 'financeCS', 'financeRES', 'pmCS', 'pmRES', 'scrutiny'];

/** Who may change CS-001's projects, costs and benefits, record its realisations, run the organisation. */
const EDIT_CS: Who[] = ['admin', 'finance', 'financeCS'];
const RECORD_CS: Who[] = ['admin', 'pmCS'];
const STATUS_CS: Who[] = [...EDIT_CS, 'pmCS'];
const ADMIN: Who[] = ['admin'];

interface Ids {
  cost: number;
  realisation: number;
  user: number;
}

const FORMS: [string, (ids: Ids) => string, Who[]][] = [
  ['new project', () => '/projects/new', ['admin', 'finance', 'financeCS', 'financeRES']],
  ['edit project', () => '/projects/CS-001/edit', EDIT_CS],
  ['delete project', () => '/projects/CS-001/delete', EDIT_CS],
  ['new cost line', () => '/projects/CS-001/costs/new', EDIT_CS],
  ['edit cost line', (ids) => `/projects/CS-001/costs/${ids.cost}/edit`, EDIT_CS],
  ['delete cost line', (ids) => `/projects/CS-001/costs/${ids.cost}/delete`, EDIT_CS],
  ['new benefit', () => '/projects/CS-001/benefits/new', EDIT_CS],
  ['edit benefit', () => '/projects/CS-001/benefits/B1/edit', EDIT_CS],
  ['delete benefit', () => '/projects/CS-001/benefits/B1/delete', EDIT_CS],
  ['new realisation', () => '/projects/CS-001/benefits/B1/realisations/new', RECORD_CS],
  ['edit realisation', (ids) => `/projects/CS-001/benefits/B1/realisations/${ids.realisation}/edit`, RECORD_CS],
  ['delete realisation', (ids) => `/projects/CS-001/benefits/B1/realisations/${ids.realisation}/delete`, RECORD_CS],
  ['new directorate', () => '/directorates/new', ADMIN],
  ['edit directorate', () => '/directorates/CS/edit', ADMIN],
  ['delete directorate', () => '/directorates/CS/delete', ADMIN],
  ['new user', () => '/users/new', ADMIN],
  ['edit user', (ids) => `/users/${ids.user}/edit`, ADMIN],
];

let t: TestApp;
let ids: Ids;
const clients = {} as Record<Who, Omit<WebClient, 'userId'>>;

beforeAll(async () => {
  t = await createTestApp();
  const cs = await aDirectorate(t.ctx);
  const res = await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
  await aProject(t.ctx);
  await aProject(t.ctx, { code: 'RES-001', directorateCode: 'RES' });
  const cost = await aCostLine(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'CS-001');
  const realisation = await aRealisation(t.ctx, 'CS-001', 'B1');
  const users: Record<Who, { email: string; id: number }> = {
    admin: await makeUser(t.db, 'admin'),
    finance: await makeUser(t.db, 'finance'),
    financeCS: await makeUser(t.db, 'finance', { directorateIds: [cs.id] }),
    financeRES: await makeUser(t.db, 'finance', { directorateIds: [res.id] }),
    pmCS: await makeUser(t.db, 'project_manager'),
    pmRES: await makeUser(t.db, 'project_manager'),
    scrutiny: await makeUser(t.db, 'scrutiny'),
  };
  await setProjectManagers(t.ctx, 'CS-001', [users.pmCS.id]);
  await setProjectManagers(t.ctx, 'RES-001', [users.pmRES.id]);
  for (const who of WHO) clients[who] = await signInAs(t.app, users[who].email);
  ids = { cost: cost.id, realisation: realisation.id, user: users.scrutiny.id };
});
afterAll(async () => {
  await t.close();
});

const cases = FORMS.flatMap(([name, url, allowed]) =>
  WHO.map((who) => ({ name, who, url, allowed: allowed.includes(who) })),
);

describe('GET form pages', () => {
  it.each(cases.map((c) => [`${c.name} as ${c.who}: ${c.allowed ? 200 : 403}`, c] as const))(
    '%s',
    async (_title, c) => {
      const url = c.url(ids);
      const res = await clients[c.who].get(url);
      if (c.allowed) {
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
        expect(res.text).toContain('<form');
      } else {
        expect({ url, status: res.status }).toEqual({ url, status: 403 });
        expect(res.text).toContain('You cannot do that');
        expect(res.text).not.toContain('name="version"');
      }
    },
  );

  it('names the reason: the project and who can change it', async () => {
    const edit = await clients.financeRES.get('/projects/CS-001/edit');
    expect(edit.text).toContain('You cannot change project CS-001: ask a finance partner for its directorate');
    const record = await clients.pmRES.get('/projects/CS-001/benefits/B1/realisations/new');
    expect(record.text).toContain('Only the project managers of CS-001 can record its realised benefits');
  });

  it('offers a limited finance partner only the directorates they may put a project in', async () => {
    const form = await clients.financeRES.get('/projects/new');
    expect(form.text).toContain('<option value="RES"');
    expect(form.text).not.toContain('<option value="CS"');
    const all = await clients.finance.get('/projects/new');
    expect(all.text).toContain('<option value="RES"');
    expect(all.text).toContain('<option value="CS"');
  });

  it('still answers 404, not 403, for a record that does not exist', async () => {
    expect((await clients.financeRES.get('/projects/XX-999/edit')).status).toBe(404);
    expect((await clients.pmRES.get('/projects/CS-001/benefits/B9/realisations/new')).status).toBe(404);
  });
});

describe('the benefit status form on the benefit page', () => {
  it.each(WHO.map((who) => [who, STATUS_CS.includes(who)] as const))('as %s is shown: %s', async (who, allowed) => {
    const res = await clients[who].get('/projects/CS-001/benefits/B1');
    expect(res.status).toBe(200);
    expect(res.text.includes('action="/projects/CS-001/benefits/B1/status"')).toBe(allowed);
  });
});
