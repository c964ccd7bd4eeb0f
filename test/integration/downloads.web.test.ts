/**
 * Issue 19: "Download this view" on every list and dashboard. Each test follows the link the page
 * offers and compares the download's rows with the rows the page shows under the same filters and
 * sort: same projects in the same order, the same money (the page's £ text is the C7 string of the
 * download, formatted), readable headings, and the workbook holding the same cells as the CSV.
 * One app for the file: every test only reads.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { appForTests } from '../helpers/test-app';
import { binary } from '../helpers/files';
import { aBenefit, aCostLine, aProject, aThreeProjectPortfolio } from '../helpers/builders';
import { webClient, type WebClient } from '../helpers/clients';
import { createPriority } from '../../server/domain/priorities';
import { Decimal, formatGbp } from '../../server/money';

// The seed makes some 60 writes: room for them on PostgreSQL and a loaded machine.
jest.setTimeout(30_000);

const { t, web } = appForTests({
  web: 'admin',
  per: 'file',
  // Publishing an edition then stores no PDF: this file reads the list, not the paper.
  overrides: { chromiumPath: '/nonexistent/chromium' },
  seed: async (app) => {
    await aThreeProjectPortfolio(app.ctx);
    // Nine more CS projects, so the dashboards show top and bottom tables and the ranking its first ten.
    for (let i = 1; i <= 9; i++) {
      const code = `CS-10${i}`;
      await aProject(app.ctx, { code, name: `Project ${i}` });
      // Future years, so the forecast view (C6) has them all and each project's NPV differs.
      await aCostLine(app.ctx, code, { year: '2027/28', amount: `${i * 1000}.50` });
      await aBenefit(app.ctx, code, { profile: [{ year: '2028/29', amount: `${(10 - i) * 1500}.25` }] });
    }
    // Enough audit entries for the audit trail to have an older page (50 a page).
    for (let i = 1; i <= 15; i++) await aCostLine(app.ctx, 'CS-101', { year: '2027/28', amount: `${i}.00` });
    await createPriority(app.ctx, { name: 'Efficient council', description: 'Spend less on the same' });
  },
});

// ## Reading pages and files

const ENTITIES: Record<string, string> = { '&amp;': '&', '&#39;': "'", '&quot;': '"', '&lt;': '<', '&gt;': '>' };
const decode = (s: string) => s.replace(/&(amp|#39|quot|lt|gt);/g, (e) => ENTITIES[e]);
const cellText = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/** The body rows of the first table after `marker`, as the text of each cell. */
function tableRows(html: string, marker: string): string[][] {
  const start = html.indexOf(marker);
  expect(start).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody'));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => cellText(c[1])),
  );
}

/** The href of the page's download link of this kind (`.csv` or `.xlsx`) whose URL contains `part`. */
function linkOf(html: string, ext: 'csv' | 'xlsx', part = ''): string {
  const links = [...html.matchAll(/href="([^"]+)" download>/g)].map((m) => decode(m[1]));
  const found = links.find((l) => new URL(l, 'http://x').pathname.endsWith(`.${ext}`) && l.includes(part));
  if (!found) throw new Error(`No ${ext} download link with ${part} among ${links.join(' ')}`);
  return found;
}

interface Csv {
  header: string[];
  rows: Record<string, string>[];
  raw: string[][];
}

