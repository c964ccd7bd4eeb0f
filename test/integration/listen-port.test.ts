/**
 * A port already in use ends start-up with a clear message and exit code 1, instead of logging
 * "running" and staying alive without listening (issue 13, defect 5).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function occupyPort(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const blocker = net.createServer();
    blocker.once('error', reject);
    blocker.listen(0, '127.0.0.1', () => resolve(blocker));
  });
}

function startServer(port: number, dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'server/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout can stop tsx and the server it starts together.
      detached: true,
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    // Today's code never exits: give it 20 s, then stop it and report that it was still running.
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('starting on a port that is already in use', () => {
  let blocker: net.Server;
  let dataDir: string;
  beforeAll(async () => {
    blocker = await occupyPort();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-port-'));
  });
  afterAll(async () => {
    await new Promise((r) => blocker.close(r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits with code 1 and says what to do, without claiming to be running', async () => {
    const port = (blocker.address() as net.AddressInfo).port;
    const { code, output } = await startServer(port, dataDir);
    expect(output).toContain(`Port ${port} is already in use: stop the other process or set PORT`);
    expect(output).not.toContain('Realise is running');
    expect(code).toBe(1);
  }, 30_000);
});
