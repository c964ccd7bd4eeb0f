/** The board report is a paper, not a register: it lists the 25 exceptions with the lowest realisation, and says how many more. */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject, aRealisation } from '../helpers/builders';

const { web } = appForTests({
  web: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    // 30 projects, each realising less than it expected (red): n% of £1,000 for project n.
    for (let n = 1; n <= 30; n++) {
      const code = `CS-${String(n).padStart(3, '0')}`;
      await aProject(app.ctx, { code, startYear: '2024/25' });
      await aCostLine(app.ctx, code, { year: '2024/25', amount: '100.00' });
      await aBenefit(app.ctx, code, { profile: [{ year: '2025/26', amount: '1000.00' }] });
      await aRealisation(app.ctx, code, 'B1', { year: '2025/26', amount: `${n * 10}.00`, evidence: 'Ledger' });
    }
  },
});

describe('the board report’s exceptions', () => {
  it('lists the 25 lowest realisations of 30, lowest first, and points to the rest', async () => {
    const res = await web.get('/reports/scrutiny');
    expect(res.status).toBe(200);
    // The exceptions section runs up to the changes since the last edition (issue 15's order).
    const section = res.text.slice(res.text.indexOf('id="exceptions"'), res.text.indexOf('id="changes"'));
    expect(section).toContain('The 25 of 30 projects needing attention with the lowest benefits realisation');
    const listed = [...section.matchAll(/\((CS-\d{3})\)<\/span><\/th>/g)].map((m) => m[1]);
    expect(listed).toEqual(Array.from({ length: 25 }, (_, i) => `CS-${String(i + 1).padStart(3, '0')}`));
    expect(section).toContain('And 5 more');
    expect(section).toContain('href="/projects?sort=realisation&amp;dir=asc"');
  });
});