async function csvOf(url: string, client: WebClient = web): Promise<Csv> {
  const res = await client.get(url);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
  const raw = parse(res.text.replace(/^\ufeff/, '')) as string[][];
  const [header, ...body] = raw;
  // Readable headings: no machine names in a download meant for people.
  for (const h of header) expect(h).not.toMatch(/^[a-z]+(_[a-z]+)+$/);
  return { header, raw: body, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

async function workbookOf(url: string): Promise<ExcelJS.Worksheet> {
  const res = await web.get(url).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/\.xlsx"$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as never);
  return wb.worksheets[0];
}

/** The workbook holds the CSV's cells: money and ratios as numbers from their exact strings, text as text. */
async function expectSameCells(csvUrl: string, xlsxUrl: string) {
  const csv = await csvOf(csvUrl);
  const sheet = await workbookOf(xlsxUrl);
  expect(sheet.rowCount).toBe(csv.raw.length + 1);
  csv.header.forEach((h, i) => expect(sheet.getRow(1).getCell(i + 1).value).toBe(h));
  csv.raw.forEach((row, r) =>
    row.forEach((v, c) => {
      const cell = sheet.getRow(r + 2).getCell(c + 1).value;
      if (v === '') expect(cell).toBeNull();
      else if (typeof cell === 'number') expect(new Decimal(v).equals(new Decimal(String(cell)))).toBe(true);
      else expect(cell).toBe(v);
    }),
  );
  return csv;
}

/** The audit page's entries (each row holds a table of its changes, so rows are found by their ids). */
function auditEntries(html: string) {
  return html
    .split('id="entry-')
    .slice(1)
    .map((part) => {
      const cells = [...part.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => cellText(c[1]));
      return { iso: /datetime="([^"]+)"/.exec(part)![1], when: cells[0], who: cells[1], what: cells[3] };
    });
}

const gbp = (s: string) => formatGbp(new Decimal(s));
const codeIn = (s: string) => /\(([A-Z]+-\d+)\)/.exec(s)![1];

// ## Pages

describe('the project list (/projects.csv and .xlsx)', () => {
  const page = '/projects?directorate=CS&q=CS-10&sort=npv&dir=asc';

  it('downloads every row of the view with its search, filters and sort, as the page shows them', async () => {
    const html = (await web.get(page)).text;
    const url = linkOf(html, 'csv');
    expect(url).toBe('/projects.csv?directorate=CS&q=CS-10&sort=npv&dir=asc');
    const shown = tableRows(html, 'id="project-list"');
    const csv = await csvOf(url);
    expect(csv.rows.map((r) => r['Project code'])).toEqual(shown.map((r) => codeIn(r[0])));
    expect(csv.rows.map((r) => r['Project code'])).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => `CS-10${i}`));
    csv.rows.forEach((r, i) => {
      expect(shown[i][2]).toBe(gbp(r['Whole-life cost, forecast (£)']));
      expect(shown[i][3].startsWith(gbp(r['Forecast NPV (£)']))).toBe(true);
      expect(shown[i][4]).toBe(gbp(r['Contribution to the total NPV (£)']));
    });
    expect(csv.rows[0]['Whole-life cost, forecast (£)']).toBe('9000.50');
    expect(csv.header).toContain('Forecast NPV (£)');
  });

  it('follows the other direction, and the search, on the download as on the page', async () => {
    const desc = await csvOf('/projects.csv?directorate=CS&sort=npv&dir=desc');
    const npvs = desc.rows.map((r) => new Decimal(r['Forecast NPV (£)']));
    npvs.slice(1).forEach((n, i) => expect(n.lte(npvs[i])).toBe(true));
    expect(desc.rows).toHaveLength(11);
    expect((await csvOf('/projects.csv?q=finance')).rows.map((r) => r['Project code'])).toEqual(['RES-001']);
  });

  it('gives a workbook with the same cells, money as £ numbers', async () => {
    const html = (await web.get(page)).text;
    const csv = await expectSameCells(linkOf(html, 'csv'), linkOf(html, 'xlsx'));
    const sheet = await workbookOf(linkOf(html, 'xlsx'));
    const cost = sheet.getRow(2).getCell(csv.header.indexOf('Whole-life cost, forecast (£)') + 1);
    expect(cost.value).toBe(9000.5);
    expect(cost.numFmt).toBe('"£"#,##0.00');
    expect(sheet.getRow(2).getCell(1).value).toBe('CS-109');
  });
});

