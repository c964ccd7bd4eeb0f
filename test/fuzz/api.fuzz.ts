/**
 * Every API write (each POST, PATCH and PUT the OpenAPI document lists, imports apart: see
 * imports.fuzz.ts) against generated bodies: shaped like the documented schema but with wrong
 * types, unknown fields, unicode and huge values; any JSON at all; malformed and deeply nested
 * JSON; other content types. Never a 5xx, never a write when refused, an answer within 5 s, and
 * every refusal in the documented shape `{ "error": { "code", "message" } }`.
 */
import fc from 'fast-check';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { apiClient, makeUser, type ApiClient } from '../helpers/clients';
import { createApiToken } from '../../server/domain/users';
import { setProjectManagers } from '../../server/domain/projects';
import { openApiDocument } from '../../server/http/api/openapi';
import { checkCase, deeplyNested, fixture, jsonValue, params, Tally, text, type Fixture } from './support';

type Obj = Record<string, unknown>;
type Method = 'post' | 'patch' | 'put';
interface Operation {
  method: Method;
  path: string;
  body: fc.Arbitrary<unknown>;
}

const doc = openApiDocument() as { paths: Record<string, Record<string, Obj>>; components: { schemas: Obj } };

function resolve(schema: Obj): Obj {
  if (typeof schema.$ref === 'string') return resolve(doc.components.schemas[schema.$ref.split('/').pop()!] as Obj);
  if (Array.isArray(schema.allOf)) return { ...resolve(schema.allOf[0] as Obj), ...schema, allOf: undefined };
  return schema;
}

/** Mostly a value of the documented kind (so requests get past the first check), sometimes anything. */
function plausible(raw: Obj, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(raw);
  let arb: fc.Arbitrary<unknown>;
  if (Array.isArray(s.enum)) arb = fc.constantFrom(...(s.enum as unknown[]));
  else if (s.type === 'boolean') arb = fc.boolean();
  else if (s.type === 'integer') arb = fc.integer({ min: -1, max: 4 });
  else if (s.type === 'array' && depth < 3) arb = fc.array(plausible(s.items as Obj, depth + 1), { maxLength: 6 });
  else if (s.type === 'object' && s.properties && depth < 3) arb = shaped(s, depth + 1);
  else if (typeof s.example === 'string') arb = fc.oneof(fc.constant(s.example), text);
  else arb = text;
  return fc.oneof({ arbitrary: arb, weight: 3 }, { arbitrary: jsonValue, weight: 1 });
}

/** An object with any subset of the schema's fields, sometimes with unknown ones too. */
function shaped(schema: Obj, depth = 0): fc.Arbitrary<Obj> {
  const props = schema.properties as Record<string, Obj>;
  const known = fc.record(
    Object.fromEntries(Object.entries(props).map(([k, v]) => [k, plausible(v, depth)])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: [] },
  );
  const unknown = fc.dictionary(
    fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'createdAt', 'projectCode')),
    jsonValue,
    { maxKeys: 2 },
  );
  return fc
    .tuple(known, fc.option(unknown, { freq: 4 }))
    .map(([k, u]) => (u ? Object.assign(Object.create(null) as Obj, k, u) : (k as Obj)));
}

const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  (['post', 'patch', 'put'] as const)
    .filter((m) => ops[m] && path !== '/imports/{kind}')
    .map((method) => {
      const content = (ops[method].requestBody as Obj | undefined)?.content as Obj | undefined;
      const schema = (content?.['application/json'] as Obj | undefined)?.schema as Obj | undefined;
      return { method, path, body: schema ? shaped(resolve(schema)) : jsonValue };
    }),
);

let t: TestApp;
let f: Fixture;
let clients: ApiClient[];
const tally = new Tally('API bodies');

