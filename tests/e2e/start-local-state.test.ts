import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../../server/modules/accounts/access-token.js';
import { systemClock } from '../../server/shared/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/pg.js';
import { type ProcessEnv, startApp, stopAllApps, stopWith, untilRunning } from '../helpers/process.js';

/** What `npm start` keeps in DATA_DIR when nothing is configured: generated secrets and uploaded files. */
let database: TestDatabase;
let where: ProcessEnv;
let fresh: ProcessEnv;
beforeAll(async () => {
  database = await createTestDatabase('local-state');
  const pgPort = await freePort();
  where = { dataDir: mkdtempSync(path.join(tmpdir(), 'contentflow-state-')), pgPort };
  fresh = { dataDir: mkdtempSync(path.join(tmpdir(), 'contentflow-state-fresh-')), pgPort };
});
afterAll(async () => {
  await stopAllApps();
  await database?.drop();
  for (const dir of [where, fresh]) if (dir) rmSync(dir.dataDir, { recursive: true, force: true });
});

// The development secret earlier versions shipped, readable by anyone in this repository's history.
const PUBLISHED_JWT_SECRET = 'dev-jwt-secret-change-me-000000000000000';

async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, transport: 'bearer' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const me = (url: string, token: string) =>
  fetch(`${url}/api/v1/users/me`, { headers: { Authorization: `Bearer ${token}` } });

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
}

describe('npm start with nothing configured', () => {
  let brandToken = '';

  it('signs with a secret of its own, links to where it listens and keeps uploads in DATA_DIR', async () => {
    const app = startApp(where, { DATABASE_URL: database.url, SEED_DEMO_DATA: 'true' });
    const { url, output } = await untilRunning(app);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const password = output().match(/^\s+password\s+(\S+)$/m)?.[1] ?? '';

    // A superadmin token forged with the published secret opens nothing.
    const admin = (await (await me(url, await signIn(url, 'superadmin@contentflow.local', password))).json()) as {
      id: string;
    };
    const forged = await issueAccessToken({ JWT_SECRET: PUBLISHED_JWT_SECRET }, systemClock, {
      id: admin.id,
      role: 'ADMIN',
      adminRole: 'SUPERADMIN',
    });
    expect((await me(url, forged.token)).status).toBe(401);

    brandToken = await signIn(url, 'brand@acme.example', password);
    const started = await fetch(`${url}/api/v1/uploads`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${brandToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ purpose: 'CAMPAIGN_ASSET', filename: 'cut.mp4', contentType: 'video/mp4', sizeBytes: 64 }),
    });
    expect(started.status, await started.clone().text()).toBe(201);
    const { put } = (await started.json()) as { put: { url: string; headers: Record<string, string> } };
    // The upload URL names the address the server listens on (PORT=0 picked it), reachable as it is.
    expect(put.url.startsWith(`${url}/storage/`)).toBe(true);
    const stored = await fetch(put.url, { method: 'PUT', headers: put.headers, body: Buffer.alloc(64, 1) });
    expect(stored.status, await stored.text()).toBe(200);
    const kept = filesUnder(path.join(where.dataDir, 'uploads')).filter((f) => f.endsWith('cut.mp4'));
    expect(kept).toHaveLength(1);
    expect(statSync(path.join(where.dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(where.dataDir, 'secrets.json'), 'utf8')).not.toContain(PUBLISHED_JWT_SECRET);

    expect((await stopWith(app, 'SIGTERM')).exitCode).toBe(0);
  }, 90_000);

  it('verifies the first start’s tokens after a restart on the same DATA_DIR, not on another', async () => {
    expect(brandToken).not.toBe('');
    const again = startApp(where, { DATABASE_URL: database.url });
    const restarted = await untilRunning(again);
    expect((await me(restarted.url, brandToken)).status).toBe(200);
    expect((await stopWith(again, 'SIGTERM')).exitCode).toBe(0);

    const other = startApp(fresh, { DATABASE_URL: database.url });
    const elsewhere = await untilRunning(other);
    expect((await me(elsewhere.url, brandToken)).status).toBe(401);
    expect((await stopWith(other, 'SIGTERM')).exitCode).toBe(0);
  }, 90_000);
});