describe('the portfolio dashboard (/portfolio.csv and .xlsx)', () => {
  it('downloads the top and bottom tables as shown, with the filters', async () => {
    const html = (await web.get('/portfolio?directorate=CS&riskAdjusted=true')).text;
    const url = linkOf(html, 'csv', 'table=highlights');
    expect(url).toContain('directorate=CS');
    expect(url).toContain('riskAdjusted=true');
    const csv = await csvOf(url);
    const lists = ['Highest forecast NPV', 'Lowest forecast NPV', 'Highest benefits realisation'];
    ['top-npv', 'bottom-npv', 'top-realisation', 'bottom-realisation'].forEach((id, n) => {
      const shown = tableRows(html, `id="chart-${id}"`);
      const rows = csv.rows.filter((r) => r.Table === (lists[n] ?? 'Lowest benefits realisation'));
      expect(rows.map((r) => r['Project code'])).toEqual(shown.map((r) => codeIn(r[0])));
      rows.forEach((r, i) => expect(shown[i][2]).toBe(gbp(r['Contribution to the total NPV (£)'])));
    });
    expect(csv.rows.every((r) => r['Project code'].startsWith('CS-'))).toBe(true);
    await expectSameCells(url, linkOf(html, 'xlsx', 'table=highlights'));
  });

  it('downloads the forecast by directorate as the chart table shows it', async () => {
    const html = (await web.get('/portfolio?status=live')).text;
    const shown = tableRows(html, 'id="chart-npv-table-caption"');
    const csv = await csvOf(linkOf(html, 'csv', 'table=directorates'));
    expect(linkOf(html, 'csv', 'table=directorates')).toContain('status=live');
    expect(csv.rows.map((r) => r.Directorate)).toEqual(shown.map((r) => r[0]));
    csv.rows.forEach((r, i) => {
      expect(shown[i][1]).toBe(r.Projects);
      expect(shown[i][4]).toBe(gbp(r['Forecast NPV (£)']));
    });
    // Only RES-001 is live: the filter applies.
    expect(csv.rows.map((r) => r['Directorate code'])).toEqual(['RES']);
  });

  it("downloads the whole portfolio's directorates from the home page as /portfolio does", async () => {
    const html = (await web.get('/')).text;
    const shown = tableRows(html, '<h2 class="govuk-heading-m">Directorates</h2>');
    const csv = await csvOf(linkOf(html, 'csv', 'table=totals'));
    expect(csv.rows.map((r) => r.Directorate)).toEqual(shown.map((r) => r[0]));
    csv.rows.forEach((r, i) => {
      expect(shown[i][1]).toBe(r.Projects);
      expect(shown[i][2]).toBe(gbp(r['Planned cost (£)']));
      expect(shown[i][5]).toBe(gbp(r['Realised benefits (£)']));
    });
    expect(csv.rows[csv.rows.length - 1].Directorate).toBe('Whole portfolio');
  });

  it('answers 404 for a table the page has not got', async () => {
    expect((await web.get('/portfolio.csv?table=secrets')).status).toBe(404);
  });
});

describe('a directorate page (/directorates/:code.csv and .xlsx)', () => {
  it('downloads the whole ranking in the order asked for, which the page starts', async () => {
    const html = (await web.get('/directorates/CS?sort=bcr&dir=asc')).text;
    const url = linkOf(html, 'csv', 'table=ranking');
    expect(url).toMatch(/^\/directorates\/CS\.csv\?.*sort=bcr&dir=asc/);
    const shown = tableRows(html, 'app-ranking');
    const csv = await csvOf(url);
    expect(shown).toHaveLength(10);
    expect(csv.rows).toHaveLength(11);
    expect(csv.rows.slice(0, 10).map((r) => r['Project code'])).toEqual(shown.map((r) => codeIn(r[1])));
    expect(csv.rows.map((r) => r.Rank)).toEqual(csv.rows.map((_, i) => String(i + 1)));
    csv.rows.slice(0, 10).forEach((r, i) => expect(shown[i][3].startsWith(gbp(r['Forecast NPV (£)']))).toBe(true));
    expect(html).toContain('all 11 projects, in this order');
    await expectSameCells(url, linkOf(html, 'xlsx', 'table=ranking'));
  });

  it("downloads the directorate's projects table", async () => {
    const html = (await web.get('/directorates/RES')).text;
    const csv = await csvOf(linkOf(html, 'csv', 'table=projects'));
    const shown = tableRows(html, 'Undiscounted totals, all years');
    expect(csv.rows.map((r) => r.Project)).toEqual(shown.map((r) => (r.length === 6 ? r[0].split(' (')[0] : 'Total')));
    expect(csv.rows[0]['Actual cost (£)']).toBe('60000.00');
    expect(shown[0][3]).toBe('£60,000.00');
  });

  it('answers 404 for a directorate that does not exist, as the page does', async () => {
    expect((await web.get('/directorates/NOPE')).status).toBe(404);
    expect((await web.get('/directorates/NOPE.csv?table=ranking')).status).toBe(404);
  });
});

