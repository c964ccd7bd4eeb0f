/**
 * Each business rule has one home (server/domain/rules.ts, server/domain/permissions.ts) and every
 * entry point calls it: the same bad row sent through the web form, the JSON API and a CSV import
 * must be refused with the same words, and nothing written.
 */
import { createTestApp, countRows, type TestApp } from '../helpers/test-app';
import { apiClient, webClient, type ApiClient, type WebClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { currentFy, fyLabel } from '../../server/financial-year';
import { Decimal } from '../../server/money';
import * as realisationsRepo from '../../server/repositories/realisations';

type Role = 'admin' | 'finance' | 'project_manager';
type Kind = 'costs' | 'profiles' | 'realisations';

interface Case {
  rule: string;
  message: string;
  /** Who tries: an admin unless the rule is about who may. */
  as?: 'scoped finance' | 'other project manager';
  form: { path: string; body: Record<string, unknown>; status: number };
  api: { method: 'post' | 'patch'; path: string; body: Record<string, unknown>; status: number; field?: string };
  csv: { kind: Kind; header: string; line: string; column: string };
  /** The table that must not change. */
  table: string;
  /** Data the rule needs besides the shared set-up. */
  setup?: (t: TestApp) => Promise<unknown>;
}

const COSTS = 'project_code,year,kind,category,amount,description,reference,credit';
const PROFILES = 'project_code,benefit_ref,title,type,category,year,expected_amount,confidence,owner,disbenefit';
const REALISATIONS = 'project_code,benefit_ref,year,amount,value,evidence,correction';

const cost = {
  year: '2024/25',
  kind: 'planned',
  category: 'capital',
  amount: '500',
  description: 'Servers',
  reference: 'PO-1',
};
const costApi = { ...cost, amount: '500.00' };
const realisation = {
  year: '2025/26',
  amount: '100',
  evidence: 'Ledger',
  recordedBy: 'Jo Bloggs',
  recordedOn: '2026-02-01',
};
const realisationApi = { ...realisation, amount: '100.00' };
const benefitForm = { ref: 'B9', title: 'Fewer letters', type: 'cashable' };

/** C6: a year clearly after the current one, whenever the suite runs. */
const FUTURE = fyLabel(currentFy() + 3);
const EVIDENCE_NEEDED =
  'Enter the evidence for the amount realised: where the figure comes from (a report, a ledger extract) or a link to it';

const CASES: Case[] = [
  {
    rule: 'credit sign (C1, C4)',
    message: 'Enter an amount of £0 or more, or mark the line as a credit or refund',
    form: { path: '/projects/CS-001/costs', body: { ...cost, amount: '-500' }, status: 422 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/costs',
      body: { ...costApi, amount: '-500.00' },
      status: 400,
      field: 'amount',
    },
    csv: {
      kind: 'costs',
      header: COSTS,
      line: 'CS-001,2024/25,planned,capital,-500,Servers,PO-1,no',
      column: 'amount',
    },
    table: 'cost_lines',
  },
  {
    rule: 'base year (C3)',
    message: "2023/24 is before the project's base year 2024/25",
    form: { path: '/projects/CS-001/costs', body: { ...cost, year: '2023/24' }, status: 422 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/costs',
      body: { ...costApi, year: '2023/24' },
      status: 422,
      field: 'year',
    },
    csv: { kind: 'costs', header: COSTS, line: 'CS-001,2023/24,planned,capital,500,Servers,PO-1,no', column: 'year' },
    table: 'cost_lines',
  },
  {
    rule: 'qualitative benefits carry no money (C5)',
    message: 'Qualitative benefits have no money value: leave the amount empty or choose a money type',
    form: {
      path: '/projects/CS-001/benefits',
      body: { ...benefitForm, type: 'qualitative', profileYear: ['2025/26'], profileAmount: ['10'] },
      status: 422,
    },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits',
      body: { ...benefitForm, type: 'qualitative', profile: [{ year: '2025/26', amount: '10.00' }] },
      status: 400,
      field: 'profile.0.amount',
    },
    csv: {
      kind: 'profiles',
      header: PROFILES,
      line: 'CS-001,B9,Fewer letters,qualitative,,2025/26,10,,,',
      column: 'expected_amount',
    },
    table: 'benefits',
  },
  {
    rule: 'one expected amount per benefit and year',
    message: '2025/26 appears more than once: enter one amount per year',
    form: {
      path: '/projects/CS-001/benefits',
      body: { ...benefitForm, profileYear: ['2025/26', '2025-26'], profileAmount: ['1', '2'] },
      status: 422,
    },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits',
      body: {
        ...benefitForm,
        profile: [
          { year: '2025/26', amount: '1.00' },
          { year: '2025/26', amount: '2.00' },
        ],
      },
      status: 400,
      field: 'profile.1.year',
    },
    csv: {
      kind: 'profiles',
      header: PROFILES,
      line: 'CS-001,B9,Fewer letters,cashable,,2025/26,1,,,\nCS-001,B9,Fewer letters,cashable,,2025-26,2,,,',
      column: 'year',
    },
    table: 'benefit_profile',
  },
  {
    rule: 'a type change must not strand realisations (C5)',
    message: 'This benefit has money realisations recorded: remove them before making it qualitative',
    form: {
      path: '/projects/CS-001/benefits/B1/edit',
      body: { ref: 'B1', title: 'Staff time saved', type: 'qualitative', version: '1' },
      status: 422,
    },
    api: {
      method: 'patch',
      path: '/api/v1/projects/CS-001/benefits/B1',
      body: { version: 1, type: 'qualitative', profile: [] },
      status: 422,
      field: 'type',
    },
    csv: { kind: 'profiles', header: PROFILES, line: 'CS-001,B1,Staff time saved,qualitative,,,,,,', column: 'type' },
    table: 'benefits',
  },
  {
    rule: 'realisation sign (C1)',
    message: 'Enter an amount of £0 or more, or mark this as a correction',
    form: { path: '/projects/CS-001/benefits/B1/realisations', body: { ...realisation, amount: '-100' }, status: 422 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits/B1/realisations',
      body: { ...realisationApi, amount: '-100.00' },
      status: 400,
      field: 'amount',
    },
    csv: { kind: 'realisations', header: REALISATIONS, line: 'CS-001,B1,2025/26,-100,,Ledger,no', column: 'amount' },
    table: 'realisations',
  },
  {
    rule: 'a money benefit records an amount (C5)',
    message: 'Enter the amount realised',
    form: { path: '/projects/CS-001/benefits/B1/realisations', body: { ...realisation, amount: '' }, status: 422 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits/B1/realisations',
      body: { ...realisationApi, amount: null },
      status: 422,
      field: 'amount',
    },
    csv: { kind: 'realisations', header: REALISATIONS, line: 'CS-001,B1,2025/26,,,Ledger,no', column: 'amount' },
    table: 'realisations',
  },
  {
    rule: 'a qualitative benefit records a measured value, not an amount (C5)',
    message: 'This benefit is qualitative: record a measured value, not an amount',
    form: { path: '/projects/CS-001/benefits/Q1/realisations', body: { ...realisation, value: '78' }, status: 422 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits/Q1/realisations',
      body: { ...realisationApi, value: '78' },
      status: 422,
      field: 'amount',
    },
    csv: { kind: 'realisations', header: REALISATIONS, line: 'CS-001,Q1,2025/26,100,78,Ledger,no', column: 'amount' },
    table: 'realisations',
  },
  {
    rule: 'realisation year not before the base year (C3)',
    message: "2023/24 is before the project's base year 2024/25",
    form: { path: '/projects/CS-001/benefits/B1/realisations', body: { ...realisation, year: '2023/24' }, status: 422 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits/B1/realisations',
      body: { ...realisationApi, year: '2023/24' },
      status: 422,
      field: 'year',
    },
    csv: { kind: 'realisations', header: REALISATIONS, line: 'CS-001,B1,2023/24,100,,Ledger,no', column: 'year' },
    table: 'realisations',
  },
  {
    rule: 'a realisation records what happened: no year after the current one (C6)',
    message: `${FUTURE} has not started yet: record a realisation once it has happened, in ${fyLabel(currentFy())} or an earlier year`,
    form: { path: '/projects/CS-001/benefits/B1/realisations', body: { ...realisation, year: FUTURE }, status: 422 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits/B1/realisations',
      body: { ...realisationApi, year: FUTURE },
      status: 422,
      field: 'year',
    },
    csv: { kind: 'realisations', header: REALISATIONS, line: `CS-001,B1,${FUTURE},100,,Ledger,no`, column: 'year' },
    table: 'realisations',
  },
  {
    rule: 'a money realisation needs evidence (issue 14)',
    message: EVIDENCE_NEEDED,
    form: { path: '/projects/CS-001/benefits/B1/realisations', body: { ...realisation, evidence: '' }, status: 422 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits/B1/realisations',
      body: { ...realisationApi, evidence: '  ' },
      status: 400,
      field: 'evidence',
    },
    csv: { kind: 'realisations', header: REALISATIONS, line: 'CS-001,B1,2024/25,100,,,no', column: 'evidence' },
    table: 'realisations',
  },
  {
    rule: "finance partners change only their directorates' projects",
    message: 'You cannot change project CS-001: ask a finance partner for its directorate',
    as: 'scoped finance',
    form: { path: '/projects/CS-001/costs', body: cost, status: 403 },
    api: { method: 'post', path: '/api/v1/projects/CS-001/costs', body: costApi, status: 403 },
    csv: {
      kind: 'costs',
      header: COSTS,
      line: 'CS-001,2024/25,planned,capital,500,Servers,PO-1,no',
      column: 'project_code',
    },
    table: 'cost_lines',
  },
  {
    rule: 'only the named project managers record realisations',
    message: 'Only the project managers of CS-001 can record its realised benefits',
    as: 'other project manager',
    form: { path: '/projects/CS-001/benefits/B1/realisations', body: realisation, status: 403 },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits/B1/realisations',
      body: realisationApi,
      status: 403,
    },
    csv: {
      kind: 'realisations',
      header: REALISATIONS,
      line: 'CS-001,B1,2025/26,100,,Ledger,no',
      column: 'project_code',
    },
    table: 'realisations',
  },
  {
    rule: "a project's yearly total of planned costs stays within the largest amount (C1)",
    message:
      "This would take CS-001's planned costs in 2025/26 to £1,000,000,000,000.99, more than one year's total can hold (£999,999,999,999.99): correct the amounts",
    setup: (t) => aCostLine(t.ctx, 'CS-001', { year: '2025/26', amount: '1.00' }),
    form: {
      path: '/projects/CS-001/costs',
      body: { ...cost, year: '2025/26', amount: '999,999,999,999.99' },
      status: 422,
    },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/costs',
      body: { ...costApi, year: '2025/26', amount: '999999999999.99' },
      status: 422,
      field: 'amount',
    },
    csv: {
      kind: 'costs',
      header: COSTS,
      line: 'CS-001,2025/26,planned,capital,999999999999.99,Servers,PO-1,no',
      column: 'amount',
    },
    table: 'cost_lines',
  },
  {
    rule: "a project's yearly total of realised benefits stays within the largest amount (C1)",
    message:
      "This would take CS-001's realised benefits in 2024/25 to £1,000,000,000,000.99, more than one year's total can hold (£999,999,999,999.99): correct the amounts",
    setup: async (t) => {
      await aBenefit(t.ctx, 'CS-001', { ref: 'B2', title: 'Fewer agency staff' });
      await aRealisation(t.ctx, 'CS-001', 'B2', { year: '2024/25', amount: '1.00' });
    },
    form: {
      path: '/projects/CS-001/benefits/B1/realisations',
      body: { ...realisation, year: '2024/25', amount: '999,999,999,999.99' },
      status: 422,
    },
    api: {
      method: 'post',
      path: '/api/v1/projects/CS-001/benefits/B1/realisations',
      body: { ...realisationApi, year: '2024/25', amount: '999999999999.99' },
      status: 422,
      field: 'amount',
    },
    csv: {
      kind: 'realisations',
      header: REALISATIONS,
      line: 'CS-001,B1,2024/25,999999999999.99,,Ledger,no',
      column: 'amount',
    },
    table: 'realisations',
  },
];

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await aDirectorate(t.ctx);
  await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
  await aProject(t.ctx);
  await aBenefit(t.ctx, 'CS-001');
  await aBenefit(t.ctx, 'CS-001', {
    ref: 'Q1',
    title: 'Better decisions',
    type: 'qualitative',
    profile: [],
    measure: 'Audit score',
  });
  await aRealisation(t.ctx, 'CS-001', 'B1');
});
afterEach(async () => {
  await t.close();
});