beforeAll(async () => {
  // Without a headless browser an edition publishes without its PDF: the fuzz reaches publishing's
  // validation and domain in milliseconds (the PDF itself is tested in report-editions and the browser tests).
  t = await createTestApp({ chromiumPath: '/nonexistent/chromium' });
  f = await fixture(t);
  const resId = (await t.db('directorates').where({ code: 'RES' }).first()).id;
  const pm = await makeUser(t.db, 'project_manager');
  await setProjectManagers(t.ctx, 'CS-001', [pm.id]);
  const pmToken = (await createApiToken(t.ctx, pm.id, 'fuzz', null)).token;
  const pmClient = {
    ...(await apiClient(t.app, t.db, 'scrutiny')),
    get: (u: string) => request(t.app).get(u).set('Authorization', `Bearer ${pmToken}`),
    post: (u: string) => request(t.app).post(u).set('Authorization', `Bearer ${pmToken}`),
    patch: (u: string) => request(t.app).patch(u).set('Authorization', `Bearer ${pmToken}`),
    put: (u: string) => request(t.app).put(u).set('Authorization', `Bearer ${pmToken}`),
  };
  clients = [
    await apiClient(t.app, t.db, 'admin'),
    await apiClient(t.app, t.db, 'finance', { directorateIds: [resId] }),
    pmClient,
  ];
});
afterAll(async () => {
  tally.print();
  await t.close();
});

function url(path: string, pick: number, random?: string): string {
  const ids = [f.costId, f.realisationId, f.qualitativeRealisationId];
  return `/api/v1${path
    .replace('{code}', random ?? 'CS-001')
    .replace('{ref}', random ?? (pick % 2 ? 'Q1' : 'B1'))
    .replace('{id}', random ?? String(ids[pick % ids.length]))}`;
}

function expectErrorShape(res: request.Response, label: string): void {
  // Node's HTTP parser answers a request line or headers over 16 KB itself, before the app.
  if (res.status === 431) return;
  const e = (res.body as { error?: { code?: unknown; message?: unknown } }).error;
  if (typeof e?.code !== 'string' || typeof e.message !== 'string')
    throw new Error(`${label}: answered ${res.status} without the documented error shape: ${res.text.slice(0, 200)}`);
}

const ok = (s: number) => s >= 200 && s < 300;
const ifMatch = fc.option(fc.oneof(fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '"-1"', '""'), fc.string()), {
  freq: 2,
});

describe('every API write, with generated bodies', () => {
  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s: bodies shaped like the schema, with wrong types, unknown fields and unicode',
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(op.body, fc.nat(), ifMatch, async (body, pick, match) => {
          const client = clients[pick % clients.length];
          const target = url(op.path, pick);
          const label = `${op.method.toUpperCase()} ${target} ${JSON.stringify(body)?.slice(0, 300)}`;
          const res = await checkCase(
            tally,
            t.db,
            () => {
              const req = client[op.method](target).set('Content-Type', 'application/json');
              if (match !== null) req.set('If-Match', match.replace(/[^\x20-\x7e]/g, '?'));
              return req.send(JSON.stringify(body) ?? 'null');
            },
            { ok, label },
          );
          if (res && !ok(res.status)) expectErrorShape(res, label);
        }),
        params(),
      );
    },
  );
});

