/** Files in and out of the app in tests: CSV imports through the API, and downloads kept as bytes. */
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