async function clients(c: Pick<Case, 'as'>): Promise<{ web: WebClient; api: ApiClient; importer: ApiClient }> {
  if (c.as === 'scoped finance') {
    const res = (await t.db('directorates').where({ code: 'RES' }).first()).id as number;
    return {
      web: await webClient(t.app, t.db, 'finance', { directorateIds: [res] }),
      api: await apiClient(t.app, t.db, 'finance', { directorateIds: [res] }),
      importer: await apiClient(t.app, t.db, 'finance', { directorateIds: [res] }),
    };
  }
  const role: Role = c.as === 'other project manager' ? 'project_manager' : 'admin';
  return {
    web: await webClient(t.app, t.db, role),
    api: await apiClient(t.app, t.db, role),
    importer: await apiClient(t.app, t.db, role),
  };
}

describe.each(CASES)('the rule "$rule"', (c) => {
  it('refuses the same bad row with the same message through the form, the API and an import, writing nothing', async () => {
    const { web, api, importer } = await clients(c);
    await c.setup?.(t);
    const before = await countRows(t.db, c.table);

    const form = await web.post(c.form.path).type('form').send(c.form.body);
    expect(form.status).toBe(c.form.status);
    expect(form.text).toContain(escapeHtml(c.message));

    const json = await api[c.api.method](c.api.path).send(c.api.body);
    expect(json.status).toBe(c.api.status);
    if (c.api.field) expect(json.body.error.fields).toMatchObject({ [c.api.field]: c.message });
    else expect(json.body.error.message).toBe(c.message);

    const file = `${c.csv.header}\n${c.csv.line}\n`;
    const imported = await importer
      .post(`/api/v1/imports/${c.csv.kind}`)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(file));
    expect(imported.status).toBe(422);
    expect(imported.body.problems).toContainEqual({
      line: file.trimEnd().split('\n').length,
      column: c.csv.column,
      message: c.message,
    });

    expect(await countRows(t.db, c.table)).toBe(before);
    expect(await countRows(t.db, 'import_batches')).toBe(0);
  });
});