describe('the audit trail (/audit/entries.csv and .xlsx)', () => {
  it('downloads the entries the page shows, with its filters', async () => {
    const html = (await web.get('/audit?entity=benefit')).text;
    const url = linkOf(html, 'csv', '/audit/entries');
    expect(url).toBe('/audit/entries.csv?entity=benefit');
    const shown = auditEntries(html);
    const csv = await csvOf(url);
    expect(csv.rows).toHaveLength(shown.length);
    expect(shown.length).toBeGreaterThan(5);
    csv.rows.forEach((r, i) => {
      expect(shown[i].when).toBe(r['When (UK time)']);
      expect(shown[i].who).toBe(r.Who);
      expect(shown[i].what).toContain(`${r.Record} ${r['Record id']}`);
      expect(r.Record).toBe('Benefit');
    });
    await expectSameCells(url, linkOf(html, 'xlsx', '/audit/entries'));
  });

  it('starts from the page chosen and goes on to every older entry, saying how many it holds at most', async () => {
    const newest = (await web.get('/audit')).text;
    const older = decode(/href="(\/audit\?before=\d+)"/.exec(newest)![1]);
    const html = (await web.get(older)).text;
    const url = linkOf(html, 'csv', '/audit/entries');
    expect(url).toBe(`/audit/entries.csv?${older.split('?')[1]}`);
    expect(html).toContain('this page and every older one that matches, newest first, up to 10,000');
    const shown = auditEntries(html);
    const csv = await csvOf(url);
    const all = await csvOf('/audit/entries.csv');
    expect(csv.rows.slice(0, shown.length).map((r) => r['Timestamp (UTC)'])).toEqual(shown.map((e) => e.iso));
    // Everything but the newest page: the download goes on past the page shown.
    expect(all.rows.length - csv.rows.length).toBe(50);
    expect(csv.rows.length).toBeGreaterThanOrEqual(shown.length);
  });

  it('is refused to roles that may not read the audit trail, as the page is', async () => {
    for (const role of ['finance', 'project_manager'] as const) {
      const other = await webClient(t.app, t.db, role);
      expect((await other.get('/audit')).status).toBe(403);
      expect((await other.get('/audit/entries.csv')).status).toBe(403);
      expect((await other.get('/audit/entries.xlsx')).status).toBe(403);
    }
  });
});

describe('the priorities page and the cashable savings report', () => {
  it('downloads the priorities table', async () => {
    const html = (await web.get('/priorities')).text;
    const shown = tableRows(html, 'id="priorities"');
    const csv = await csvOf(linkOf(html, 'csv', '/priorities'));
    expect(csv.rows.map((r) => r.Priority)).toEqual(
      shown.map((r) => (r[0].split(' ')[0] === 'Efficient' ? 'Efficient council' : 'No priority recorded')),
    );
    csv.rows.forEach((r, i) => {
      expect(shown[i][1]).toBe(gbp(r['Whole-life cost, forecast (£)']));
      expect(shown[i][3]).toBe(gbp(r['Forecast NPV (£)']));
    });
    await expectSameCells(linkOf(html, 'csv', '/priorities'), linkOf(html, 'xlsx', '/priorities'));
  });

  it('downloads the cashable savings by year for the directorate chosen, and by directorate', async () => {
    const html = (await web.get('/reports/cashable-savings?directorate=RES')).text;
    const url = linkOf(html, 'csv', 'table=years');
    expect(url).toContain('directorate=RES');
    const shown = tableRows(html, 'Cashable benefits and savings taken from budgets by financial year');
    const csv = await csvOf(url);
    expect(csv.rows.map((r) => r.Year)).toEqual(shown.map((r) => r[0].replace(' (not yet due)', '')));
    csv.rows.forEach((r, i) => expect(shown[i][2]).toBe(gbp(r['Cashable realised (£)'])));
    expect(csv.rows.find((r) => r.Year === '2025/26')!['Cashable realised (£)']).toBe('80000.00');
    const all = (await web.get('/reports/cashable-savings')).text;
    const byDirectorate = await csvOf(linkOf(all, 'csv', 'table=directorates'));
    const shownBy = tableRows(all, 'Years up to and including');
    expect(byDirectorate.rows.map((r) => r.Directorate)).toEqual(shownBy.map((r) => r[0]));
  });
});

