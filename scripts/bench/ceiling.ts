/**
 * The benchmark's ceiling: a bare Express app with the same compression middleware as Realise,
 * answering each route with a body captured from the real app, held in memory. What it manages
 * is the most any page of that size could manage on this machine; the benchmark divides by it.
 *
 * Started by scripts/bench.ts as its own process (so it gets a core of its own, like the app):
 *   tsx scripts/bench/ceiling.ts <spec.json>
 * where spec.json is `[{ method, path, file, type, status }]`, on PORT (any free one when unset).
 * Prints `{"port": N}` once listening.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';
import compression from 'compression';

export interface CeilingRoute {
  method: 'GET' | 'POST';
  path: string;
  /** File holding the body to answer with. */
  file: string;
  /** Content-Type of the answer. */
  type: string;
  status: number;
}

function main(): void {
  const routes = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as CeilingRoute[];
  const app = express();
  app.disable('x-powered-by');
  app.use(compression());
  for (const route of routes) {
    const body = fs.readFileSync(route.file);
    const answer = (_req: express.Request, res: express.Response) => {
      res.status(route.status).type(route.type).send(body);
    };
    if (route.method === 'POST') app.post(route.path, express.json({ limit: '2mb' }), answer);
    else app.get(route.path, answer);
  }
  const server = app.listen(Number.parseInt(process.env.PORT ?? '0', 10), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