describe('an old realisation saved without evidence (before issue 14)', () => {
  it('reads as before, but any edit that saves it needs evidence, through the form, the API and an import alike', async () => {
    const benefit = await t.db('benefits').where({ ref: 'B1' }).first('id');
    const id = await realisationsRepo.insert(t.db, benefit.id, {
      fy: 2024,
      amount: new Decimal('85000'),
      value: '',
      isCorrection: false,
      evidence: '',
      recordedBy: 'Old system',
      recordedOn: '2025-03-31',
    });
    const web = await webClient(t.app, t.db, 'admin');
    const api = await apiClient(t.app, t.db, 'admin');
    expect((await api.get(`/api/v1/realisations/${id}`)).body).toMatchObject({ amount: '85000.00', evidence: '' });

    const form = await web
      .post(`/projects/CS-001/benefits/B1/realisations/${id}/edit`)
      .type('form')
      .send({ ...realisation, year: '2024/25', amount: '86000', evidence: '', version: '1' });
    expect(form.status).toBe(422);
    expect(form.text).toContain(escapeHtml(EVIDENCE_NEEDED));

    const json = await api.patch(`/api/v1/realisations/${id}`).send({ version: 1, amount: '86000.00' });
    expect(json.status).toBe(400);
    expect(json.body.error.fields).toEqual({ evidence: EVIDENCE_NEEDED });

    const imported = await api
      .post('/api/v1/imports/realisations')
      .set('Content-Type', 'text/csv')
      .send(Buffer.from('project_code,benefit_ref,year,amount\nCS-001,B1,2024/25,86000\n'));
    expect(imported.status).toBe(422);
    expect(imported.body.problems).toEqual([{ line: 2, column: 'evidence', message: EVIDENCE_NEEDED }]);

    expect(await t.db('realisations').where({ id }).first()).toMatchObject({ amount_pence: 8500000, version: 1 });
  });
});

