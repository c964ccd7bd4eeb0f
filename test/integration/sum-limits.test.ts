/**
 * C1 "No valid data may break a sum". A scoped finance partner once took the dashboards down by
 * importing 92,300 cost lines of £999,999,999,999.99 on their own project: SQLite's 64-bit SUM
 * overflowed and every portfolio page answered 500. Such a year is now refused on every entry
 * point (rules.entry-points.test.ts), and a database that already holds one is still summed
 * exactly.
 */
import { createTestApp, countRows, type TestApp } from '../helpers/test-app';
import { apiClient, webClient } from '../helpers/clients';
import { aDirectorate, aProject } from '../helpers/builders';
import { ensureSummaries, verifySummaries } from '../../server/domain/summaries';

const MAX = '999999999999.99';
const MAX_PENCE = 99_999_999_999_999n;
const LINES = 92_300;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await aDirectorate(t.ctx);
  await aProject(t.ctx);
});
afterEach(async () => {
  await t.close();
});

describe('a year of cost lines past the 64-bit range', () => {
  it('is refused as an import, on the last line, with nothing written', async () => {
    const finance = await apiClient(t.app, t.db, 'finance');
    const lines = Array.from({ length: LINES }, (_, i) => `CS-001,2024/25,planned,capital,${MAX},,L${i}`);
    const csv = `project_code,year,kind,category,amount,description,reference\n${lines.join('\n')}\n`;
    const res = await finance.post('/api/v1/imports/costs').set('Content-Type', 'text/csv').send(Buffer.from(csv));
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      {
        line: LINES + 1,
        column: 'amount',
        message: `This would take CS-001's planned costs in 2024/25 to £92,299,999,999,999,077.00, more than one year's total can hold (£999,999,999,999.99): correct the amounts`,
      },
    ]);
    expect(await countRows(t.db, 'cost_lines')).toBe(0);
  }, 120_000);

  it('already stored (from before the limit) still sums exactly: the dashboards, metrics, report and exports answer', async () => {
    const projectId = (await t.db('projects').first()).id;
    const row = {
      project_id: projectId,
      fy_start: 2024,
      kind: 'planned',
      category: 'other',
      funding: 'capital',
      amount_pence: MAX_PENCE.toString(),
    };
    await t.db.batchInsert(
      'cost_lines',
      Array.from({ length: LINES }, () => ({ ...row })),
      500,
    );
    // Such a database predates the C8 summaries too: start-up builds them, past 64 bits as well.
    expect(await ensureSummaries(t.db)).toBe(true);
    expect(await verifySummaries(t.db)).toEqual([]);
    const web = await webClient(t.app, t.db, 'scrutiny');
    const api = await apiClient(t.app, t.db, 'scrutiny');
    for (const url of ['/', '/reports/scrutiny', '/exports/projects.csv', '/projects/CS-001']) {
      expect({ url, status: (await web.get(url)).status }).toEqual({ url, status: 200 });
    }
    const total = (BigInt(LINES) * MAX_PENCE).toString();
    const planned = `${total.slice(0, -2)}.${total.slice(-2)}`;
    const portfolio = await api.get('/api/v1/portfolio/metrics?asAt=2025-06-01');
    expect(portfolio.status).toBe(200);
    // No optimism bias and year 0 is undiscounted (C3), so PV costs are the exact planned total.
    expect(portfolio.body.businessCase.pvCosts).toBe(planned);
    const project = await api.get('/api/v1/projects/CS-001/metrics?asAt=2025-06-01');
    expect(project.status).toBe(200);
    expect(project.body.businessCase.pvCosts).toBe(planned);
  }, 120_000);
});