/** A body each write accepts as it stands (`n` keeps new codes apart), so a mutation of it reaches the domain. */
function validBody(op: Operation, pick: number, n: number): Obj {
  const money = pick % 2 === 0;
  const bodies: Record<string, Obj> = {
    'POST /directorates': { code: `F${n}`, name: `Fuzz ${n}` },
    'PATCH /directorates/{code}': { name: "Children's Services" },
    'POST /projects': { code: `CS-9${n}`, name: 'Fuzz', directorateCode: 'CS', startYear: '2024/25' },
    'PATCH /projects/{code}': { name: 'Case management system' },
    'POST /projects/{code}/costs': { year: '2024/25', kind: 'planned', category: 'capital', amount: '1.00' },
    'PATCH /costs/{id}': { amount: '100000.00' },
    'POST /projects/{code}/benefits': { ref: `F${n}`, title: 'Fuzz', type: 'cashable' },
    'PATCH /projects/{code}/benefits/{ref}': { title: 'Staff time saved' },
    'PUT /projects/{code}/benefits/{ref}/profile': { profile: money ? [{ year: '2025/26', amount: '1.00' }] : [] },
    'PUT /projects/{code}/costs/grid': {
      rows: [
        { kind: 'planned', funding: 'revenue', category: 'staff', years: { '2025/26': money ? `${n}.00` : null } },
      ],
    },
    'PUT /projects/{code}/benefits/grid': {
      rows: [{ benefitRef: 'B1', years: { '2026/27': money ? `${n}.00` : null } }],
    },
    'POST /projects/{code}/benefits/{ref}/realisations': {
      year: '2025/26',
      ...(money ? { amount: '1.00' } : { value: 'Good' }),
      evidence: 'Fuzz ledger extract',
      recordedBy: 'Fuzz',
      recordedOn: '2026-01-15',
    },
    'PATCH /realisations/{id}': { evidence: 'Ledger extract' },
    'POST /projects/{code}/benefits/{ref}/reforecasts': { year: '2027/28', amount: '1.00', note: 'Fuzz' },
    'POST /projects/{code}/benefits/{ref}/budget-reductions': { year: '2025/26', amount: '1.00', budget: 'CC100' },
    'POST /realisations/{id}/verify': { grade: 'audited' },
    'POST /realisations/{id}/unverify': { reason: 'Evidence withdrawn' },
    'POST /realisations/{id}/attachments': {},
    'POST /report-editions': {},
    'PATCH /reviews/{id}': { findings: 'Fuzz findings' },
    'POST /projects/{code}/reviews': { dueOn: '2027-06-30' },
    'POST /projects/{code}/decisions': {
      kind: money ? 'approval' : 'rebaseline',
      decidedOn: '2026-01-15',
      decidedBy: 'CLT',
      reference: `CLT/F/${n}`,
      fundingSource: 'Capital programme',
      ...(money ? {} : { reasonCode: 'rephasing' }),
    },
    'POST /assessment-frameworks': {
      code: `FZ${n}`,
      name: 'Fuzz framework',
      dimensions: [
        {
          code: 'FZ',
          name: 'Dimension',
          statements: [{ code: 'FZ-1', text: 'A statement', levels: ['1', '2', '3', '4', '5'] }],
        },
      ],
    },
    'POST /assessments': { directorateCode: 'CS', assessedOn: '2026-01-15', assessors: ['Fuzz assessor'] },
    'PUT /assessments/{id}/answers': { answers: [{ statement: 'FZ-1', score: 3, evidence: 'Fuzz' }] },
    'POST /assessments/{id}/submit': {},
    'POST /assessments/{id}/approve': {},
    'POST /assessments/{id}/return': { comment: 'Please revisit' },
    'POST /assessments/{id}/actions': {
      title: 'Fuzz action',
      owner: 'Owner',
      dueOn: '2027-03-31',
      dimensionCode: 'D1',
    },
    'PATCH /improvement-actions/{id}': { status: 'in_progress' },
    'POST /appraise': {
      costs: [{ year: '2024/25', amount: '100000.00' }],
      benefits: [{ year: '2025/26', amount: '60000.00' }],
    },
  };
  const body = bodies[`${op.method.toUpperCase()} ${op.path}`];
  if (!body) throw new Error(`No valid body for ${op.method.toUpperCase()} ${op.path}: add one`);
  return body;
}

/** One to three fields of a valid body replaced by generated values or removed. */
function mutation(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  const content = (doc.paths[op.path][op.method].requestBody as Obj | undefined)?.content as Obj | undefined;
  const schema = resolve(((content?.['application/json'] as Obj | undefined)?.schema as Obj | undefined) ?? {});
  const props = (schema.properties ?? {}) as Record<string, Obj>;
  const names = [...Object.keys(props), 'unknownField'];
  return fc
    .subarray(names, { minLength: 1, maxLength: Math.min(3, names.length) })
    .chain((keys) =>
      fc.record(
        Object.fromEntries(
          keys.map((k) => [k, fc.oneof(props[k] ? plausible(props[k]) : jsonValue, fc.constant(undefined))]),
        ) as Record<string, fc.Arbitrary<unknown>>,
      ),
    );
}