/** Issue 19: the grids' rules, through the grid page and the grid API alike (the cell named by row and year). */
interface GridCase {
  rule: string;
  message: string;
  as?: 'scoped finance';
  grid: 'costs' | 'benefits';
  form: { body: Record<string, string>; status: number };
  api: { rows: unknown[]; status: number; field?: string };
  table: string;
  setup?: (t: TestApp) => Promise<unknown>;
}

const staff = (years: Record<string, string>) => ({ kind: 'planned', funding: 'revenue', category: 'staff', years });

const GRID_CASES: GridCase[] = [
  {
    rule: 'base year (C3), in the costs grid',
    message: "Planned revenue staff, 2023/24: 2023/24 is before the project's base year 2024/25",
    grid: 'costs',
    form: { body: { c__planned__revenue__staff__none__2023: '10' }, status: 422 },
    api: { rows: [staff({ '2023/24': '10.00' })], status: 422, field: 'rows.0.years.2023/24' },
    table: 'cost_lines',
  },
  {
    rule: 'credit sign (C1, C4), in the costs grid',
    message:
      'Planned revenue staff, 2025/26: Enter an amount of £0 or more (enter credits and refunds on the cost line form)',
    grid: 'costs',
    form: { body: { c__planned__revenue__staff__none__2025: '-5' }, status: 422 },
    api: { rows: [staff({ '2025/26': '-5.00' })], status: 400, field: 'rows.0.years.2025/26' },
    table: 'cost_lines',
  },
  {
    rule: "a project's yearly total of planned costs stays within the largest amount (C1), in the costs grid",
    message:
      "This would take CS-001's planned costs in 2025/26 to £1,000,000,000,000.99, more than one year's total can hold (£999,999,999,999.99): correct the amounts",
    setup: (t) => aCostLine(t.ctx, 'CS-001', { year: '2025/26', amount: '1.00' }),
    grid: 'costs',
    form: { body: { c__planned__revenue__staff__none__2025: '999,999,999,999.99' }, status: 422 },
    api: { rows: [staff({ '2025/26': '999999999999.99' })], status: 422, field: 'rows.0.years.2025/26' },
    table: 'cost_lines',
  },
  {
    rule: 'qualitative benefits carry no money (C5), in the benefit profile grid',
    message: 'Q1 Better decisions, 2025/26: a qualitative benefit has no money profile (C5)',
    grid: 'benefits',
    form: { body: { p__Q1__2025: '10' }, status: 422 },
    api: { rows: [{ benefitRef: 'Q1', years: { '2025/26': '10.00' } }], status: 422, field: 'rows.0.years.2025/26' },
    table: 'benefit_profile',
  },
  {
    rule: "finance partners change only their directorates' projects, in the costs grid",
    message: 'You cannot change project CS-001: ask a finance partner for its directorate',
    as: 'scoped finance',
    grid: 'costs',
    form: { body: { c__planned__revenue__staff__none__2025: '10' }, status: 403 },
    api: { rows: [staff({ '2025/26': '10.00' })], status: 403 },
    table: 'cost_lines',
  },
];

describe.each(GRID_CASES)('the grid rule "$rule"', (c) => {
  it('refuses the same cell with the same message through the grid page and the grid API, writing nothing', async () => {
    const { web, api } = await clients(c);
    await c.setup?.(t);
    const before = await countRows(t.db, c.table);
    const path = `/projects/CS-001/${c.grid}/grid`;

    const form = await web
      .post(path)
      .type('form')
      .send({ ...c.form.body, action: 'save' });
    expect(form.status).toBe(c.form.status);
    expect(form.text).toContain(escapeHtml(c.message));

    const admin = await apiClient(t.app, t.db, 'admin');
    const { version } = (await admin.get(`/api/v1${path}`)).body as { version: number };
    const json = await api.put(`/api/v1${path}`).send({ version, rows: c.api.rows });
    expect(json.status).toBe(c.api.status);
    if (c.api.field) expect(json.body.error.fields).toEqual({ [c.api.field]: c.message });
    else expect(json.body.error.message).toBe(c.message);

    expect(await countRows(t.db, c.table)).toBe(before);
  });
});
