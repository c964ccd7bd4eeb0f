/**
 * The scheduled-backup settings: an admin page of their own, validated field by field, audited,
 * refused to everyone else, and read by the scheduler in main.ts.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { webClient, type WebClient } from '../helpers/clients';
import { getBackupSchedule, recordBackupOutcome } from '../../server/domain/settings';
import { testBackend } from '../helpers/test-db';

let t: TestApp;
let admin: WebClient;
beforeEach(async () => {
  t = await createTestApp();
  admin = await webClient(t.app, t.db, 'admin');
});
afterEach(async () => {
  await t.close();
});

const basedOn = (html: string) => /name="basedOn" value="([^"]*)"/.exec(html)![1];

describe('GET /settings/backups', () => {
  it('shows the defaults (off, 02:00, keep 14) and that no backup has been taken', async () => {
    const res = await admin.get('/settings/backups');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/id="f-backupSchedule-off" name="backupSchedule" type="radio" value="off" checked/);
    expect(res.text).toContain('name="backupHour" type="text" value="2"');
    expect(res.text).toContain('name="backupKeep" type="text" value="14"');
    expect(res.text).toContain('No scheduled backup has been taken yet.');
    expect(res.text).toContain('npm run backup -- --to FILE');
    if (testBackend() === 'pg') expect(res.text).toContain('This Realise runs on PostgreSQL');
    else expect(res.text).not.toContain('This Realise runs on PostgreSQL');
    // The organisation settings page links to it.
    expect((await admin.get('/settings')).text).toContain('href="/settings/backups"');
  });

  it('is for administrators only', async () => {
    for (const role of ['finance', 'project_manager', 'scrutiny'] as const) {
      const other = await webClient(t.app, t.db, role);
      expect((await other.get('/settings/backups')).status).toBe(403);
      const res = await other
        .post('/settings/backups')
        .type('form')
        .send({ backupSchedule: 'daily', backupHour: '3', backupKeep: '7' });
      expect(res.status).toBe(403);
    }
    expect(await getBackupSchedule({ db: t.db })).toEqual({ daily: false, hour: 2, keep: 14 });
  });
});

describe('POST /settings/backups', () => {
  it('saves a daily schedule, which the scheduler reads, and audits the change', async () => {
    const page = await admin.get('/settings/backups');
    const res = await admin
      .post('/settings/backups')
      .type('form')
      .send({ backupSchedule: 'daily', backupHour: ' 23 ', backupKeep: '30', basedOn: basedOn(page.text) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/settings/backups?notice=settings-updated');
    expect(await getBackupSchedule({ db: t.db })).toEqual({ daily: true, hour: 23, keep: 30 });

    const after = await admin.get('/settings/backups?notice=settings-updated');
    expect(after.text).toContain('Settings saved');
    expect(after.text).toMatch(/value="daily" checked/);
    expect(after.text).toContain('name="backupHour" type="text" value="23"');

    const audits = await t.db('audit_log').where({ entity_type: 'settings', entity_id: 'backups' });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: admin.userId, summary: 'Daily backups at 23:00, keeping the last 30' });
    expect(JSON.parse(audits[0].before_json)).toEqual({ daily: false, hour: 2, keep: 14 });
    expect(JSON.parse(audits[0].after_json)).toEqual({ daily: true, hour: 23, keep: 30 });
    // The financial settings are untouched: their own audit trail has nothing new.
    expect(await t.db('audit_log').where({ entity_type: 'settings', entity_id: 'organisation' })).toHaveLength(0);
  });

  it('names every bad field, keeps what was typed, and saves nothing', async () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [
        { backupHour: '', backupKeep: '' },
        {
          backupSchedule: 'Select whether to take a backup every day',
          backupHour: 'Enter the hour of the day to take the backup',
          backupKeep: 'Enter how many backups to keep',
        },
      ],
      [
        { backupSchedule: 'hourly', backupHour: '24', backupKeep: '0' },
        {
          backupSchedule: 'Select whether to take a backup every day',
          backupHour: 'Enter the hour as a whole number from 0 to 23, like 2 for 02:00',
          backupKeep: 'Enter how many backups to keep as a whole number from 1 to 366',
        },
      ],
      [
        { backupSchedule: 'daily', backupHour: '2.5', backupKeep: '1e3' },
        {
          backupHour: 'Enter the hour as a whole number from 0 to 23, like 2 for 02:00',
          backupKeep: 'Enter how many backups to keep as a whole number from 1 to 366',
        },
      ],
      [
        { backupSchedule: 'daily', backupHour: '-1', backupKeep: '367' },
        {
          backupHour: 'Enter the hour as a whole number from 0 to 23, like 2 for 02:00',
          backupKeep: 'Enter how many backups to keep as a whole number from 1 to 366',
        },
      ],
    ];
    for (const [body, messages] of cases) {
      const res = await admin.post('/settings/backups').type('form').send(body);
      expect(res.status).toBe(422);
      for (const message of Object.values(messages)) expect(res.text).toContain(message);
      expect(res.text.match(/govuk-error-message/g)?.length).toBe(Object.keys(messages).length);
      if (body.backupHour) expect(res.text).toContain(`name="backupHour" type="text" value="${body.backupHour}"`);
    }
    expect(await getBackupSchedule({ db: t.db })).toEqual({ daily: false, hour: 2, keep: 14 });
    expect(await t.db('audit_log').where({ entity_type: 'settings' })).toHaveLength(0);
  });

  it('refuses a save based on a page opened before someone else’s save (409), showing both', async () => {
    const stale = basedOn((await admin.get('/settings/backups')).text);
    const first = await admin
      .post('/settings/backups')
      .type('form')
      .send({ backupSchedule: 'daily', backupHour: '1', backupKeep: '7', basedOn: stale });
    expect(first.status).toBe(303);
    const second = await admin
      .post('/settings/backups')
      .type('form')
      .send({ backupSchedule: 'off', backupHour: '4', backupKeep: '9', basedOn: stale });
    expect(second.status).toBe(409);
    expect(second.text).toContain('On, at 01:00');
    expect(second.text).toContain('name="backupKeep" type="text" value="9"');
    expect(await getBackupSchedule({ db: t.db })).toEqual({ daily: true, hour: 1, keep: 7 });
  });

  it('shows the last scheduled backup the scheduler recorded', async () => {
    await recordBackupOutcome(t.ctx, {
      ok: true,
      at: '2026-03-14T02:00:07.000Z',
      file: '/srv/realise/data/backups/realise-2026-03-14.sqlite',
      bytes: 5 * 1024 * 1024,
      tables: 16,
      rows: 12345,
      message: 'Backed up and verified: 16 tables, 12345 rows, integrity ok',
    });
    const res = await admin.get('/settings/backups');
    expect(res.text).toContain('Verified');
    expect(res.text).toContain('2026-03-14 02:00 UTC');
    expect(res.text).toContain('realise-2026-03-14.sqlite</code> (5.0 MB)');
    expect(res.text).toContain('Backed up and verified: 16 tables, 12345 rows, integrity ok');
  });
});
