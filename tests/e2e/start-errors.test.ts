import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../prisma/seed.js';
import { createTestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/pg.js';
import { type ProcessEnv, startApp, stopAllApps, stopWith, untilRunning } from '../helpers/process.js';

let where: ProcessEnv;
beforeAll(async () => {
  where = { dataDir: mkdtempSync(path.join(tmpdir(), 'contentflow-errors-')), pgPort: await freePort() };
});
afterAll(async () => {
  await stopAllApps();
  rmSync(where.dataDir, { recursive: true, force: true });
});

async function occupiedPort(): Promise<{ port: number; close(): void }> {
  const blocker: Server = createServer();
  const port = await new Promise<number>((resolve) =>
    blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
  );
  return { port, close: () => blocker.close() };
}

/** Failures a newcomer can meet, each answered by one line and exit code 1, with nothing left running. */
describe('start-up failures', () => {
  it('explains a busy HTTP port', async () => {
    const busy = await occupiedPort();
    try {
      const result = await startApp(where, { PORT: String(busy.port), HOST: '127.0.0.1' });
      expect(result.exitCode).toBe(1);
      expect(result.all).toContain(`contentflow: port ${busy.port} is already in use; set PORT`);
      expect(result.all).not.toMatch(/\n\s+at /);
      expect(result.all).not.toContain('OUTBOUND CONNECTION ATTEMPT');
    } finally {
      busy.close();
    }
  }, 60_000);

  it('explains a busy embedded PostgreSQL port', async () => {
    const busy = await occupiedPort();
    const fresh = mkdtempSync(path.join(tmpdir(), 'contentflow-pgport-'));
    try {
      const result = await startApp({ dataDir: fresh, pgPort: busy.port });
      expect(result.exitCode).toBe(1);
      expect(result.all).toContain(
        `contentflow: port ${busy.port} is already in use; stop what uses it or set EMBEDDED_PG_PORT`,
      );
    } finally {
      busy.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a data directory that is not a PostgreSQL cluster', async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'contentflow-broken-'));
    try {
      mkdirSync(path.join(broken, 'postgres'));
      writeFileSync(path.join(broken, 'postgres', 'stray.txt'), 'not a cluster');
      const result = await startApp({ dataDir: broken, pgPort: where.pgPort });
      expect(result.exitCode).toBe(1);
      expect(result.all).toMatch(/contentflow: .*postgres is not empty but holds no PostgreSQL cluster/);
      expect(result.all).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('production mode', () => {
  it('refuses to start without secrets, then serves a prebuilt back-office bundle with real ones', async () => {
    const database = await createTestDatabase('prod');
    try {
      const refused = await startApp(where, { NODE_ENV: 'production', DATABASE_URL: database.url });
      expect(refused.exitCode).toBe(1);
      expect(refused.all).toMatch(/SESSION_SECRET is required in production/);

      const secret = 'production-secret-for-the-test-0123456789';
      const app = startApp(where, {
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        PUBLIC_URL: 'https://ops.contentflow.example',
        SMTP_URL: 'smtp://127.0.0.1:9',
        SESSION_SECRET: secret,
        JWT_SECRET: secret,
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      });
      const { url, output } = await untilRunning(app);
      expect(output()).not.toContain('Demo logins');
      // Served from the bundle AdminJS builds at start; it lives outside a dot-folder, which Express 5 refuses.
      const bundle = await fetch(`${url}/admin/frontend/assets/components.bundle.js`);
      expect(bundle.status, output()).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/javascript/);
      expect((await stopWith(app, 'SIGTERM')).exitCode).toBe(0);
    } finally {
      await database.drop();
    }
  }, 90_000);
});

describe('demo accounts on a server others can reach', () => {
  it('are not seeded off loopback, and ones left from earlier stop the start unless the demo is meant', async () => {
    // Off loopback the embedded first start seeds nothing: no account with the published password appears.
    const fresh = mkdtempSync(path.join(tmpdir(), 'contentflow-exposed-'));
    try {
      const open = startApp({ dataDir: fresh, pgPort: await freePort() }, { HOST: '0.0.0.0' });
      const { output } = await untilRunning(open);
      expect(output()).not.toContain('Demo logins');
      expect(output()).not.toContain('demo data seeded');
      expect((await stopWith(open, 'SIGTERM')).exitCode).toBe(0);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }

    const database = await createTestDatabase('exposed-demo');
    try {
      await seedDemoData(database.db);
      const refused = await startApp(where, { DATABASE_URL: database.url, HOST: '0.0.0.0' });
      expect(refused.exitCode).toBe(1);
      // Every active demo account (one of them is suspended in the demo data).
      expect(refused.all).toMatch(
        /contentflow: HOST=0\.0\.0\.0 is reachable from other machines and 8 demo account\(s\)/,
      );
      expect(refused.all).toContain('set SEED_DEMO_DATA=true to serve the demo on purpose');
      // On loopback, or on purpose, the same database serves.
      const meant = startApp(where, { DATABASE_URL: database.url, HOST: '0.0.0.0', SEED_DEMO_DATA: 'true' });
      await untilRunning(meant);
      expect((await stopWith(meant, 'SIGTERM')).exitCode).toBe(0);
      const local = startApp(where, { DATABASE_URL: database.url, HOST: '127.0.0.1' });
      await untilRunning(local);
      expect((await stopWith(local, 'SIGTERM')).exitCode).toBe(0);
    } finally {
      await database.drop();
    }
  }, 120_000);
});
