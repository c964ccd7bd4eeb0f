/**
 * The read model behind aggregate tables (C6 Contributions, C8): stored headline rows equal a
 * recomputation, every aggregate's project rows add up to its figures, the API pages its rows
 * without changing a total, and a settings change is never read stale.
 */
import Decimal from 'decimal.js';
import { parse } from 'csv-parse/sync';
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';
import { getPortfolioMetrics } from '../../server/domain/metrics';
import { allProjectRows } from '../../server/domain/project-rows';
import { updateOrgSettings } from '../../server/domain/settings';
import { DEFAULT_RAG, DEFAULT_VFM_BANDS } from '../../server/finance';

type Row = { code: string; forecast: { npv: string }; contribution: Record<string, Record<string, string>> };

const { t, api, web } = appForTests({
  api: 'scrutiny',
  web: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    await aDirectorate(app.ctx, { code: 'RES', name: 'Resources' });
    // Seven projects, three base years, one with its own rate: contributions differ from own NPVs.
    const projects: [string, string, string, string | undefined][] = [
      ['CS-001', 'CS', '2024/25', undefined],
      ['CS-002', 'CS', '2022/23', undefined],
      ['CS-003', 'CS', '2025/26', '0.07'],
      ['RES-001', 'RES', '2023/24', '0.1'],
      ['RES-002', 'RES', '2024/25', undefined],
      ['RES-003', 'RES', '2024/25', undefined],
      ['RES-004', 'RES', '2026/27', undefined],
    ];
    let n = 0;
    for (const [code, directorateCode, startYear, discountRate] of projects) {
      n++;
      const start = Number(startYear.slice(0, 4));
      await aProject(app.ctx, { code, directorateCode, startYear, discountRate, optimismBias: n % 2 ? '0.15' : '0' });
      await aCostLine(app.ctx, code, { year: startYear, amount: `${100000 + n * 7331}.17` });
      await aCostLine(app.ctx, code, {
        year: `${start + 1}/${String((start + 2) % 100).padStart(2, '0')}`,
        amount: '12345.67',
      });
      if (start <= 2025)
        await aCostLine(app.ctx, code, { year: startYear, kind: 'actual', amount: `${90000 + n * 911}.01` });
      await aBenefit(app.ctx, code, {
        confidence: n % 3 ? '0.8' : '1',
        profile: [1, 2, 3].map((k) => ({
          year: `${start + k}/${String((start + k + 1) % 100).padStart(2, '0')}`,
          amount: `${20000 + n * 1013 * k}.33`,
        })),
      });
      if (start + 1 <= 2026)
        await aRealisation(app.ctx, code, 'B1', {
          year: `${start + 1}/${String((start + 2) % 100).padStart(2, '0')}`,
          amount: `${15000 + n * 97}.50`,
        });
    }
  },
});

const VIEWS = ['businessCase', 'forecast', 'toDate'] as const;

