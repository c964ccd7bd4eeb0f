import request from 'supertest';
import { appForTests } from '../helpers/test-app';
import { makeUser, signInAs, webClient } from '../helpers/clients';
import { aBenefit, aCostLine, aDirectorate, aProject } from '../helpers/builders';
import { deleteProject } from '../../server/domain/projects';
import * as auditRepo from '../../server/repositories/audit-log';

const { t, web: admin } = appForTests({ web: 'admin' });

/** Two directorates with a project each; CS-001 has a planned cost of £1,234.50 and a benefit. */
async function twoProjects() {
  await aDirectorate(t.ctx);
  await aProject(t.ctx);
  await aCostLine(t.ctx, 'CS-001', { amount: '1234.50' });
  await aBenefit(t.ctx, 'CS-001');
  await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' });
  await aProject(t.ctx, { code: 'RES-001', directorateCode: 'RES', name: 'Finance system' });
}

/** The summaries listed on a page, in order. */
function summaries(html: string): string[] {
  return [...html.matchAll(/<br>([^<\n]+)\n/g)].map((m) => m[1].trim());
}

/** Test fixtures only: sets when a row happened, since rows always record the real time. */
async function setOccurredAt(summary: string, iso: string) {
  const n = await t.db('audit_log').where({ summary }).update({ occurred_at: iso });
  expect(n).toBe(1);
}

