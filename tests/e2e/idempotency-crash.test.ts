import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { campaignBody } from '../helpers/marketplace.js';
import { freePort } from '../helpers/pg.js';
import { type ProcessEnv, startApp, stopAllApps, stopWith, untilRunning } from '../helpers/process.js';

/**
 * The real server as a process on this file's database, killed with SIGKILL in the middle of a burst of creates,
 * restarted, and every create retried with its key: each key must end with exactly one campaign.
 */
const KEYS = 30;
let database: TestDatabase;
let testApp: TestApp;
let where: ProcessEnv;
// The test signs the brand's token; the server process must verify it with the same secret.
const JWT_SECRET = randomBytes(32).toString('hex');

beforeAll(async () => {
  database = await createTestDatabase('idempotency-crash');
  // For its clock, config and token signing only; the requests go to the child process.
  testApp = await createTestApp(database.db, database.url, { env: { JWT_SECRET } });
  where = { dataDir: mkdtempSync(path.join(tmpdir(), 'contentflow-crash-')), pgPort: await freePort() };
});
afterAll(async () => {
  await stopAllApps();
  await testApp?.close();
  await database?.drop();
  rmSync(where.dataDir, { recursive: true, force: true });
});

// Retries may arrive a second after the crash and still redo what the crash cut short.
const start = () =>
  startApp(where, {
    DATABASE_URL: database.url,
    JWT_SECRET,
    JOBS_ENABLED: 'false',
    IDEMPOTENCY_ABANDONED_AFTER_SECONDS: '1',
  });

describe('Idempotency-Key across a crash', () => {
  it('leaves one campaign per key when the server is killed mid-burst and every create is retried', async () => {
    const brand = await createUser(testApp, database.db, 'BRAND');
    const bodies = Array.from({ length: KEYS }, (_, i) => campaignBody(testApp, { title: `Crash burst ${i}` }));
    const send = (url: string, i: number) =>
      fetch(`${url}/api/v1/campaigns`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${brand.token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `crash-${i}`,
        },
        body: JSON.stringify(bodies[i]),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { id?: string } }));

    const first = start();
    const { url } = await untilRunning(first);
    const burst = bodies.map((_, i) => send(url, i).catch(() => null));
    // Kill once part of the burst has committed, while the rest is in flight.
    for (let polls = 0; polls < 500; polls += 1) {
      const created = await database.db.campaign.count({ where: { brandId: brand.id } });
      if (created >= KEYS / 3) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await stopWith(first, 'SIGKILL');
    const answered = await Promise.all(burst);
    const committed = await database.db.campaign.count({ where: { brandId: brand.id } });
    expect(committed, 'the kill came after the whole burst').toBeLessThan(KEYS);

    const second = start();
    const restarted = await untilRunning(second);
    const retries = await Promise.all(bodies.map((_, i) => send(restarted.url, i)));
    await stopWith(second, 'SIGTERM');

    const total = await database.db.campaign.count({ where: { brandId: brand.id } });
    expect(`${total} campaigns for ${KEYS} keys (${committed} committed before the kill)`).toBe(
      `${KEYS} campaigns for ${KEYS} keys (${committed} committed before the kill)`,
    );
    for (const [i, retry] of retries.entries()) {
      expect(retry.status, `key ${i}: ${JSON.stringify(retry.body)}`).toBe(201);
      const before = answered[i];
      if (before?.status === 201) expect(retry.body.id, `key ${i}`).toBe(before.body.id);
      const rows = await database.db.campaign.findMany({
        where: { brandId: brand.id, title: `Crash burst ${i}` },
        select: { id: true },
      });
      expect(rows, `campaigns for key ${i}`).toEqual([{ id: retry.body.id }]);
    }
  }, 120_000);
});
