import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeConfig, loadConfig, type Config } from '../../server/config';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-config-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A secret long enough for the schema, so most tests never write one to disk. */
const SECRET = 's'.repeat(32);

describe('loadConfig defaults', () => {
  it('runs on port 3000 with SQLite at <DATA_DIR>/realise.sqlite when nothing is set', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.env).toBe('development');
    expect(config.dataDir).toBe(dataDir);
    expect(config.database).toEqual({ client: 'sqlite', filename: path.join(dataDir, 'realise.sqlite') });
    expect(config.logLevel).toBe('info');
    expect(config.trustProxy).toBe(false);
  });

  it('defaults DATA_DIR to ./data, resolved to an absolute path', () => {
    const config = loadConfig({}, { sessionSecret: SECRET });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.database).toEqual({ client: 'sqlite', filename: path.resolve('./data', 'realise.sqlite') });
  });

  it('resolves a relative DATA_DIR against the working directory', () => {
    const config = loadConfig({ DATA_DIR: 'var/realise', SESSION_SECRET: SECRET });
    expect(config.dataDir).toBe(path.resolve('var/realise'));
  });

  it('is silent by default under NODE_ENV=test', () => {
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: SECRET, DATA_DIR: dataDir }).logLevel).toBe('silent');
  });

  it('returns a frozen object', () => {
    const config = loadConfig({ SESSION_SECRET: SECRET, DATA_DIR: dataDir });
    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe('loadConfig from the environment', () => {
  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:pw@db:5432/realise',
      SESSION_SECRET: SECRET,
      DATA_DIR: dataDir,
    });
    expect(config.database).toEqual({ client: 'pg', url: 'postgres://app:pw@db:5432/realise' });
  });

  it('accepts the postgresql:// scheme too', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://db/realise', SESSION_SECRET: SECRET, DATA_DIR: dataDir }).database
        .client,
    ).toBe('pg');
  });

  it.each([
    ['PORT', '8080', (c: Config) => c.port, 8080],
    ['PORT', ' 8080 ', (c: Config) => c.port, 8080],
    ['HOST', '127.0.0.1', (c: Config) => c.host, '127.0.0.1'],
    ['NODE_ENV', 'production', (c: Config) => c.env, 'production'],
    ['LOG_LEVEL', 'debug', (c: Config) => c.logLevel, 'debug'],
    ['TRUST_PROXY', 'true', (c: Config) => c.trustProxy, true],
    ['TRUST_PROXY', 'false', (c: Config) => c.trustProxy, false],
    ['TRUST_PROXY', '2', (c: Config) => c.trustProxy, 2],
    ['TRUST_PROXY', 'loopback', (c: Config) => c.trustProxy, 'loopback'],
  ] as [string, string, (c: Config) => unknown, unknown][])('reads %s=%j', (name, value, pick, expected) => {
    expect(pick(loadConfig({ [name]: value, SESSION_SECRET: SECRET, DATA_DIR: dataDir }))).toEqual(expected);
  });

  it.each([
    ['PORT', 'abc', /PORT: .*expected number/],
    ['PORT', '70000', /PORT: .*65535/],
    ['PORT', '-1', /PORT: /],
    ['PORT', '80.5', /PORT: .*expected int/],
    [
      'DATABASE_URL',
      'mysql://db/realise',
      /DATABASE_URL: DATABASE_URL must start with postgres:\/\/ \(leave it unset for SQLite\)/,
    ],
    ['DATABASE_URL', 'sqlite:./data.db', /DATABASE_URL must start with postgres:\/\//],
    ['NODE_ENV', 'staging', /NODE_ENV: /],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL: /],
    ['SESSION_SECRET', 'short', /SESSION_SECRET: SESSION_SECRET must be at least 32 characters/],
  ] as [string, string, RegExp][])('throws a readable error for %s=%j', (name, value, message) => {
    const load = () => loadConfig({ SESSION_SECRET: SECRET, DATA_DIR: dataDir, [name]: value });
    expect(load).toThrow(/^Invalid configuration:\n/);
    expect(load).toThrow(message);
  });

  it('lists every invalid variable in one error', () => {
    expect(() =>
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', DATA_DIR: dataDir, SESSION_SECRET: SECRET }),
    ).toThrow(/PORT: .*\n\s+DATABASE_URL: /);
  });

  it('treats empty and blank strings as unset', () => {
    const config = loadConfig({
      PORT: '',
      HOST: ' ',
      DATABASE_URL: '',
      LOG_LEVEL: '',
      NODE_ENV: '',
      TRUST_PROXY: '',
      SESSION_SECRET: SECRET,
      DATA_DIR: dataDir,
    });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.database.client).toBe('sqlite');
    expect(config.env).toBe('development');
    expect(config.logLevel).toBe('info');
    expect(config.trustProxy).toBe(false);
  });

  it('lets overrides replace any computed value', () => {
    const config = loadConfig(
      { DATA_DIR: dataDir },
      { sessionSecret: SECRET, database: { client: 'sqlite', filename: ':memory:' }, port: 0 },
    );
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.database).toEqual({ client: 'sqlite', filename: ':memory:' });
    expect(config.port).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'session-secret'))).toBe(false);
  });
});

