/**
 * C8: the stored year series equal a recomputation from the ledger after every write, whatever
 * path it took. fast-check runs random sequences of writes through the API, the web forms,
 * imports and their undo, deletes and project settings, and checks every summary after each step.
 */
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { apiClient, webClient, type ApiClient, type WebClient } from '../helpers/clients';
import { aBenefit, aDirectorate, aProject } from '../helpers/builders';
import { ensureSummaries, rebuildSummaries, verifySummaries } from '../../server/domain/summaries';

const PROJECTS = ['CS-001', 'CS-002'];
const YEARS = ['2024/25', '2025/26', '2026/27'];

const project = fc.constantFrom(...PROJECTS);
const year = fc.constantFrom(...YEARS);
const amount = fc.integer({ min: 0, max: 2_000_000 }).map((p) => (p / 100).toFixed(2));
const pick = fc.nat({ max: 1000 });

type Step = { label: string; run: (s: Session) => Promise<{ status: number }> };

interface Session {
  t: TestApp;
  api: ApiClient;
  web: WebClient;
  batches: number[];
}

async function ids(s: Session, table: string): Promise<number[]> {
  return (await s.t.db(table).orderBy('id').select('id')).map((r: { id: number }) => r.id);
}

async function csv(s: Session, kind: string, body: string) {
  const res = await s.api.post(`/api/v1/imports/${kind}`).set('Content-Type', 'text/csv').send(Buffer.from(body));
  if (res.status === 201) s.batches.push(res.body.batch.id);
  return res;
}

