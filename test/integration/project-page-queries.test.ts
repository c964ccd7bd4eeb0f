/** The project page and the benefits list read each table a fixed number of times, however many benefits there are. */
import { appForTests } from '../helpers/test-app';
import { apiClient, webClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';

const { t } = appForTests({
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    for (const [code, benefits] of [
      ['CS-001', 1],
      ['CS-010', 10],
    ] as const) {
      await aProject(app.ctx, { code });
      await aCostLine(app.ctx, code);
      await aCostLine(app.ctx, code, { kind: 'actual' });
      for (let i = 1; i <= benefits; i++) {
        await aBenefit(app.ctx, code, {
          ref: `B${i}`,
          profile: [
            { year: '2025/26', amount: '40000.00' },
            { year: '2026/27', amount: '45000.00' },
          ],
        });
        await aRealisation(app.ctx, code, `B${i}`);
      }
    }
  },
});

/** The SQL of every query the database is asked during `request`. */
async function queriesDuring(request: () => Promise<{ status: number }>): Promise<string[]> {
  const sql: string[] = [];
  const record = (q: { sql: string }) => sql.push(q.sql);
  t.db.on('query', record);
  try {
    expect((await request()).status).toBe(200);
  } finally {
    t.db.removeListener('query', record);
  }
  return sql;
}

const touching = (sql: string[], table: string) =>
  sql.filter((s) => s.includes(`\`${table}\``) || s.includes(`"${table}"`)).length;

describe('query counts', () => {
  it('GET /projects/:code: the same queries for 10 benefits as for 1 (no query per benefit)', async () => {
    const web = await webClient(t.app, t.db, 'admin');
    const one = await queriesDuring(() => web.get('/projects/CS-001'));
    const ten = await queriesDuring(() => web.get('/projects/CS-010'));
    expect(ten.length).toBe(one.length);
    // The project and the settings once; profiles and realisations as rows and as yearly sums.
    expect(touching(ten, 'projects')).toBe(1);
    expect(touching(ten, 'settings')).toBe(1);
    expect(touching(ten, 'benefit_profile')).toBe(2);
    expect(touching(ten, 'realisations')).toBe(2);
  });

  it('GET /api/v1/projects/:code/benefits: the same queries for 10 benefits as for 1', async () => {
    const api = await apiClient(t.app, t.db, 'admin');
    // The token's first use records its last-used time (once a minute); both measured calls come after.
    await api.get('/api/v1/projects/CS-001');
    const one = await queriesDuring(() => api.get('/api/v1/projects/CS-001/benefits'));
    const ten = await queriesDuring(() => api.get('/api/v1/projects/CS-010/benefits'));
    expect(ten.length).toBe(one.length);
    expect(touching(ten, 'benefit_profile')).toBe(1);
    expect(touching(ten, 'realisations')).toBe(1);
  });
});
