/** Files in and out of the app in tests: CSV imports through the API, and downloads kept as bytes. */
import type { Knex } from 'knex';
import type request from 'supertest';
import type { ImportKind } from '../../server/io/layouts';
import type { ApiClient } from './clients';

/**
 * One kind of API import: `csv` makes a file of the given lines under `header`, and `post` sends a
 * file (dryRun: a preview that writes nothing).
 */
export function csvImport(kind: ImportKind, header: string) {
  return {
    csv: (...lines: string[]): Buffer => Buffer.from(`${[header, ...lines].join('\n')}\n`),
    post: (client: ApiClient, body: string | Buffer, dryRun = false) =>
      client
        .post(`/api/v1/imports/${kind}${dryRun ? '?dryRun=true' : ''}`)
        .set('Content-Type', 'text/csv')
        .send(Buffer.isBuffer(body) ? body : Buffer.from(body)),
  };
}

/** Supertest parser that keeps the body as bytes (a workbook, a PDF): `.buffer(true).parse(binary)`. */
export function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The stored cost lines in import-layout terms (the project's code, not its id), to compare with a file. */
export function costLineRows(db: Knex) {
  return db('cost_lines as c')
    .join('projects as p', 'p.id', 'c.project_id')
    .select(
      'p.code',
      'c.fy_start',
      'c.kind',
      'c.category',
      'c.amount_pence',
      'c.is_credit',
      'c.description',
      'c.reference',
    );
}
