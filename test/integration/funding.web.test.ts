/**
 * Issue 19: capital and revenue, planned and actual, by year, on the project, directorate and
 * portfolio pages and in the board report; the group figures from the C8 group sums.
 */
import { appForTests } from '../helpers/test-app';
import { aCostLine, aProjectWithDirectorate } from '../helpers/builders';
import { groupFunding, projectFunding } from '../../server/domain/funding';

const { t, web } = appForTests({
  web: 'admin',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx); // CS-001 in directorate CS
    const line = (over: Record<string, unknown>) => aCostLine(app.ctx, 'CS-001', over);
    await line({ funding: 'capital', category: 'hardware', amount: '1000.10' });
    await line({ funding: 'capital', category: 'services', amount: '0.01' });
    await line({ funding: 'revenue', category: 'licences', amount: '250.00' });
    await line({ funding: 'revenue', category: 'staff', amount: '40.00', isCredit: true }); // a credit: −£40
    await line({ kind: 'actual', funding: 'capital', category: 'hardware', amount: '990.00' });
    await line({ kind: 'actual', funding: 'revenue', category: 'staff', year: '2025/26', amount: '12.34' });
  },
});

const text = (d: { toFixed(n: number): string }) => d.toFixed(2);

describe('capital and revenue split', () => {
  it('adds each year’s lines by funding, credits netted (hand-worked), the same for the project and its group', async () => {
    const p = await projectFunding(t.ctx, 'CS-001');
    // 2024/25 planned capital 1000.10 + 0.01; planned revenue 250.00 − 40.00; actual capital 990.00.
    expect(
      p.years.map((y) => [y.fy, ...[y.plannedCapital, y.plannedRevenue, y.actualCapital, y.actualRevenue].map(text)]),
    ).toEqual([
      [2024, '1000.11', '210.00', '990.00', '0.00'],
      [2025, '0.00', '0.00', '0.00', '12.34'],
    ]);
    expect(text(p.totals.actualRevenue)).toBe('12.34');
    const directorate = await groupFunding(t.ctx, { directorateCode: 'CS' });
    const portfolio = await groupFunding(t.ctx);
    expect(directorate).toEqual(p);
    expect(portfolio).toEqual(p);
    expect((await groupFunding(t.ctx, { status: 'closed' })).years).toEqual([]);
  });

  it('shows the table on the project, directorate and portfolio pages and in the board report', async () => {
    for (const url of ['/projects/CS-001', '/directorates/CS', '/portfolio', '/reports/scrutiny']) {
      const res = await web.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(res.text).toContain('Capital and revenue');
      expect(res.text).toMatch(/Planned \(as entered\)/);
      expect(res.text).toContain('£1,000.11');
      expect(res.text).toContain('£210.00');
    }
  });
});