async function allRows(query: string): Promise<{ body: Record<string, unknown>; rows: Row[] }> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let first: Record<string, unknown> | null = null;
  do {
    const res = await api.get(`/api/v1/portfolio/metrics?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    first ??= res.body;
    // Totals never depend on the page.
    expect(res.body.forecast.npv).toBe((first as { forecast: { npv: string } }).forecast.npv);
    rows.push(...res.body.projects);
    cursor = res.body.nextCursor;
  } while (cursor);
  return { body: first!, rows };
}

describe('aggregate project rows (C6 Contributions)', () => {
  it('page through the API by cursor, each project once, and their contributions add up to the headline in every view', async () => {
    for (const query of ['', 'asAt=2025-06-30', 'riskAdjusted=true', 'directorate=RES']) {
      const { body, rows } = await allRows(query);
      expect(body.projectCount).toBe(rows.length);
      expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
      for (const view of VIEWS) {
        const headline = (body as Record<string, Record<string, string>>)[view];
        for (const field of ['pvCosts', 'pvBenefits', 'npv']) {
          const sum = rows.reduce((s, r) => s.plus(r.contribution[view][field]), new Decimal(0));
          // Each row is rounded to the penny once: the sum is within half a penny a row of the total.
          expect(sum.minus(headline[field]).abs().lte(new Decimal('0.005').times(rows.length))).toBe(true);
        }
      }
    }
  });

  it('add up exactly before rounding, stored (default view) and computed (any other) alike', async () => {
    for (const asAt of [new Date().toISOString().slice(0, 10), '2025-06-30']) {
      const m = await getPortfolioMetrics(t.ctx, {}, { asAt, riskAdjusted: false });
      const rows = await allProjectRows(t.ctx, m, { key: 'npv', dir: 'desc' });
      expect(rows).toHaveLength(7);
      for (const view of VIEWS) {
        const sum = rows.reduce((s, r) => s.plus(r.contribution[view].npv.toString()), new Decimal(0));
        // Linear in the flows: equal up to the engine's working precision, far below a penny.
        expect(sum.minus(m[view].npv.toString()).abs().lt('1e-9')).toBe(true);
      }
    }
  });

  it('read from stored rows equal rows computed from the series (a year filter that cuts nothing takes the computed path)', async () => {
    const stored = await allRows('');
    const computed = await allRows('from=2000/01');
    expect(computed.rows).toEqual(stored.rows);
  });

  it('follow a change of the organisation’s discount rule at once (a stored row on the old basis is never read)', async () => {
    const before = await allRows('');
    await updateOrgSettings(
      { ...t.ctx, actor: { ...t.ctx.actor, role: 'admin' } },
      {
        discountRule: { kind: 'constant', rate: new Decimal('0.0625') },
        rag: DEFAULT_RAG,
        vfmBands: DEFAULT_VFM_BANDS,
        priceBasis: 'real',
      },
    );
    const after = await allRows('');
    const computed = await allRows('from=2000/01');
    expect(after.rows).toEqual(computed.rows);
    const npv = (rows: Row[], code: string) => rows.find((r) => r.code === code)!.forecast.npv;
    expect(npv(after.rows, 'CS-001')).not.toBe(npv(before.rows, 'CS-001'));
    // A project with its own rate keeps its own NPV; its contribution follows the organisation's rule.
    expect(npv(after.rows, 'RES-001')).toBe(npv(before.rows, 'RES-001'));
  });

  it('export with the whole current view, and the contribution columns add up to the API headline', async () => {
    const res = await web.get('/exports/projects.csv?directorate=CS&riskAdjusted=true');
    expect(res.status).toBe(200);
    const [head, ...rows] = parse(res.text.replace(/^\ufeff/, '')) as string[][];
    expect(rows).toHaveLength(3);
    const api_ = await api.get('/api/v1/portfolio/metrics?directorate=CS&riskAdjusted=true');
    for (const view of ['business_case', 'forecast', 'to_date']) {
      const at = head.indexOf(`contribution_${view}_npv`);
      expect(at).toBeGreaterThan(0);
      const sum = rows.reduce((s, r) => s.plus(r[at]), new Decimal(0));
      const key = view.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
      expect(sum.minus(api_.body[key].npv).abs().lte(new Decimal('0.005').times(rows.length))).toBe(true);
    }
  });

  it('refuses a bad limit or cursor with a 400 naming it', async () => {
    const limit = await api.get('/api/v1/portfolio/metrics?limit=0');
    expect(limit.status).toBe(400);
    expect(JSON.stringify(limit.body)).toContain('limit');
    const cursor = await api.get('/api/v1/portfolio/metrics?cursor=%25%25');
    expect(cursor.status).toBe(400);
    expect(JSON.stringify(cursor.body)).toContain('cursor');
  });

  it('are explained on the project’s own page: its own terms here, the aggregate’s there', async () => {
    const own = await web.get('/projects/RES-001');
    expect(own.text).toContain('id="portfolio-relation"');
    expect(own.text).toContain('discounted to its own base year, 2023/24, at its own rate');
    expect((await web.get('/projects/CS-001')).text).not.toContain('at its own rate');
  });

  it('show on the dashboard as the top and bottom projects, with own NPVs and the reason where they differ', async () => {
    const res = await web.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Top and bottom projects');
    expect(res.text).toContain('own rate 10%');
    expect(res.text).toMatch(/own base year 2024\/25/);
    expect(res.text).toContain('All 7 projects in the project list');
  });
});
