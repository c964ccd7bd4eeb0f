/**
 * Issue 14, friction 3: the import preview page. Post, redirect, get: the upload's CSRF token
 * travels in the multipart body, never the URL; the preview is kept under an unguessable id tied
 * to its user, shown again on a refresh without planning the file again, and committed by that id.
 * It lists the lines to add, update and leave unchanged (the first 50 of each) with £ totals by
 * year, shows each problem's value as typed, and offers no Commit when nothing would change.
 */
import { appForTests, countRows } from '../helpers/test-app';
import { csrfFrom, webClient, type WebClient } from '../helpers/clients';
import { aBenefit, aCostLine, aProjectWithDirectorate } from '../helpers/builders';

const { t, web } = appForTests({ web: 'finance', seed: (app) => aProjectWithDirectorate(app.ctx) });

const HEADER = 'project_code,year,kind,category,amount,description,reference';
const csv = (...lines: string[]) => Buffer.from(`${[HEADER, ...lines].join('\n')}\n`);

/** Sends a file as the upload form does: multipart, the token as a form field. */
function upload(client: WebClient, body: Buffer, name = 'ledger.csv') {
  return client.agent.post('/imports/costs/preview').field('_csrf', client.csrf).attach('file', body, name);
}

/** The cells of each row of the table with this id. */
function table(html: string, id: string): string[][] {
  const body = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?<tbody[^>]*>([\\s\\S]*?)</tbody>`).exec(html)?.[1];
  if (body === undefined) throw new Error(`No table ${id} on the page`);
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
      c[1]
        .replace(/<[^>]+>/g, '')
        .replace(/&#39;/g, "'")
        .trim(),
    ),
  );
}

const previewPath = /^\/imports\/previews\/[0-9a-f]{48}$/;

describe('POST /imports/:kind/preview, then GET /imports/previews/:id', () => {
  it('redirects to a preview whose URL holds no token, listing the lines to add, update and leave unchanged with £ totals by year', async () => {
    await aCostLine(t.ctx, 'CS-001', {
      year: '2024/25',
      kind: 'planned',
      category: 'capital',
      amount: '100.00',
      reference: 'U1',
    });
    await aCostLine(t.ctx, 'CS-001', {
      year: '2025/26',
      kind: 'actual',
      category: 'staff',
      amount: '50.00',
      reference: 'S1',
    });
    const sent = await upload(
      web,
      csv(
        'CS-001,2024/25,planned,capital,"1,250.00",Servers,N1',
        'CS-001,2024/25,planned,capital,0.50,Cables,N2',
        'CS-001,2025/26,actual,licences,300,,N3',
        'CS-001,2025/26,actual,staff,75.25,,S1',
        'CS-001,2024/25,planned,capital,100.00,,U1',
      ),
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toMatch(previewPath);
    expect(sent.headers.location).not.toContain('csrf');
    expect(await countRows(t.db, 'cost_lines')).toBe(2);

    const res = await web.get(sent.headers.location);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Lines to add (3)');
    expect(table(res.text, 'rows-add-table')).toEqual([
      ['2', 'CS-001', '2024/25', 'Planned', 'Capital', 'Other', 'N1', '£1,250.00'],
      ['3', 'CS-001', '2024/25', 'Planned', 'Capital', 'Other', 'N2', '£0.50'],
      ['4', 'CS-001', '2025/26', 'Actual', 'Revenue', 'Licences', 'N3', '£300.00'],
    ]);
    expect(table(res.text, 'rows-add-table-totals')).toEqual([
      ['2024/25', 'Planned costs', '2', '£1,250.50'],
      ['2025/26', 'Actual costs', '1', '£300.00'],
    ]);
    expect(table(res.text, 'rows-update-table')).toEqual([
      ['5', 'CS-001', '2025/26', 'Actual', 'Revenue', 'Staff', 'S1', '£50.00', '£75.25'],
    ]);
    expect(table(res.text, 'rows-update-table-totals')).toEqual([
      ['2025/26', 'Actual costs', '1', '£50.00', '£75.25', '+£25.25'],
    ]);
    expect(table(res.text, 'rows-unchanged-table')).toEqual([
      ['6', 'CS-001', '2024/25', 'Planned', 'Capital', 'Other', 'U1', '£100.00'],
    ]);
    // Plain words for the checksum.
    expect(res.text).not.toContain('SHA-256');
    expect(res.text).toContain('File fingerprint');
    expect(res.text).toContain('Commit import');
    expect(res.text).toContain('src="/public/js/busy-forms.js"');
  });

  it('lists the first 50 lines of each kind, with totals over all of them', async () => {
    const lines = Array.from(
      { length: 60 },
      (_, i) => `CS-001,${i % 2 ? '2025/26' : '2024/25'},planned,capital,1.01,,R${i}`,
    );
    const res = await web.get((await upload(web, csv(...lines))).headers.location);
    expect(res.text).toContain('Lines to add (60)');
    expect(res.text).toContain('Showing the first 50 of 60 lines');
    expect(table(res.text, 'rows-add-table')).toHaveLength(50);
    expect(table(res.text, 'rows-add-table-totals')).toEqual([
      ['2024/25', 'Planned costs', '30', '£30.30'],
      ['2025/26', 'Planned costs', '30', '£30.30'],
    ]);
  });

  it('shows the preview again on a refresh without planning the file again, and commits it by its id', async () => {
    const sent = await upload(web, csv('CS-001,2024/25,planned,capital,10,,A'));
    const first = await web.get(sent.headers.location);
    // Someone saves the same line meanwhile: a fresh plan would call it unchanged.
    await aCostLine(t.ctx, 'CS-001', {
      year: '2024/25',
      kind: 'planned',
      category: 'capital',
      amount: '10.00',
      reference: 'A',
    });
    const again = await web.get(sent.headers.location);
    expect(again.status).toBe(200);
    expect(again.text).toContain('Lines to add (1)');
    expect(again.text).toMatch(/id="rows-add">1</);
    expect(table(again.text, 'rows-add-table')).toEqual(table(first.text, 'rows-add-table'));
    expect(await countRows(t.db, 'import_uploads')).toBe(1);
    // The commit plans again, inside its transaction, against what is saved now: all or nothing.
    const id = sent.headers.location.split('/').pop();
    expect(again.text).toContain(`name="upload" value="${id}"`);
    const commit = await web.agent
      .post('/imports/costs/commit')
      .type('form')
      .send({
        upload: id,
        checksum: /name="checksum" value="([0-9a-f]+)"/.exec(again.text)![1],
        _csrf: csrfFrom(again.text),
      });
    expect(commit.status).toBe(303);
    expect(await countRows(t.db, 'cost_lines')).toBe(1);
    expect(await countRows(t.db, 'import_uploads')).toBe(0);
    // Once committed, the preview is gone.
    const after = await web.get(sent.headers.location);
    expect(after.status).toBe(404);
    expect(after.text).toContain('Upload the file again to check it');
  });

  it('shows a preview only to the user who uploaded it, and not once it has expired', async () => {
    const sent = await upload(web, csv('CS-001,2024/25,planned,capital,10,,A'));
    const other = await webClient(t.app, t.db, 'finance');
    expect((await other.get(sent.headers.location)).status).toBe(404);
    expect((await web.get('/imports/previews/not-an-id')).status).toBe(404);
    await t.db('import_uploads').update({ created_at: new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString() });
    expect((await web.get(sent.headers.location)).status).toBe(404);
  });

  it('offers no Commit when the file would change nothing, and refuses a commit of that preview', async () => {
    await aCostLine(t.ctx, 'CS-001', {
      year: '2024/25',
      kind: 'planned',
      category: 'capital',
      amount: '10.00',
      reference: 'A',
      description: 'Kit',
    });
    const sent = await upload(web, csv('CS-001,2024/25,planned,capital,10,Kit,A'));
    const res = await web.get(sent.headers.location);
    expect(res.status).toBe(200);
    expect(res.text).toContain('There is nothing to import');
    expect(res.text).toContain('Lines unchanged (1)');
    expect(res.text).not.toContain('Commit import');
    expect(res.text).not.toContain('name="upload"');
    const id = sent.headers.location.split('/').pop();
    const kept = await t.db('import_uploads').where({ id }).first();
    expect(Buffer.from(kept.content).length).toBe(0);
    const forced = await web.post('/imports/costs/commit').type('form').send({ upload: id, checksum: kept.checksum });
    expect(forced.status).toBe(409);
    expect(await countRows(t.db, 'import_batches')).toBe(0);
  });

  it('shows each problem with the value as typed', async () => {
    const res = await web.get(
      (await upload(web, csv('CS-001,2024/25,planned,stafff,10,,A', 'CS-001,2024/25,planned,capital,,,B'))).headers
        .location,
    );
    expect(res.text).toContain('There are 2 problems with the file');
    const problems = table(res.text, 'problems');
    expect(problems[0]).toEqual(['2', 'category', 'stafff', expect.stringContaining('Enter the category as one of')]);
    expect(problems[1]).toEqual(['3', 'amount', '(blank)', 'Enter an amount']);
    expect(res.text).not.toContain('Commit import');
  });

  it('lists benefit profile lines by benefit and year, with expected totals', async () => {
    await aBenefit(t.ctx, 'CS-001', { ref: 'B1', profile: [{ year: '2025/26', amount: '40000.00' }] });
    const lines = [
      'project_code,benefit_ref,title,type,year,expected_amount',
      'CS-001,B1,Staff time saved,cashable,2025/26,45000',
      'CS-001,B2,Fewer licences,cashable,2025/26,1000.10',
      'CS-001,B2,Fewer licences,cashable,2026/27,2000',
    ];
    const sent = await web.agent
      .post('/imports/profiles/preview')
      .field('_csrf', web.csrf)
      .attach('file', Buffer.from(`${lines.join('\n')}\n`), 'profiles.csv');
    const res = await web.get(sent.headers.location);
    expect(table(res.text, 'rows-add-table')).toEqual([
      ['3', 'CS-001', '2025/26', 'B2', 'Fewer licences', '£1,000.10'],
      ['4', 'CS-001', '2026/27', 'B2', 'Fewer licences', '£2,000.00'],
    ]);
    expect(table(res.text, 'rows-update-table')).toEqual([
      ['2', 'CS-001', '2025/26', 'B1', 'Staff time saved', '£40,000.00', '£45,000.00'],
    ]);
    expect(table(res.text, 'rows-add-table-totals')).toEqual([
      ['2025/26', 'Expected benefits', '1', '£1,000.10'],
      ['2026/27', 'Expected benefits', '1', '£2,000.00'],
    ]);
  });

  it('lists realisation lines with their benefit, amount and measured value', async () => {
    await aBenefit(t.ctx, 'CS-001', { ref: 'B1' });
    const pm = await webClient(t.app, t.db, 'admin');
    const lines = ['project_code,benefit_ref,year,amount,value,evidence', 'CS-001,B1,2024/25,12.50,,Ledger'];
    const sent = await pm.agent
      .post('/imports/realisations/preview')
      .field('_csrf', pm.csrf)
      .attach('file', Buffer.from(`${lines.join('\n')}\n`), 'realised.csv');
    const res = await pm.get(sent.headers.location);
    expect(table(res.text, 'rows-add-table')).toEqual([['2', 'CS-001', '2024/25', 'B1', '—', '£12.50']]);
    expect(table(res.text, 'rows-add-table-totals')).toEqual([['2024/25', 'Realised benefits', '1', '£12.50']]);
  });
});
