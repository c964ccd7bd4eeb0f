/** One fresh directory per browser-test run, where app-server.ts keeps the seeded demo database for every file to copy. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function globalSetup(): void {
  process.env.REALISE_E2E_DEMO_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-e2e-demo-'));
}