const steps: fc.Arbitrary<Step>[] = [
  fc
    .record({ p: project, y: year, a: amount, kind: fc.constantFrom('planned', 'actual'), credit: fc.boolean() })
    .map((v) => ({
      label: `API cost ${JSON.stringify(v)}`,
      run: (s) =>
        s.api
          .post(`/api/v1/projects/${v.p}/costs`)
          .send({ year: v.y, kind: v.kind, category: 'capital', amount: v.a, isCredit: v.credit }),
    })),
  fc.record({ p: project, y: year, a: amount }).map((v) => ({
    label: `form cost ${JSON.stringify(v)}`,
    run: (s) =>
      s.web
        .post(`/projects/${v.p}/costs`)
        .type('form')
        .send({ year: v.y, kind: 'planned', category: 'staff', amount: v.a }),
  })),
  fc.record({ i: pick, a: amount }).map((v) => ({
    label: `API cost edit ${JSON.stringify(v)}`,
    run: async (s) => {
      const all = await ids(s, 'cost_lines');
      if (all.length === 0) return { status: 0 };
      const id = all[v.i % all.length];
      const version = (await s.t.db('cost_lines').where({ id }).first()).version;
      return s.api.patch(`/api/v1/costs/${id}`).send({ version, amount: v.a });
    },
  })),
  pick.map((i) => ({
    label: `API cost delete ${i}`,
    run: async (s) => {
      const all = await ids(s, 'cost_lines');
      return all.length ? s.api.delete(`/api/v1/costs/${all[i % all.length]}`) : { status: 0 };
    },
  })),
  fc
    .record({
      p: project,
      ref: fc.constantFrom('B7', 'B8'),
      dis: fc.boolean(),
      conf: fc.constantFrom('1', '0.8', '0.1234'),
      y: year,
      a: amount,
      type: fc.constantFrom('cashable', 'non_cashable'),
    })
    .map((v) => ({
      label: `API benefit ${JSON.stringify(v)}`,
      run: (s) =>
        s.api.post(`/api/v1/projects/${v.p}/benefits`).send({
          ref: v.ref,
          title: 'Generated',
          type: v.type,
          isDisbenefit: v.dis,
          confidence: v.conf,
          profile: [{ year: v.y, amount: v.a }],
        }),
    })),
  fc.record({ p: project, y: year, a: amount }).map((v) => ({
    label: `API profile ${JSON.stringify(v)}`,
    run: async (s) => {
      const b = await s.t
        .db('benefits as b')
        .join('projects as p', 'p.id', 'b.project_id')
        .where('p.code', v.p)
        .where('b.ref', 'B1')
        .first('b.version');
      return s.api
        .put(`/api/v1/projects/${v.p}/benefits/B1/profile`)
        .set('If-Match', `"${b.version}"`)
        .send({ profile: [{ year: v.y, amount: v.a }] });
    },
  })),
  fc.record({ p: project, y: year, a: amount, correction: fc.boolean() }).map((v) => ({
    label: `form realisation ${JSON.stringify(v)}`,
    run: (s) =>
      s.web
        .post(`/projects/${v.p}/benefits/B1/realisations`)
        .type('form')
        .send({
          year: v.y,
          amount: v.correction ? `-${v.a}` : v.a,
          isCorrection: v.correction ? 'on' : undefined,
          evidence: 'Ledger',
          recordedBy: 'Jo',
          recordedOn: '2026-02-01',
        }),
  })),
  pick.map((i) => ({
    label: `API realisation delete ${i}`,
    run: async (s) => {
      const all = await ids(s, 'realisations');
      return all.length ? s.api.delete(`/api/v1/realisations/${all[i % all.length]}`) : { status: 0 };
    },
  })),
  fc.record({ p: project, ref: fc.constantFrom('B7', 'B8') }).map((v) => ({
    label: `API benefit delete ${JSON.stringify(v)}`,
    run: (s) => s.api.delete(`/api/v1/projects/${v.p}/benefits/${v.ref}`),
  })),
  fc
    .array(fc.record({ p: project, y: year, a: amount, ref: fc.constantFrom('A', 'B', 'C') }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((lines) => ({
      label: `import costs ${JSON.stringify(lines)}`,
      run: (s) =>
        csv(
          s,
          'costs',
          `project_code,year,kind,category,amount,reference\n${lines.map((l) => `${l.p},${l.y},planned,services,${l.a},${l.ref}`).join('\n')}\n`,
        ),
    })),
  fc
    .array(fc.record({ p: project, y: year, a: amount, dis: fc.constantFrom('yes', 'no') }), {
      minLength: 1,
      maxLength: 3,
    })
    .map((lines) => ({
      label: `import profiles ${JSON.stringify(lines)}`,
      run: (s) =>
        csv(
          s,
          'profiles',
          `project_code,benefit_ref,title,type,year,expected_amount,confidence,disbenefit\n${lines.map((l) => `${l.p},B9,Imported,cashable,${l.y},${l.a},80%,${l.dis}`).join('\n')}\n`,
        ),
    })),
  fc.record({ p: project, y: year, a: amount }).map((v) => ({
    label: `import realisations ${JSON.stringify(v)}`,
    run: (s) =>
      csv(s, 'realisations', `project_code,benefit_ref,year,amount,evidence\n${v.p},B1,${v.y},${v.a},Ledger\n`),
  })),
  fc.constant<Step>({
    label: 'undo the last import',
    run: async (s) => {
      const id = s.batches.pop();
      return id === undefined ? { status: 0 } : s.web.post(`/imports/batches/${id}/undo`).type('form').send({});
    },
  }),
  fc.record({ p: project, ob: fc.constantFrom('0', '0.24', '1.5') }).map((v) => ({
    label: `API optimism bias ${JSON.stringify(v)}`,
    run: async (s) => {
      const version = (await s.t.db('projects').where({ code: v.p }).first()).version;
      return s.api.patch(`/api/v1/projects/${v.p}`).send({ version, optimismBias: v.ob });
    },
  })),
  // C9: an approval, then re-baselines, each freezing the plan into the baseline series (C8).
  fc.record({ p: project }).map((v) => ({
    label: `API decision ${JSON.stringify(v)}`,
    run: async (s) => {
      const p = await s.t.db('projects').where({ code: v.p }).first();
      const approved = !!(await s.t.db('baselines').where({ project_id: p.id }).first());
      return s.api.post(`/api/v1/projects/${v.p}/decisions`).send({
        kind: approved ? 'rebaseline' : 'approval',
        decidedOn: '2025-04-01',
        decidedBy: 'CLT',
        reference: 'CLT/2025/001',
        fundingSource: 'Capital',
        ...(approved ? { reasonCode: 're_estimate' } : {}),
      });
    },
  })),
];

let t: TestApp;
let session: Session;
beforeAll(async () => {
  t = await createTestApp();
  await aDirectorate(t.ctx);
  for (const code of PROJECTS) {
    await aProject(t.ctx, { code, name: `Project ${code}` });
    await aBenefit(t.ctx, code);
  }
  session = { t, api: await apiClient(t.app, t.db, 'admin'), web: await webClient(t.app, t.db, 'admin'), batches: [] };
});
afterAll(async () => {
  await t.close();
});

describe('summaries (C8)', () => {
  it('equal a recomputation from the ledger after every write, through every path', async () => {
    let writes = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(...steps), { minLength: 1, maxLength: 8 }), async (sequence) => {
        for (const step of sequence) {
          const res = await step.run(session);
          expect({ step: step.label, serverError: res.status >= 500 }).toEqual({
            step: step.label,
            serverError: false,
          });
          if (res.status >= 200 && res.status < 400) writes += 1;
          expect({ step: step.label, differences: await verifySummaries(t.db) }).toEqual({
            step: step.label,
            differences: [],
          });
        }
      }),
      { numRuns: 25 },
    );
    // The sequences must really have written: a run of refusals would prove nothing.
    expect(writes).toBeGreaterThan(50);
    expect(Number((await t.db('project_year_summaries').count({ n: '*' }).first())?.n)).toBeGreaterThan(0);
  }, 240_000);

  it('are found out when they drift, and rebuilt', async () => {
    await session.api
      .post('/api/v1/projects/CS-001/costs')
      .send({ year: '2024/25', kind: 'planned', category: 'capital', amount: '10.00' });
    await t.db('project_year_summaries').update({ planned_e6: 1 });
    const differences = await verifySummaries(t.db);
    expect(differences.length).toBeGreaterThan(0);
    expect(differences[0]).toMatchObject({ field: 'planned', stored: '0.000001' });
    expect(await rebuildSummaries(t.db)).toBe(PROJECTS.length);
    expect(await verifySummaries(t.db)).toEqual([]);
  });

  it('are built at start-up for a database from before them, once', async () => {
    await t.db('project_year_summaries').delete();
    expect(await ensureSummaries(t.db)).toBe(true);
    expect(await verifySummaries(t.db)).toEqual([]);
    expect(await ensureSummaries(t.db)).toBe(false);
  });
});
