import fs from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.REALISE_E2E_DEMO_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