describe('the reviews list (/reviews.csv and .xlsx)', () => {
  it('downloads the reviews the page lists, in its order', async () => {
    const html = (await web.get('/reviews')).text;
    const shown = tableRows(html, 'Reviews by due date');
    const csv = await csvOf(linkOf(html, 'csv', '/reviews'));
    expect(shown.length).toBeGreaterThan(0);
    expect(csv.rows.map((r) => `${r.Project} (${r['Project code']}) ${r.Review}`)).toEqual(
      shown.map((r) => `${r[0]} ${r[1]}`),
    );
    await expectSameCells(linkOf(html, 'csv', '/reviews'), linkOf(html, 'xlsx', '/reviews'));
  });
});

describe('the users list (/users.csv and .xlsx)', () => {
  it('downloads the users the page lists, to administrators only, as the page', async () => {
    const html = (await web.get('/users')).text;
    const shown = tableRows(html, '<caption class="govuk-table__caption govuk-visually-hidden">Users</caption>');
    const csv = await csvOf(linkOf(html, 'csv', '/users'));
    expect(csv.rows.map((r) => [r.Name, r.Email, r.Role])).toEqual(shown.map((r) => r.slice(0, 3)));
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    expect((await scrutiny.get('/users')).status).toBe(403);
    expect((await scrutiny.get('/users.csv')).status).toBe(403);
    expect((await scrutiny.get('/users.xlsx')).status).toBe(403);
  });
});

describe('the published editions (/reports/editions.csv and .xlsx)', () => {
  it('downloads the editions the page lists, for any role', async () => {
    const published = await web.post('/reports/editions').type('form').send({ _csrf: web.csrf });
    expect(published.status).toBe(303);
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    const html = (await scrutiny.get('/reports/editions')).text;
    const shown = tableRows(html, 'id="editions"');
    const csv = await csvOf(linkOf(html, 'csv', '/reports/editions'), scrutiny);
    expect(csv.rows.map((r) => `${r.Edition}: ${r.Title}`)).toEqual(shown.map((r) => r[0]));
    expect(csv.rows.map((r) => `${r.Committee}, ${r.Meeting}`)).toEqual(shown.map((r) => r[1]));
  });
});

describe('odd queries', () => {
  it('answer a download, a redirect to the page or a 404, never an error', async () => {
    const cases: [string, number][] = [
      ['/projects.csv?sort[]=npv&dir=sideways&q[]=a&directorate=ZZZ', 200],
      ['/projects.xlsx?status=nonsense&page=-1', 200],
      ['/portfolio.csv?table=highlights&table=totals', 404],
      ['/portfolio.xlsx?table=highlights&asAt=yesterday&from=1066/67&directorate=ZZZ', 200],
      ['/directorates/CS.csv?table=ranking&sort=cost&dir=up&asAt=2026-02-30', 200],
      ['/audit/entries.csv?project=NOPE-1', 303],
      ['/audit/entries.xlsx?before=abc&from=2026-13-01', 303],
      ['/reports/cashable-savings.csv?directorate=ZZ&status=x&table=years', 200],
      ['/reviews.csv?overdue[]=true', 200],
    ];
    for (const [url, status] of cases) expect([url, (await web.get(url)).status]).toEqual([url, status]);
  });
});

describe('who may download', () => {
  it('gives a project manager the portfolio download the portfolio page gives them', async () => {
    const pm = await webClient(t.app, t.db, 'project_manager');
    const html = (await pm.get('/portfolio?directorate=RES')).text;
    const csv = await csvOf(linkOf(html, 'csv', 'table=highlights'), pm);
    expect(csv.rows.map((r) => r['Project code'])).toEqual(['RES-001']);
  });
});