describe('GET /audit', () => {
  it('lists every change newest first with who, when (UK time), what and the values before and after', async () => {
    await twoProjects();
    await setOccurredAt('Project CS-001 created', '2026-11-27T14:05:00.000Z');
    const res = await admin.get('/audit');
    expect(res.status).toBe(200);
    const listed = summaries(res.text);
    expect(listed.slice(0, 3)).toEqual([
      'Project RES-001 created',
      'Directorate RES created',
      'Benefit B1 added to CS-001',
    ]);
    expect(listed).toContain('Planned cost £1,234.50 in 2024/25 added on CS-001');
    expect(res.text).toContain('27 Nov 2026, 14:05');
    expect(res.text).toContain('test builder');
    expect(res.text).toContain('Cost line');
    expect(res.text).toMatch(/Amount<\/th>\s*<td class="govuk-table__cell">1234.50<\/td>/);
    expect(res.text).toContain('<details class="govuk-details');
  });

  it('shows summer entries in British Summer Time', async () => {
    await aDirectorate(t.ctx);
    await setOccurredAt('Directorate CS created', '2026-07-01T08:30:00.000Z');
    expect((await admin.get('/audit')).text).toContain('1 Jul 2026, 09:30');
  });

  it('escapes values typed by users in the before/after details', async () => {
    await aDirectorate(t.ctx, { name: '<script>alert(1)</script>' });
    const res = await admin.get('/audit');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('marks the fields an update changed', async () => {
    await aDirectorate(t.ctx);
    await admin
      .post('/directorates/CS/edit')
      .type('form')
      .send({ code: 'CS', name: 'Children and Families', version: '1' });
    const res = await admin.get('/audit?entity=directorate');
    expect(res.text).toMatch(
      /Name <strong class="govuk-tag govuk-tag--yellow">Changed<\/strong><\/th>\s*<td class="govuk-table__cell">Children&#39;s Services<\/td>\s*<td class="govuk-table__cell">Children and Families<\/td>/,
    );
  });

  it('says when nothing matches the filters', async () => {
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    // Only the user accounts exist so far: no directorate has been recorded.
    const res = await scrutiny.get('/audit?entity=directorate');
    expect(res.status).toBe(200);
    expect(res.text).toContain('No entries match these filters');
  });
});

describe('GET /audit filters', () => {
  it('narrows to one project, including its costs and benefits', async () => {
    await twoProjects();
    const res = await admin.get('/audit?project=cs-001');
    expect(summaries(res.text)).toEqual([
      'Benefit B1 added to CS-001',
      'Planned cost £1,234.50 in 2024/25 added on CS-001',
      'Project CS-001 created',
    ]);
    expect(res.text).toContain('value="CS-001"');
  });

  it('keeps a deleted project searchable by its code, showing its id', async () => {
    await twoProjects();
    await deleteProject(t.ctx, 'RES-001');
    const res = await admin.get('/audit?project=RES-001');
    expect(summaries(res.text)).toEqual([
      'Project RES-001 deleted with its costs, benefits and realisations',
      'Project RES-001 created',
    ]);
    expect(res.text).toMatch(/deleted project, id \d+/);
  });

  it('narrows to one user', async () => {
    await twoProjects();
    await admin.post('/directorates').type('form').send({ code: 'AH', name: 'Adults and Health' });
    const res = await admin.get(`/audit?user=${admin.userId}`);
    expect(summaries(res.text)).toEqual(['Directorate AH created']);
    expect(res.text).toMatch(new RegExp(`<option value="${admin.userId}" selected>`));
  });

  it('narrows to one kind of record', async () => {
    await twoProjects();
    const res = await admin.get('/audit?entity=directorate');
    expect(summaries(res.text)).toEqual(['Directorate RES created', 'Directorate CS created']);
  });

  it('narrows to a date range of whole UK days, inclusive at both ends', async () => {
    await twoProjects();
    await t.db('audit_log').update({ occurred_at: '2020-01-01T12:00:00.000Z' });
    await setOccurredAt('Directorate CS created', '2026-05-31T22:59:59.000Z'); // 31 May, 23:59 BST
    await setOccurredAt('Project CS-001 created', '2026-05-31T23:30:00.000Z'); // 1 June, 00:30 BST
    await setOccurredAt('Directorate RES created', '2026-06-30T22:30:00.000Z'); // 30 June, 23:30 BST
    await setOccurredAt('Project RES-001 created', '2026-06-30T23:00:00.000Z'); // 1 July, 00:00 BST
    const june = await admin.get('/audit?from=2026-06-01&to=2026-06-30');
    expect(summaries(june.text)).toEqual(['Directorate RES created', 'Project CS-001 created']);
    const may = await admin.get('/audit?to=2026-05-31&entity=directorate');
    expect(summaries(may.text)).toEqual(['Directorate CS created']);
    const lastDay = await admin.get('/audit?from=2026-06-30&to=2026-06-30');
    expect(summaries(lastDay.text)).toEqual(['Directorate RES created']);
    const july = await admin.get('/audit?from=2026-07-01');
    expect(summaries(july.text)).toEqual(['Project RES-001 created']);
  });

  it('explains a bad date beside the field, keeping what was typed, rather than failing', async () => {
    await twoProjects();
    const res = await admin.get('/audit?from=2026-02-30&to=yesterday');
    expect(res.status).toBe(200);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('Enter the start date as a real date');
    expect(res.text).toContain('Enter the end date as a real date');
    expect(res.text).toContain('value="2026-02-30"');
    expect(summaries(res.text)).toEqual([]);
  });

  it('refuses an end date before the start date', async () => {
    const res = await admin.get('/audit?from=2026-06-02&to=2026-06-01');
    expect(res.text).toContain('The end date must be the same as or after the start date');
  });

  it('explains an unknown project code beside the field', async () => {
    await twoProjects();
    const res = await admin.get('/audit?project=NOPE-1');
    expect(res.status).toBe(200);
    expect(res.text).toContain('There is no project with code NOPE-1');
  });
});

describe('GET /audit paging', () => {
  it('shows 50 entries a page with a link to older ones that keeps the filters', async () => {
    for (let i = 1; i <= 60; i += 1) {
      await auditRepo.record(t.db, {
        actorId: null,
        actorLabel: 'seed',
        action: 'created',
        entityType: 'directorate',
        entityId: `D${i}`,
        projectId: null,
        summary: `Entry ${String(i).padStart(3, '0')}`,
      });
    }
    const first = await admin.get('/audit?entity=directorate');
    const page1 = summaries(first.text);
    expect(page1).toHaveLength(50);
    expect(page1[0]).toBe('Entry 060');
    expect(page1[49]).toBe('Entry 011');
    const older = /href="(\/audit\?entity=directorate&amp;before=\d+)" rel="next">/.exec(first.text);
    expect(older).not.toBeNull();
    const second = await admin.get(older![1].replace(/&amp;/g, '&'));
    expect(summaries(second.text)).toEqual([
      'Entry 010',
      'Entry 009',
      'Entry 008',
      'Entry 007',
      'Entry 006',
      'Entry 005',
      'Entry 004',
      'Entry 003',
      'Entry 002',
      'Entry 001',
    ]);
    expect(second.text).not.toContain('Older entries</span>');
    expect(second.text).toContain('Newest entries');
  });
});

describe('GET /audit.csv', () => {
  it('downloads every matching row as RFC 4180 CSV with exact money strings', async () => {
    await twoProjects();
    const res = await admin.get('/audit.csv?project=CS-001');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="realise-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    // The one CSV writer starts every download with a byte-order mark, so Excel reads £ as £.
    expect(res.text.startsWith('\ufeff')).toBe(true);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'id,occurred_at,actor,action,entity_type,entity_id,project_code,summary,before,after,request_id',
    );
    expect(lines).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
    expect(lines[4]).toBe('');
    const cost = lines.find((l) => l.includes(',cost_line,'))!;
    // The builder's old category "capital" is stored as issue 19 maps it: category other, capital funding.
    expect(cost).toMatch(
      /^\d+,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z,test builder,created,cost_line,\d+,CS-001,"Planned cost £1,234\.50 in 2024\/25 added on CS-001",,"\{""year"":""2024\/25"",""kind"":""planned"",""category"":""other"",""funding"":""capital"",""recurrence"":null,""amount"":""1234\.50"",.*\}",$/,
    );
    expect(lines.find((l) => l.includes(',benefit,'))).toContain(
      '""profile"":[{""year"":""2025/26"",""amount"":""40000.00""}]',
    );
  });

  it('shows a deleted project by its id', async () => {
    await twoProjects();
    const id = (await t.db('projects').where({ code: 'RES-001' }).first()).id;
    await deleteProject(t.ctx, 'RES-001');
    const res = await admin.get('/audit.csv?entity=project');
    const rows = res.text.split('\r\n').filter((l) => l.includes('RES-001'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain(`,project,RES-001,${id},`);
  });

  it('neutralises spreadsheet formulas that users typed, and quotes them properly', async () => {
    await aDirectorate(t.ctx);
    await aProject(t.ctx, { name: '=HYPERLINK("x")' });
    const user = await makeUser(t.db, 'admin', { name: '=HYPERLINK("x")', email: 'formula@council.example' });
    const attacker = await signInAs(t.app, user.email);
    await attacker.post('/directorates').type('form').send({ code: 'AH', name: '@SUM(1)' });
    const res = await admin.get('/audit.csv');
    // The actor cell starts with the user's name: it must not reach a spreadsheet as a formula.
    expect(res.text).toContain(
      `,"'=HYPERLINK(""x"") <formula@council.example>",created,directorate,AH,,Directorate AH created,,"{""code"":""AH"",""name"":""@SUM(1)""}",`,
    );
    // The project's name sits inside its JSON snapshot, which starts with "{" and is quoted whole.
    expect(res.text).toContain('""name"":""=HYPERLINK(\\""x\\"")""');
    expect(res.text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('keeps the filters, and sends a bad filter back to the page to explain it', async () => {
    await twoProjects();
    const res = await admin.get('/audit.csv?entity=directorate');
    expect(res.text.split('\r\n').filter((l) => l !== '')).toHaveLength(3);
    const bad = await admin.get('/audit.csv?from=2026-02-30');
    expect(bad.status).toBe(303);
    expect(bad.headers.location).toBe('/audit?from=2026-02-30');
    const unknown = await admin.get('/audit.csv?project=nope-1');
    expect(unknown.status).toBe(303);
    expect(unknown.headers.location).toBe('/audit?project=NOPE-1');
    expect(unknown.headers['content-disposition']).toBeUndefined();
  });

  it('links to the download from the page with the same filters', async () => {
    await twoProjects();
    const res = await admin.get('/audit?project=CS-001&entity=cost_line');
    expect(res.text).toContain('href="/audit.csv?project=CS-001&amp;entity=cost_line"');
  });
});

describe('who may read the audit trail', () => {
  it.each(['finance', 'project_manager'] as const)('refuses %s', async (role) => {
    const client = await webClient(t.app, t.db, role);
    expect((await client.get('/audit')).status).toBe(403);
    expect((await client.get('/audit.csv')).status).toBe(403);
  });

  it.each(['admin', 'scrutiny'] as const)('lets %s read the page and the download', async (role) => {
    const client = await webClient(t.app, t.db, role);
    expect((await client.get('/audit')).status).toBe(200);
    expect((await client.get('/audit.csv')).status).toBe(200);
  });

  it('sends people who are not signed in to sign in', async () => {
    const res = await request(t.app).get('/audit');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Faudit');
  });
});

describe('audit rows cannot be changed', () => {
  it('has no route that edits or deletes them', async () => {
    await twoProjects();
    const before = await t.db('audit_log').select('*').orderBy('id');
    const id = before[0].id;
    expect((await admin.post('/audit').type('form').send({})).status).toBe(404);
    expect((await admin.agent.delete('/audit').set('x-csrf-token', admin.csrf)).status).toBe(404);
    expect((await admin.post(`/audit/${id}`).type('form').send({ summary: 'changed' })).status).toBe(404);
    expect((await admin.post(`/audit/${id}/delete`).type('form').send({})).status).toBe(404);
    expect((await admin.agent.delete(`/audit/${id}`).set('x-csrf-token', admin.csrf)).status).toBe(404);
    expect((await admin.agent.put(`/audit/${id}`).set('x-csrf-token', admin.csrf)).status).toBe(404);
    expect(await t.db('audit_log').select('*').orderBy('id')).toEqual(before);
  });
});
