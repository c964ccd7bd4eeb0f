/**
 * "What's due" counts realisations due from stored gaps per project and year (C8,
 * project_realisation_gaps) instead of anti-joining every past profile row against the
 * realisations. After each of a random sequence of writes through the API and the pages (profiles
 * replaced, realisations recorded and deleted, benefits added, withdrawn, retyped and deleted,
 * projects' statuses changed, a realisations import and its undo), the count for the portfolio, a
 * directorate and a set of projects equals the per-row count of the ledger (NOT EXISTS, written
 * here independently), the scrutiny home's API answer agrees, and `verify` finds nothing. Runs on
 * SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import type { Knex } from 'knex';
import { appForTests } from '../helpers/test-app';
import { apiClient, webClient, type ApiClient, type WebClient } from '../helpers/clients';
import { csvImport } from '../helpers/files';
import { aBenefit, aDirectorate, aProject } from '../helpers/builders';
import { prng } from '../../scripts/bench/generate';
import { currentFy, fyLabel } from '../../server/financial-year';
import { countRealisationsDue, type DueScope } from '../../server/repositories/due';
import { ensureSummaries, rebuildSummaries, verifySummaries } from '../../server/domain/summaries';

const NOW = currentFy();
const REALISING = ['approved', 'in_delivery', 'live', 'closed'];
const CODES = ['CS-001', 'CS-002', 'RS-001', 'RS-002'];

let admin: ApiClient;
let web: WebClient;
const { t } = appForTests({
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    await aDirectorate(app.ctx, { code: 'RES', name: 'Resources' });
    for (const code of CODES)
      await aProject(app.ctx, {
        code,
        name: `Project ${code}`,
        directorateCode: code.startsWith('CS') ? 'CS' : 'RES',
        status: 'in_delivery',
        startYear: fyLabel(NOW - 3),
      });
    for (const code of CODES)
      for (const ref of ['B1', 'B2'])
        await aBenefit(app.ctx, code, {
          ref,
          profile: [NOW - 3, NOW - 2, NOW - 1, NOW].map((y) => ({ year: fyLabel(y), amount: '1000.00' })),
        });
    admin = await apiClient(app.app, app.db, 'admin');
    web = await webClient(app.app, app.db, 'admin');
  },
});

/** The count as the list's condition gives it, row by row (the oracle). */
async function ledgerCount(db: Knex, s: DueScope): Promise<number> {
  const q = db('benefit_profile as bp')
    .join('benefits as b', 'b.id', 'bp.benefit_id')
    .join('projects as p', 'p.id', 'b.project_id')
    .where('bp.fy_start', '<', NOW)
    .whereNot('bp.amount_pence', 0)
    .whereIn('b.type', ['cashable', 'non_cashable'])
    .whereNot('b.status', 'withdrawn')
    .whereIn('p.status', REALISING)
    .whereNotExists(
      db('realisations as r').whereRaw('r.benefit_id = bp.benefit_id').whereRaw('r.fy_start = bp.fy_start').select(1),
    );
  if (s.projectIds) q.whereIn('p.id', s.projectIds);
  if (s.directorateIds) q.whereIn('p.directorate_id', s.directorateIds);
  const row = (await q.count({ n: '*' }).first()) as { n: unknown };
  return Number(row.n);
}

async function scopes(): Promise<[string, DueScope][]> {
  const dirs: { id: number; code: string }[] = await t.db('directorates').select('id', 'code');
  const projects: { id: number; code: string }[] = await t.db('projects').select('id', 'code');
  return [
    ['portfolio', {}],
    ...dirs.map((d): [string, DueScope] => [`directorate ${d.code}`, { directorateIds: [d.id] }]),
    ['two projects', { projectIds: projects.filter((p) => p.code.endsWith('1')).map((p) => p.id) }],
    ['no projects', { projectIds: [] }],
  ];
}

async function expectStoredEqualsLedger(step: string): Promise<number> {
  for (const [name, s] of await scopes())
    expect({ step, name, count: await countRealisationsDue(t.db, s, NOW) }).toEqual({
      step,
      name,
      count: await ledgerCount(t.db, s),
    });
  expect({ step, differences: await verifySummaries(t.db) }).toEqual({ step, differences: [] });
  return ledgerCount(t.db, {});
}

const rand = prng(17);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
const past = () => fyLabel(int(NOW - 3, NOW));

interface BenefitRow {
  ref: string;
  code: string;
  version: number;
  type: string;
  status: string;
}

async function benefits(): Promise<BenefitRow[]> {
  return t
    .db('benefits as b')
    .join('projects as p', 'p.id', 'b.project_id')
    .orderBy('b.id')
    .select('b.ref', 'p.code', 'b.version', 'b.type', 'b.status');
}

const realisation = (year: string, amount: string) => ({
  year,
  amount,
  evidence: 'Ledger extract',
  recordedBy: 'A. Officer',
  recordedOn: '2026-01-15',
});

const { csv, post: postImport } = csvImport('realisations', 'project_code,benefit_ref,year,amount,value,evidence');