describe('every API write, with valid bodies changed a little', () => {
  let n = 0;
  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s: one to three fields replaced or removed, with the current version',
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(mutation(op), fc.nat(), async (change, pick) => {
          const client = clients[pick % 3 === 0 ? 1 + (pick % 2) : 0];
          const target = url(op.path, pick);
          const body: Obj = { ...validBody(op, pick, ++n) };
          for (const [k, v] of Object.entries(change)) {
            if (v === undefined) delete body[k];
            else body[k] = v;
          }
          const read = op.method === 'post' ? null : await clients[0].get(target.replace(/\/profile$/, ''));
          const version = read?.status === 200 ? (read.body as { version?: number }).version : undefined;
          const label = `${op.method.toUpperCase()} ${target} ${JSON.stringify(body).slice(0, 300)}`;
          const res = await checkCase(
            tally,
            t.db,
            () => {
              const req = client[op.method](target).set('Content-Type', 'application/json');
              if (version !== undefined) req.set('If-Match', `"${version}"`);
              return req.send(JSON.stringify(body));
            },
            { ok, label },
          );
          if (res && !ok(res.status)) expectErrorShape(res, label);
        }),
        params(),
      );
    },
  );
});

describe('every API write, with bodies that are not what they claim', () => {
  const raw = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ type: 'application/json', body: s })),
    fc.jsonValue().map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
    fc
      .tuple(
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom('array', 'object', 'mixed') as fc.Arbitrary<'array' | 'object' | 'mixed'>,
      )
      .map(([depth, kind]) => ({ type: 'application/json', body: deeplyNested(depth, kind) })),
    fc.constantFrom(
      { type: 'application/json', body: '' },
      { type: 'application/json', body: 'null' },
      { type: 'application/json', body: '"text"' },
      { type: 'application/json', body: '1e999999' },
      { type: 'application/json', body: '{"code":"A","code":"B"}' },
      { type: 'application/json', body: '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}' },
      { type: 'application/json', body: '\ufeff{"name":"BOM"}' },
      { type: 'application/json', body: `{"name":"${'x'.repeat(2 * 1024 * 1024)}"}` },
      { type: 'application/json; charset=utf-16', body: '{"name":"x"}' },
      { type: 'application/json; charset=latin1', body: '{"name":"caf\u00e9"}' },
      { type: 'text/plain', body: '{"name":"x"}' },
      { type: 'application/xml', body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>' },
      { type: 'application/x-www-form-urlencoded', body: 'name=x&version=1&amount=1&amount=2' },
      {
        type: 'multipart/form-data; boundary=x',
        body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x',
      },
    ),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ type: 'application/x-www-form-urlencoded', body: s })),
  );

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))(
    '%s: malformed, deeply nested, mislabelled and oversized bodies',
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(raw, fc.nat(), async ({ type, body }, pick) => {
          const target = url(op.path, pick);
          const label = `${op.method.toUpperCase()} ${target} (${type}) ${body.slice(0, 200)}`;
          const res = await checkCase(
            tally,
            t.db,
            () => clients[0][op.method](target).set('Content-Type', type).send(body),
            { ok, label },
          );
          if (res && !ok(res.status)) expectErrorShape(res, label);
        }),
        params(),
      );
    },
  );

  const wellFormed = (s: string) =>
    s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  /** A path segment: any text, percent-encoded, or a malformed or sneaky escape. */
  const segment = fc.oneof(
    text.map((s) => encodeURIComponent(wellFormed(s)) || '%20'),
    fc.constantFrom(
      '%',
      '%E0%A4%A',
      '%00',
      '%FF',
      '..',
      '%2e%2e',
      '%2F',
      '%C0%AF',
      '-1',
      '0',
      '1.5',
      '99999999999999999999',
    ),
  );

  it('answers every write at a path with generated codes, refs and ids without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: operations.length - 1 }), segment, jsonValue, async (i, seg, body) => {
        const op = operations[i];
        const target = url(op.path, 0, seg);
        const label = `${op.method.toUpperCase()} ${target.slice(0, 300)}`;
        const res = await checkCase(
          tally,
          t.db,
          () => clients[0][op.method](target).set('Content-Type', 'application/json').send(JSON.stringify(body)),
          { ok, label },
        );
        if (res && !ok(res.status)) expectErrorShape(res, label);
      }),
      params(),
    );
  });
});
