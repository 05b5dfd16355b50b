import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/pg.js';

/** `npm start` as a newcomer runs it: the real entry point, embedded PostgreSQL, a data dir of its own. */
const ROOT = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let pgPort: number;

const children: Array<ReturnType<typeof execa>> = [];

function start(env: Record<string, string> = {}) {
  const { DATABASE_URL: _ignored, ADMIN_JS_TMP_DIR: _tmp, ...parentEnv } = process.env;
  const child = execa(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...parentEnv,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      PORT: '0',
      EMBEDDED_PG_PORT: String(pgPort),
      ...env,
    },
    extendEnv: false,
    reject: false,
    all: true,
  });
  children.push(child);
  return child;
}

type Child = ReturnType<typeof start>;

async function untilRunning(child: Child): Promise<{ url: string; output: () => string }> {
  let output = '';
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = output.match(/ContentFlow is running at (http:\/\/\S+)/);
    if (match) return { url: match[1], output: () => output };
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`not running after 60 s:\n${output}`);
}

async function stopWith(child: Child, signal: NodeJS.Signals) {
  const started = Date.now();
  child.kill(signal);
  const result = await child;
  return { exitCode: result.exitCode, ms: Date.now() - started };
}

async function embeddedQuery(sql: string, params: unknown[] = []) {
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  const client = new pg.Client({
    host: '127.0.0.1',
    port: pgPort,
    user: 'contentflow',
    password,
    database: 'contentflow',
  });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'contentflow-start-'));
  pgPort = await freePort();
});
afterAll(async () => {
  // A failed assertion can leave a server up: stop it (and its PostgreSQL) before removing the data.
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.allSettled(children);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on a bare machine', () => {
  it('starts on embedded PostgreSQL, seeds demo data, serves everything, stops cleanly, and keeps data', async () => {
    const first = start();
    const { url, output } = await untilRunning(first);
    expect(output()).toContain('demo data seeded');
    expect(output()).toMatch(/SUPERADMIN\s+superadmin@contentflow\.local/);
    const password = output().match(/^\s+password\s+(\S+)$/m)?.[1] ?? '';

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const home = await (await fetch(`${url}/`)).text();
    expect(home).toContain('rel="manifest"');
    const login = await fetch(`${url}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'superadmin@contentflow.local', password }),
      redirect: 'manual',
    });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/admin');

    await embeddedQuery(
      `INSERT INTO "DevMail" (id, "to", subject, text) VALUES ('dml_restart_probe', 'a@b.c', 'probe', 'kept')`,
    );
    const users = await embeddedQuery('SELECT count(*)::int AS n FROM "User"');

    const stopped = await stopWith(first, 'SIGTERM');
    expect(stopped.exitCode).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = start();
    const again = await untilRunning(second);
    expect(again.output()).not.toContain('demo data seeded');
    expect(await embeddedQuery(`SELECT text FROM "DevMail" WHERE id = 'dml_restart_probe'`)).toEqual([
      { text: 'kept' },
    ]);
    expect(await embeddedQuery('SELECT count(*)::int AS n FROM "User"')).toEqual(users);
    expect((await stopWith(second, 'SIGINT')).exitCode).toBe(0);
  }, 120_000);

  it('explains a busy port in one line and leaves no database running', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const result = await start({ PORT: String(port), HOST: '127.0.0.1' });
      expect(result.exitCode).toBe(1);
      expect(result.all).toContain(`contentflow: port ${port} is already in use; set PORT`);
      expect(result.all).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('refuses a data directory that is not a PostgreSQL cluster, in one line', async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'contentflow-broken-'));
    try {
      mkdirSync(path.join(broken, 'postgres'));
      writeFileSync(path.join(broken, 'postgres', 'stray.txt'), 'not a cluster');
      const result = await start({ DATA_DIR: broken });
      expect(result.exitCode).toBe(1);
      expect(result.all).toMatch(/contentflow: .*postgres is not empty but holds no PostgreSQL cluster/);
      expect(result.all).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('production mode', () => {
  it('refuses development secrets, then serves a prebuilt back-office bundle with real ones', async () => {
    const database = await createTestDatabase('prod');
    try {
      const refused = await start({ NODE_ENV: 'production', DATABASE_URL: database.url });
      expect(refused.exitCode).toBe(1);
      expect(refused.all).toMatch(/SESSION_SECRET is the development default/);

      const secret = 'production-secret-for-the-test-0123456789';
      const child = start({
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        PUBLIC_URL: 'https://ops.contentflow.example',
        SESSION_SECRET: secret,
        JWT_SECRET: secret,
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      });
      const { url, output } = await untilRunning(child);
      expect(output()).not.toContain('Demo logins');
      // Served from the bundle AdminJS builds at start; it lives outside a dot-folder, which Express 5 refuses.
      const bundle = await fetch(`${url}/admin/frontend/assets/components.bundle.js`);
      expect(bundle.status, output()).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/javascript/);
      expect((await stopWith(child, 'SIGTERM')).exitCode).toBe(0);
    } finally {
      await database.drop();
    }
  }, 90_000);
});
