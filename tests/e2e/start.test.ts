import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/pg.js';
import {
  embeddedQuery,
  type ProcessEnv,
  runCli,
  startApp,
  stopAllApps,
  stopWith,
  untilRunning,
} from '../helpers/process.js';

/** `npm start` as a newcomer runs it: the real entry point, embedded PostgreSQL, a data dir of its own. */
let where: ProcessEnv;
const pidFile = () => path.join(where.dataDir, 'postgres', 'postmaster.pid');

beforeAll(async () => {
  where = { dataDir: mkdtempSync(path.join(tmpdir(), 'contentflow-start-')), pgPort: await freePort() };
});
afterAll(async () => {
  await stopAllApps();
  rmSync(where.dataDir, { recursive: true, force: true });
});

describe('npm start on a bare machine', () => {
  it('starts on embedded PostgreSQL within 30 s, seeds demo data and serves everything', async () => {
    const app = startApp(where);
    const { url, output, ms } = await untilRunning(app);
    expect(ms).toBeLessThan(30_000);
    expect(output()).toContain('demo data seeded');
    expect(output()).toMatch(/SUPERADMIN\s+superadmin@contentflow\.local/);
    const password = output().match(/^\s+password\s+(\S+)$/m)?.[1] ?? '';

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${url}/`)).text()).toContain('rel="manifest"');
    const login = await fetch(`${url}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'superadmin@contentflow.local', password }),
      redirect: 'manual',
    });
    expect(login.status, `${await login.clone().text()}\n${output()}`).toBe(302);
    expect(login.headers.get('location')).toBe('/admin');
    // The job queue runs in the same database.
    expect(await embeddedQuery(where, 'SELECT count(*)::int AS n FROM pgboss.version')).toEqual([{ n: 1 }]);

    // The CLI works on the running server's database.
    const status = await runCli(where, ['db', 'status']);
    expect(status.exitCode, status.all).toBe(0);
    expect(status.all).toMatch(/\d+ applied, 0 pending/);

    await embeddedQuery(
      where,
      `INSERT INTO "DevMail" (id, "to", subject, text) VALUES ('dml_probe', 'a@b.c', 'probe', 'kept')`,
    );
    // Ctrl+C in a terminal signals the whole process group: the app must still stop the database last, cleanly.
    const stopped = await stopWith(app, 'SIGINT', { group: true });
    expect(stopped.exitCode).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(stopped.output).toContain('stopped');
    expect(stopped.output).not.toMatch(/terminating connection|error/i);
    expect(stopped.output).not.toContain('OUTBOUND CONNECTION ATTEMPT');
    expect(existsSync(pidFile())).toBe(false);
  }, 120_000);

  it('keeps the data across a restart, without seeding again', async () => {
    const app = startApp(where);
    const { output } = await untilRunning(app);
    expect(output()).not.toContain('demo data seeded');
    expect(await embeddedQuery(where, `SELECT text FROM "DevMail" WHERE id = 'dml_probe'`)).toEqual([{ text: 'kept' }]);
    expect((await stopWith(app, 'SIGTERM')).exitCode).toBe(0);
  }, 60_000);

  it('takes over the PostgreSQL a killed server left behind, and stops it', async () => {
    const killed = startApp(where);
    await untilRunning(killed);
    await stopWith(killed, 'SIGKILL');
    expect(existsSync(pidFile())).toBe(true);

    const next = startApp(where);
    const { url, output } = await untilRunning(next);
    expect(output()).toMatch(/took over the PostgreSQL left running/);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await stopWith(next, 'SIGTERM')).exitCode).toBe(0);
    expect(existsSync(pidFile())).toBe(false);
  }, 90_000);

  it('runs the CLI on the embedded database when no server is up', async () => {
    const status = await runCli(where, ['db', 'status', '--json']);
    expect(status.exitCode, status.all).toBe(0);
    expect(JSON.parse(status.stdout).pending).toBe(0);
    expect(existsSync(pidFile())).toBe(false);
  }, 60_000);
});