/** One random write; answers what it did (and refuses nothing with a 500). */
async function randomWrite(): Promise<string> {
  const all = await benefits();
  const b = all.length ? pick(all) : undefined;
  const url = b ? `/api/v1/projects/${b.code}/benefits/${b.ref}` : '';
  const op = int(0, 9);
  let res: { status: number } | undefined;
  let what: string;
  if (op === 0 && b) {
    what = `profile of ${b.code}/${b.ref}`;
    const years = [...new Set(Array.from({ length: int(0, 4) }, () => int(NOW - 3, NOW + 1)))];
    res = await admin.put(`${url}/profile`).send({
      version: b.version,
      profile: years.map((y) => ({ year: fyLabel(y), amount: pick(['0.00', '10.00', '2500.50']) })),
    });
  } else if ((op === 1 || op === 2) && b) {
    what = `realisation on ${b.code}/${b.ref}`;
    res = await admin
      .post(`${url}/realisations`)
      .send(
        b.type === 'qualitative'
          ? { ...realisation(past(), ''), amount: null, value: 'Good' }
          : realisation(past(), '5.00'),
      );
  } else if (op === 3) {
    const r = await t.db('realisations').orderBy('id').select('id', 'version');
    if (!r.length) return 'nothing to delete';
    const one = pick(r);
    what = `delete realisation ${String(one.id)}`;
    res = await admin.delete(`/api/v1/realisations/${String(one.id)}`).send({ version: one.version });
  } else if (op === 4 && b) {
    const status = pick(['withdrawn', 'realising', 'identified']);
    what = `status ${status} on ${b.code}/${b.ref} (API)`;
    res = await admin.patch(url).send({ version: b.version, status });
  } else if (op === 5 && b) {
    // The page's status form: setBenefitStatus, which changes no figure.
    const status = pick(['withdrawn', 'realising']);
    what = `status ${status} on ${b.code}/${b.ref} (page)`;
    res = await web
      .post(`/projects/${b.code}/benefits/${b.ref}/status`)
      .type('form')
      .send({ status, version: b.version });
  } else if (op === 6 && b) {
    const type = pick(['cashable', 'non_cashable', 'qualitative']);
    what = `type ${type} on ${b.code}/${b.ref}`;
    res = await admin
      .patch(url)
      .send(type === 'qualitative' ? { version: b.version, type, profile: [] } : { version: b.version, type });
  } else if (op === 7) {
    const code = pick(CODES);
    const status = pick(['in_delivery', 'live', 'closed', 'cancelled']);
    const p = await t.db('projects').where({ code }).first('version');
    what = `project ${code} ${status}`;
    res = await admin.patch(`/api/v1/projects/${code}`).send({ version: p.version, status });
  } else if (op === 8 && b && all.length > 4) {
    what = `delete ${b.code}/${b.ref}`;
    res = await admin.delete(url).send({ version: b.version });
  } else {
    const code = pick(CODES);
    const ref = `N${int(1, 999)}`;
    what = `add ${code}/${ref}`;
    res = await admin.post(`/api/v1/projects/${code}/benefits`).send({
      ref,
      title: 'Added',
      type: pick(['cashable', 'non_cashable']),
      profile: [{ year: past(), amount: '300.00' }],
    });
  }
  expect({ what, status: res.status < 500 }).toEqual({ what, status: true });
  return `${what}: ${res.status}`;
}

describe('the stored realisation gaps', () => {
  it('count what is due exactly as the ledger row by row, after each of a random sequence of writes', async () => {
    const first = await expectStoredEqualsLedger('seeded');
    // Four projects in delivery, each with two benefits profiled in three finished years, none recorded.
    expect(first).toBe(CODES.length * 2 * 3);
    const done: string[] = [];
    for (let i = 0; i < 45; i++) {
      done.push(await randomWrite());
      await expectStoredEqualsLedger(done.join('; '));
    }
    // The sequence did change the count both ways, and did write (not only refusals).
    expect(done.filter((d) => /: 20\d$|: 303$/.test(d)).length).toBeGreaterThan(20);
    const scrutiny = await apiClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.get('/api/v1/me/due')).body.exceptions.realisationsDue).toBe(await ledgerCount(t.db, {}));
  }, 120_000);

  it('follow a realisations import and its undo', async () => {
    const money = (await benefits()).filter((b) => b.type !== 'qualitative' && b.status !== 'withdrawn');
    const targets = money.slice(0, 2);
    const lines = targets.flatMap((b) =>
      [NOW - 3, NOW - 2].map((y) => `${b.code},${b.ref},${fyLabel(y)},7.00,,Imported`),
    );
    const before = await expectStoredEqualsLedger('before import');
    const res = await postImport(admin, csv(...lines));
    expect(res.status).toBe(201);
    const imported = await expectStoredEqualsLedger('imported');
    expect(imported).toBeLessThanOrEqual(before);
    const undo = await web
      .post(`/imports/batches/${String(res.body.batch.id)}/undo`)
      .type('form')
      .send({});
    expect(undo.status).toBe(303);
    expect(await expectStoredEqualsLedger('undone')).toBe(before);
  }, 60_000);

  it('verify names a stored gap count that differs from the ledger, and rebuild repairs it', async () => {
    const row = await t.db('project_realisation_gaps').orderBy(['project_id', 'fy_start']).first();
    expect(row).toBeDefined();
    await t
      .db('project_realisation_gaps')
      .where({ project_id: row.project_id, fy_start: row.fy_start })
      .update({ gaps: t.db.raw('gaps + 1') });
    expect(await verifySummaries(t.db)).toEqual([
      {
        projectId: Number(row.project_id),
        fy: Number(row.fy_start),
        field: 'realisations due',
        stored: String(Number(row.gaps) + 1),
        ledger: String(row.gaps),
      },
    ]);
    await rebuildSummaries(t.db);
    expect(await verifySummaries(t.db)).toEqual([]);
    await expectStoredEqualsLedger('rebuilt');
  });

  it('are filled at start-up for a database from before them, and left alone once there', async () => {
    const stored = await t.db('project_realisation_gaps').orderBy(['project_id', 'fy_start']);
    expect(stored.length).toBeGreaterThan(0);
    await t.db('project_realisation_gaps').delete();
    expect(await ensureSummaries(t.db)).toBe(true);
    expect(await t.db('project_realisation_gaps').orderBy(['project_id', 'fy_start'])).toEqual(stored);
    expect(await ensureSummaries(t.db)).toBe(false);
  });
});
