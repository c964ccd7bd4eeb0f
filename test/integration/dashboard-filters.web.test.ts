/** Issue 14: filters that change the question say so, and collapse to one line so the headline comes first. */
import { appForTests } from '../helpers/test-app';
import { aCostLine, aProjectWithDirectorate } from '../helpers/builders';

const { web } = appForTests({
  web: 'scrutiny',
  per: 'file',
  seed: async (app) => {
    await aProjectWithDirectorate(app.ctx);
    await aCostLine(app.ctx, 'CS-001', { year: '2024/25', amount: '1000.00' });
  },
});

describe('the portfolio dashboard’s filters', () => {
  it('warn beside the headline when a year range cuts the appraisal window', async () => {
    const cut = await web.get('/?from=2024/25&to=2026/27');
    expect(cut.text).toContain('Only 2024/25 to 2026/27: these are not whole-life figures');
    expect(cut.text.indexOf('years-warning')).toBeLessThan(cut.text.indexOf('id="headline-npv"'));
    expect((await web.get('/?from=2025/26')).text).toContain('Only from 2025/26: these are not whole-life figures');
    expect((await web.get('/')).text).not.toContain('not whole-life figures');
  });

  it('collapse into one line that names them, closed unless a filter is wrong, before the headline tiles', async () => {
    const res = await web.get('/?riskAdjusted=true');
    const details = /<details class="govuk-details app-no-print app-filters-details"[^>]*>/.exec(res.text)![0];
    expect(details).not.toContain(' open');
    expect(res.text).toMatch(
      /All directorates · any status · all years · as at \d{1,2} \w+ \d{4} · risk-adjusted: yes — Change/,
    );
    expect(res.text.indexOf('app-filters-details')).toBeLessThan(res.text.indexOf('id="headline-npv"'));
    const wrong = await web.get('/?from=nonsense');
    expect(/<details class="govuk-details app-no-print app-filters-details"[^>]*>/.exec(wrong.text)![0]).toContain(
      ' open',
    );
  });
});
