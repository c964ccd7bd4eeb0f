/**
 * The project list (issue 12 "pages sized for people"): server-side sorted by any indicator,
 * paged 50 at a time, each row with its contribution to the list's NPV (C6), and an export link.
 */
import Decimal from 'decimal.js';
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aDirectorate, aProject } from '../helpers/builders';

const { web } = appForTests({
  web: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    // 52 projects without figures (NPV 0) and three with: a clear top, a clear bottom and one with its own rate.
    for (let n = 1; n <= 52; n++)
      await aProject(app.ctx, { code: `CS-${String(n).padStart(3, '0')}`, name: `Plain ${n}` });
    await aProject(app.ctx, { code: 'CS-900', name: 'Best' });
    await aCostLine(app.ctx, 'CS-900', { year: '2027/28', amount: '1000.00' });
    // Forecast view (C6): plans from the as-at year on, so the figures are in years still to come.
    await aBenefit(app.ctx, 'CS-900', { profile: [{ year: '2027/28', amount: '900000.00' }] });
    await aProject(app.ctx, { code: 'CS-901', name: 'Worst' });
    await aCostLine(app.ctx, 'CS-901', { year: '2027/28', amount: '500000.00' });
    await aProject(app.ctx, { code: 'CS-902', name: 'Own rate', discountRate: '0.12345' });
    await aCostLine(app.ctx, 'CS-902', { year: '2027/28', amount: '1000.00' });
    await aBenefit(app.ctx, 'CS-902', { profile: [{ year: '2028/29', amount: '5000.00' }] });
  },
});

function rowCodes(html: string): string[] {
  const table = html.slice(html.indexOf('id="project-list"'));
  return [...table.matchAll(/\(([A-Z]{2}-\d{3})\)<\/span>/g)].map((m) => m[1]);
}

describe('GET /projects', () => {
  it('pages 50 at a time with every project once across the pages', async () => {
    const one = await web.get('/projects');
    expect(one.status).toBe(200);
    expect(one.text).toContain('55 projects, showing 1 to 50 of 55');
    const two = await web.get('/projects?sort=name&dir=asc&page=2');
    expect(two.text).toContain('showing 51 to 55 of 55');
    const codes = [...rowCodes(one.text), ...rowCodes(two.text)];
    expect(codes).toHaveLength(55);
    expect(new Set(codes).size).toBe(55);
    expect(one.text).toContain('rel="next"');
  });

  it('pages through projects without a value (no realisation expected yet) after those with one, each once', async () => {
    for (const dir of ['asc', 'desc']) {
      const one = await web.get(`/projects?sort=realisation&dir=${dir}`);
      const two = await web.get(`/projects?sort=realisation&dir=${dir}&page=2`);
      const codes = [...rowCodes(one.text), ...rowCodes(two.text)];
      expect(new Set(codes).size).toBe(55);
      // None of the seeded projects has a realisation ratio, so all are "without a value", by code.
      expect(codes).toEqual([...codes].sort());
    }
  });

  it('sorts by NPV either way on the server, and marks the sorted column', async () => {
    const desc = await web.get('/projects?sort=npv&dir=desc');
    expect(rowCodes(desc.text)[0]).toBe('CS-900');
    expect(desc.text).toMatch(/aria-sort="descending">\s*<a[^>]*>Forecast NPV/);
    const asc = await web.get('/projects?sort=npv&dir=asc');
    expect(rowCodes(asc.text)[0]).toBe('CS-901');
  });

  it('shows each project’s contribution to the list’s NPV and its own NPV’s reason where they differ', async () => {
    const res = await web.get('/projects?sort=npv&dir=desc');
    expect(res.text).toContain('own rate 12.345%');
    expect(res.text).toContain('Contribution to total NPV');
    const tile = /id="list-npv".*?title="([^"]+)"/s.exec(res.text)![1];
    expect(new Decimal(tile.replace(/[£,]/g, '')).isPos()).toBe(true);
  });

  it('ignores an unknown sort or page instead of failing, and offers the current view as CSV', async () => {
    const res = await web.get('/projects?sort=drop&dir=sideways&page=abc&status=live');
    expect(res.status).toBe(200);
    const all = await web.get('/projects?directorate=CS');
    expect(all.text).toContain('href="/projects.csv?directorate=CS&amp;sort=name&amp;dir=asc"');
    expect(all.text).toContain('href="/projects.xlsx?directorate=CS&amp;sort=name&amp;dir=asc"');
  });
});