describe('<VAR>_FILE secrets', () => {
  it('reads SESSION_SECRET from the file named by SESSION_SECRET_FILE, trimming the newline', () => {
    const file = path.join(dataDir, 'secret.txt');
    fs.writeFileSync(file, `${'f'.repeat(40)}\n`);
    expect(loadConfig({ SESSION_SECRET_FILE: file, DATA_DIR: dataDir }).sessionSecret).toBe('f'.repeat(40));
  });

  it('reads DATABASE_URL from a file', () => {
    const file = path.join(dataDir, 'db-url');
    fs.writeFileSync(file, 'postgres://app:from-file@db/realise\n');
    expect(loadConfig({ DATABASE_URL_FILE: file, SESSION_SECRET: SECRET, DATA_DIR: dataDir }).database).toEqual({
      client: 'pg',
      url: 'postgres://app:from-file@db/realise',
    });
  });

  it('prefers the file over the plain variable', () => {
    const file = path.join(dataDir, 'secret.txt');
    fs.writeFileSync(file, 'g'.repeat(40));
    expect(loadConfig({ SESSION_SECRET_FILE: file, SESSION_SECRET: SECRET, DATA_DIR: dataDir }).sessionSecret).toBe(
      'g'.repeat(40),
    );
  });

  it('validates a secret read from a file like any other value', () => {
    const file = path.join(dataDir, 'secret.txt');
    fs.writeFileSync(file, 'too-short');
    expect(() => loadConfig({ SESSION_SECRET_FILE: file, DATA_DIR: dataDir })).toThrow(
      /SESSION_SECRET must be at least 32 characters/,
    );
  });

  it('treats an empty file as unset', () => {
    const file = path.join(dataDir, 'port');
    fs.writeFileSync(file, '\n');
    expect(loadConfig({ PORT_FILE: file, SESSION_SECRET: SECRET, DATA_DIR: dataDir }).port).toBe(3000);
  });

  it('fails naming the file when it does not exist', () => {
    const missing = path.join(dataDir, 'nope');
    expect(() => loadConfig({ SESSION_SECRET_FILE: missing, DATA_DIR: dataDir })).toThrow(missing);
  });
});

describe('generated SESSION_SECRET', () => {
  it('is generated into DATA_DIR on first start and reused on the second', () => {
    const dir = path.join(dataDir, 'nested', 'data');
    const first = loadConfig({ DATA_DIR: dir });
    const file = path.join(dir, 'session-secret');
    expect(fs.existsSync(file)).toBe(true);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(file, 'utf8')).toBe(first.sessionSecret);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const second = loadConfig({ DATA_DIR: dir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
  });

  it('differs between two fresh data directories', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-config-'));
    try {
      expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).not.toBe(loadConfig({ DATA_DIR: other }).sessionSecret);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('is not written when SESSION_SECRET is set', () => {
    expect(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET }).sessionSecret).toBe(SECRET);
    expect(fs.existsSync(path.join(dataDir, 'session-secret'))).toBe(false);
  });
});

describe('describeConfig', () => {
  it('masks the session secret', () => {
    const described = describeConfig(loadConfig({ SESSION_SECRET: SECRET, DATA_DIR: dataDir }));
    expect(described.sessionSecret).toBe('***');
    expect(JSON.stringify(described)).not.toContain(SECRET);
  });

  it.each([
    ['postgres://app:s3cret@db:5432/realise', 'postgres://app:***@db:5432/realise'],
    ['postgresql://app:p%40ss@db/realise', 'postgresql://app:***@db/realise'],
    ['postgres://:s3cret@db/realise', 'postgres://:***@db/realise'],
    ['postgres://app@db/realise', 'postgres://app:***@db/realise'],
    ['postgres://db/realise', 'postgres://db/realise'],
  ])('masks the password in DATABASE_URL %j as %j', (url, masked) => {
    const config = loadConfig({ DATABASE_URL: url, SESSION_SECRET: SECRET, DATA_DIR: dataDir });
    expect(describeConfig(config).database).toEqual({ client: 'pg', url: masked });
    expect(JSON.stringify(describeConfig(config))).not.toContain('s3cret');
  });

  it('keeps the non-secret settings readable', () => {
    const described = describeConfig(loadConfig({ PORT: '8080', SESSION_SECRET: SECRET, DATA_DIR: dataDir }));
    expect(described).toMatchObject({
      port: 8080,
      dataDir,
      database: { client: 'sqlite', filename: path.join(dataDir, 'realise.sqlite') },
    });
  });

  it('does not change the config it describes', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:s3cret@db/realise',
      SESSION_SECRET: SECRET,
      DATA_DIR: dataDir,
    });
    describeConfig(config);
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.database).toEqual({ client: 'pg', url: 'postgres://app:s3cret@db/realise' });
  });
});
