import { appForTests, countRows } from '../helpers/test-app';
import { webClient } from '../helpers/clients';
import { aDirectorate, aProject } from '../helpers/builders';
import { MAX_ROWS } from '../../server/io/read-table';

const { t, api: finance } = appForTests({
  api: 'finance',
  per: 'file',
  seed: async (app) => {
    await aDirectorate(app.ctx);
    for (let p = 1; p <= 20; p++)
      await aProject(app.ctx, { code: `CS-${String(p).padStart(3, '0')}`, name: `Project ${p}` });
  },
});

const CATEGORIES = ['capital', 'revenue_one_off', 'revenue_recurring', 'staff', 'licences', 'hardware', 'services'];

/** n cost lines over 20 projects and 5 years, with £-and-comma amounts and quoted descriptions. */
function costFile(n: number): Buffer {
  const lines = ['project_code,year,kind,category,amount,description,reference'];
  for (let i = 0; i < n; i++) {
    const pence = 100 + ((i * 7919) % 999999999);
    const pounds = String(Math.floor(pence / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    lines.push(
      `CS-${String((i % 20) + 1).padStart(3, '0')},${2024 + (i % 5)}-${String((25 + (i % 5)) % 100).padStart(2, '0')},${i % 2 ? 'actual' : 'planned'},${CATEGORIES[i % 7]},"£${pounds}.${String(pence % 100).padStart(2, '0')}","Invoice ${i}, ledger",INV-${i}`,
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

describe('large files', () => {
  it('previews and commits a 100,000-line cost file, exact to the penny, then finds it all unchanged', async () => {
    const file = costFile(100_000);
    const preview = await finance.post('/api/v1/imports/costs?dryRun=true').set('Content-Type', 'text/csv').send(file);
    expect(preview.status).toBe(200);
    expect(preview.body.rows).toEqual({ add: 100_000, update: 0, unchanged: 0 });
    const commit = await finance.post('/api/v1/imports/costs').set('Content-Type', 'text/csv').send(file);
    expect(commit.status).toBe(201);
    expect(await countRows(t.db, 'cost_lines')).toBe(100_000);
    const expected = Array.from({ length: 100_000 }, (_, i) => 100 + ((i * 7919) % 999999999)).reduce(
      (a, b) => a + b,
      0,
    );
    const total = await t.db('cost_lines').select(t.db.raw('CAST(SUM(amount_pence) AS TEXT) AS total')).first();
    expect(total.total).toBe(String(expected));
    expect(await countRows(t.db, 'audit_log', { entity_type: 'import_batch' })).toBe(1);
    const again = await finance.post('/api/v1/imports/costs?dryRun=true').set('Content-Type', 'text/csv').send(file);
    expect(again.body.rows).toEqual({ add: 0, update: 0, unchanged: 100_000 });
  }, 120_000);

  it(`refuses a file of more than ${MAX_ROWS.toLocaleString('en-GB')} rows of data`, async () => {
    const lines = ['project_code,year,kind,category,amount'];
    for (let i = 0; i <= MAX_ROWS; i++) lines.push('CS-001,2024/25,planned,capital,1');
    const res = await finance
      .post('/api/v1/imports/costs?dryRun=true')
      .set('Content-Type', 'text/csv')
      .send(lines.join('\n'));
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { line: null, column: null, message: 'The file has more than 200,000 rows of data: split it into smaller files' },
    ]);
  }, 60_000);

  it('refuses a body over 20 MB with 413 JSON on the API', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x41);
    const raw = await finance.post('/api/v1/imports/costs').set('Content-Type', 'text/csv').send(big);
    expect(raw.status).toBe(413);
    expect(raw.body.error).toEqual({
      code: 'payload_too_large',
      message: 'The file is larger than 20 MB: split it into smaller files and import each one',
    });
    const multipart = await finance.post('/api/v1/imports/costs').attach('file', big, 'big.csv');
    expect(multipart.status).toBe(413);
    expect(multipart.body.error.code).toBe('payload_too_large');
  }, 60_000);

  it('refuses an upload over 20 MB with a friendly page', async () => {
    const web = await webClient(t.app, t.db, 'finance');
    const res = await web.agent
      .post('/imports/costs/preview')
      .field('_csrf', web.csrf)
      .attach('file', Buffer.alloc(20 * 1024 * 1024 + 10, 0x41), 'big.csv');
    expect(res.status).toBe(413);
    expect(res.text).toContain('The file is larger than 20 MB: split it into smaller files and import each one');
    expect(res.text).toContain('<h1 class="govuk-heading-l">There is a problem</h1>');
  }, 60_000);
});
