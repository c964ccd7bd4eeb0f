/**
 * A code that is taken, as docs/api.md and the README describe it: a code already saved is 422
 * `validation_failed` with a message on `code`; of two requests creating the same new code at the
 * same moment exactly one is saved, and the other gets that same 422 or, when both checked before
 * either saved (PostgreSQL only: SQLite runs writes one at a time), 409 `duplicate`. Never a 500,
 * and the refused request writes nothing.
 */
import { createTestApp, countRows, type TestApp } from '../helpers/test-app';
import { apiClient, type ApiClient } from '../helpers/clients';
import { aDirectorate, aProject } from '../helpers/builders';
import { testBackend } from '../helpers/test-db';
import type request from 'supertest';

let t: TestApp;
let a: ApiClient;
let b: ApiClient;
beforeAll(async () => {
  t = await createTestApp();
  await aDirectorate(t.ctx);
  await aProject(t.ctx);
  a = await apiClient(t.app, t.db, 'admin');
  b = await apiClient(t.app, t.db, 'admin');
});
afterAll(async () => {
  await t.close();
});

type Send = (client: ApiClient, n: number) => request.Test;
const RESOURCES: [string, string, string, Send][] = [
  [
    'project',
    'projects',
    'A project with code CS-1%n already exists',
    (c, n) =>
      c
        .post('/api/v1/projects')
        .send({ code: `CS-1${n}`, name: 'Race', directorateCode: 'CS', startYear: '2024/25', optimismBias: '0' }),
  ],
  [
    'directorate',
    'directorates',
    'A directorate with code D%n already exists',
    (c, n) => c.post('/api/v1/directorates').send({ code: `D${n}`, name: `Race ${n}` }),
  ],
  [
    'benefit',
    'benefits',
    'Benefit B1%n already exists on this project',
    (c, n) => c.post('/api/v1/projects/CS-001/benefits').send({ ref: `B1${n}`, title: 'Race', type: 'cashable' }),
  ],
];

async function written(table: string) {
  return { rows: await countRows(t.db, table), audit: await countRows(t.db, 'audit_log') };
}

describe.each(RESOURCES)('a duplicate %s code', (_name, table, message, send) => {
  it('is refused with 422 and a message on the code when it is already saved', async () => {
    expect((await send(a, 0)).status).toBe(201);
    const before = await written(table);
    const res = await send(b, 0);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      field: expect.stringMatching(/^(code|ref)$/),
      fields: { [res.body.error.field]: message.replace('%n', '0') },
    });
    expect(await written(table)).toEqual(before);
  });

  it('created by two requests at the same moment is saved once; the other gets 422, or 409 duplicate', async () => {
    const statuses = new Set<number>();
    for (let n = 1; n <= 5; n++) {
      const before = await written(table);
      const results = await Promise.all([send(a, n), send(b, n)]);
      const codes = results.map((r) => r.status).sort();
      expect(codes[0]).toBe(201);
      const loser = results.find((r) => r.status !== 201)!;
      statuses.add(loser.status);
      if (loser.status === 422) {
        expect(loser.body.error.code).toBe('validation_failed');
        expect(Object.values(loser.body.error.fields)).toEqual([message.replace('%n', String(n))]);
      } else {
        expect(loser.status).toBe(409);
        expect(loser.body.error).toMatchObject({ code: 'duplicate', message: expect.stringContaining('same code') });
      }
      expect(await written(table)).toEqual({ rows: before.rows + 1, audit: before.audit + 1 });
    }
    // SQLite serialises writes, so the second request always sees the first one's row.
    if (testBackend() === 'sqlite') expect([...statuses]).toEqual([422]);
  });
});
