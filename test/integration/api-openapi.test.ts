/**
 * The OpenAPI document against the API itself: every mounted route is described (and nothing
 * else), every reference resolves, and real responses fit the documented schemas and patterns.
 */
import request from 'supertest';
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { apiRouter } from '../../server/http/api';
import { apiClient } from '../helpers/clients';

type Obj = Record<string, unknown>;
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

let doc: Obj;
let ids: { cost: number; realisation: number };
const { t, api } = appForTests({
  api: 'scrutiny',
  per: 'file',
  seed: async (app, { api }) => {
    await aDirectorate(app.ctx);
    await aProject(app.ctx, { discountRate: '0.035' });
    ids = { cost: (await aCostLine(app.ctx, 'CS-001', { isCredit: true, amount: '12.5' })).id, realisation: 0 };
    await aBenefit(app.ctx, 'CS-001');
    await aBenefit(app.ctx, 'CS-001', { ref: 'Q1', type: 'qualitative', profile: [] });
    ids.realisation = (await aRealisation(app.ctx, 'CS-001', 'B1')).id;
    await aRealisation(app.ctx, 'CS-001', 'Q1', { amount: null, value: 'Good' });
    doc = (await api.get('/api/v1/openapi.json')).body;
  },
});

/** "METHOD /path/{param}" for every route the API router mounts. */
function mountedRoutes(): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const m of Object.keys(layer.route.methods))
          out.push(`${m.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((apiRouter() as unknown as { stack: Layer[] }).stack);
  return out.sort();
}

const documentedRoutes = () =>
  Object.entries(doc.paths as Record<string, Obj>)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

function resolve(ref: string): Obj {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Obj>((node, key) => {
      const next = node[key] as Obj | undefined;
      if (next === undefined) throw new Error(`Unresolved $ref ${ref}`);
      return next;
    }, doc);
}

/** The subset of OpenAPI 3.0 schema rules the document uses; returns the paths that do not fit. */
function check(value: unknown, schema: Obj, path = '$'): string[] {
  if (typeof schema.$ref === 'string') return check(value, resolve(schema.$ref), path);
  if (value === null) return schema.nullable ? [] : [`${path}: null`];
  if (Array.isArray(schema.allOf)) return (schema.allOf as Obj[]).flatMap((s) => check(value, s, path));
  const errs: string[] = [];
  const type = schema.type as string | undefined;
  if (type === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
    const props = (schema.properties ?? {}) as Record<string, Obj>;
    for (const key of (schema.required ?? []) as string[])
      if (!(key in (value as Obj))) errs.push(`${path}.${key}: missing`);
    for (const [key, v] of Object.entries(value as Obj)) {
      if (props[key]) errs.push(...check(v, props[key], `${path}.${key}`));
      else if (schema.properties) errs.push(`${path}.${key}: not documented`);
    }
  } else if (type === 'array') {
    if (!Array.isArray(value)) return [`${path}: not an array`];
    value.forEach((v, i) => errs.push(...check(v, schema.items as Obj, `${path}[${i}]`)));
  } else if (type === 'string') {
    if (typeof value !== 'string') return [`${path}: not a string`];
    if (schema.pattern && !new RegExp(schema.pattern as string).test(value))
      errs.push(`${path}: ${value} does not match ${schema.pattern}`);
  } else if (type === 'integer' && !Number.isInteger(value)) errs.push(`${path}: not an integer`);
  else if (type === 'boolean' && typeof value !== 'boolean') errs.push(`${path}: not a boolean`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errs.push(`${path}: ${String(value)} not in enum`);
  return errs;
}

const operation = (method: string, path: string) => (doc.paths as Record<string, Record<string, Obj>>)[path][method];
const responseSchema = (method: string, path: string, status: number) => {
  const r = (operation(method, path).responses as Record<string, Obj>)[status];
  const res = typeof r.$ref === 'string' ? resolve(r.$ref) : r;
  return ((res.content as Obj)['application/json'] as Obj).schema as Obj;
};

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.0 document with the bearer scheme, the error schema and the money and FY formats', () => {
    expect(doc).toMatchObject({
      openapi: expect.stringMatching(/^3\.0\./),
      info: { title: 'Realise API' },
      servers: [{ url: '/api/v1' }],
    });
    const components = doc.components as { securitySchemes: Obj; schemas: Record<string, Obj> };
    expect(components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.security).toContainEqual({ bearerAuth: [] });
    expect(components.schemas.Money).toMatchObject({ type: 'string', pattern: '^-?\\d+(\\.\\d{1,2})?$' });
    expect(components.schemas.MoneyOut).toMatchObject({ type: 'string', pattern: '^-?\\d+\\.\\d{2}$' });
    expect(components.schemas.FinancialYear).toMatchObject({ type: 'string', pattern: '^\\d{4}/\\d{2}$' });
    expect(check({ error: { code: 'not_found', message: 'x' } }, components.schemas.Error)).toEqual([]);
  });

  it('describes exactly the routes the API mounts', () => {
    expect(documentedRoutes()).toEqual(mountedRoutes());
    expect(mountedRoutes()).toEqual(
      expect.arrayContaining([
        'GET /directorates',
        'PATCH /directorates/{code}',
        'GET /projects',
        'DELETE /projects/{code}',
        'POST /projects/{code}/costs',
        'PATCH /costs/{id}',
        'PUT /projects/{code}/benefits/{ref}/profile',
        'POST /projects/{code}/benefits/{ref}/realisations',
        'DELETE /realisations/{id}',
        'POST /appraise',
        'GET /portfolio/metrics',
        'GET /audit',
        'GET /openapi.json',
      ]),
    );
  });

  it('resolves every $ref and declares every path parameter', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(50);
    for (const r of refs) expect(() => resolve(r.slice(8, -1))).not.toThrow();
    for (const route of documentedRoutes()) {
      const [method, path] = route.split(' ');
      const declared = ((operation(method.toLowerCase(), path).parameters ?? []) as Obj[])
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      expect({ route, params: declared.sort() }).toEqual({
        route,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(),
      });
    }
  });

  it('documents If-Match, 409 and 428 on every change, and 201 with Location on every create', () => {
    for (const route of documentedRoutes()) {
      const [method, path] = route.split(' ');
      const op = operation(method.toLowerCase(), path);
      const statuses = Object.keys(op.responses as Obj);
      if (['PATCH', 'PUT', 'DELETE'].includes(method)) {
        expect({ route, statuses }).toEqual({ route, statuses: expect.arrayContaining(['409', '428']) });
        expect((op.parameters as Obj[]).some((p) => p.name === 'If-Match' && p.in === 'header')).toBe(true);
      }
      // Resource creates answer with where the new record lives (imports answer with a batch instead).
      // C10's verify and unverify change a realisation (200 with it), creating nothing.
      const actions = ['/appraise', '/imports/{kind}', '/realisations/{id}/verify', '/realisations/{id}/unverify'];
      // Issue 18: an assessment's workflow steps change it (200 with it), creating nothing.
      actions.push('/assessments/{id}/submit', '/assessments/{id}/approve', '/assessments/{id}/return');
      if (method === 'POST' && !actions.includes(path))
        expect(((op.responses as Record<string, Obj>)['201'].headers as Obj).Location).toBeDefined();
    }
  });
});

describe('GET /api/v1/openapi.json without signing in', () => {
  it('serves the same document to someone with no token or session, documented as needing none', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(doc);
    const op = operation('get', '/openapi.json');
    expect(op.security).toEqual([]);
    expect(Object.keys(op.responses as Obj)).not.toContain('401');
  });

  it('stays read-only, and opens nothing else of the API', async () => {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const res = await request(t.app)[method]('/api/v1/openapi.json').send({});
      expect({ method, status: res.status }).toEqual({ method, status: 401 });
    }
    for (const url of ['/api/v1/directorates', '/api/v1/openapi.json/x', '/api/v1/portfolio/metrics']) {
      const res = await request(t.app).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
      expect(res.body.error.code).toBe('unauthorized');
    }
  });
});

describe('real responses fit the documented schemas', () => {
  it.each([
    ['/directorates', '/api/v1/directorates'],
    ['/directorates/{code}', '/api/v1/directorates/CS'],
    ['/projects', '/api/v1/projects?limit=1'],
    ['/projects/{code}', '/api/v1/projects/CS-001'],
    ['/projects/{code}/costs', '/api/v1/projects/CS-001/costs'],
    ['/costs/{id}', () => `/api/v1/costs/${ids.cost}`],
    ['/projects/{code}/benefits', '/api/v1/projects/CS-001/benefits'],
    ['/projects/{code}/benefits/{ref}', '/api/v1/projects/CS-001/benefits/B1'],
    ['/projects/{code}/benefits/{ref}/realisations', '/api/v1/projects/CS-001/benefits/Q1/realisations'],
    ['/realisations/{id}', () => `/api/v1/realisations/${ids.realisation}`],
    ['/audit', '/api/v1/audit?limit=3'],
    ['/projects/{code}/metrics', '/api/v1/projects/CS-001/metrics?asAt=2025-06-01'],
    ['/directorates/{code}/metrics', '/api/v1/directorates/CS/metrics'],
    ['/portfolio/metrics', '/api/v1/portfolio/metrics'],
  ])('GET %s', async (path, url) => {
    const res = await api.get(typeof url === 'function' ? url() : url);
    expect(res.status).toBe(200);
    expect(check(res.body, responseSchema('get', path, 200))).toEqual([]);
  });

  it('POST /appraise', async () => {
    const res = await api
      .post('/api/v1/appraise')
      .send({ costs: [{ year: '2024/25', amount: '100.00' }], benefits: [{ year: '2025/26', amount: '150.00' }] });
    expect(res.status).toBe(200);
    expect(check(res.body, responseSchema('post', '/appraise', 200))).toEqual([]);
  });

  it('GET and PUT of the grids (issue 19), as finance, and their bodies as documented', async () => {
    const finance = await apiClient(t.app, t.db, 'finance');
    const schemas = (doc.components as { schemas: Record<string, Obj> }).schemas;
    for (const [path, url] of [
      ['/projects/{code}/costs/grid', '/api/v1/projects/CS-001/costs/grid'],
      ['/projects/{code}/benefits/grid', '/api/v1/projects/CS-001/benefits/grid'],
    ]) {
      const res = await finance.get(url);
      expect(res.status).toBe(200);
      expect(check(res.body, responseSchema('get', path, 200))).toEqual([]);
      // What GET answered may go back as a PUT body (its read-only fields are ignored).
      const body = path.includes('costs') ? 'CostGridInput' : 'ProfileGridInput';
      expect(check(res.body, schemas[body])).toEqual([]);
      const saved = await finance.put(url).send(res.body);
      expect(saved.status).toBe(200);
      expect(check(saved.body, responseSchema('put', path, 200))).toEqual([]);
    }
  });

  it('the error answers too', async () => {
    const res = await api.get('/api/v1/projects/NOPE');
    expect(check(res.body, responseSchema('get', '/projects/{code}', 404))).toEqual([]);
  });

  it('and the documented create bodies accept what the API accepts', () => {
    const schemas = (doc.components as { schemas: Record<string, Obj> }).schemas;
    expect(
      check(
        { year: '2024/25', kind: 'planned', category: 'capital', amount: '-12.50', isCredit: true },
        schemas.CostLineInput,
      ),
    ).toEqual([]);
    expect(
      check({ year: '2024/25', kind: 'planned', category: 'capital', amount: '1.005' }, schemas.CostLineInput),
    ).toEqual(['$.amount: 1.005 does not match ^-?\\d+(\\.\\d{1,2})?$']);
    expect(
      check({ year: '2024-25', kind: 'planned', category: 'capital', amount: '1' }, schemas.CostLineInput),
    ).toEqual(['$.year: 2024-25 does not match ^\\d{4}/\\d{2}$']);
  });
});
