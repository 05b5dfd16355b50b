import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { afterAll, beforeAll } from 'vitest';
import type { AdminMount } from '../../admin/index.js';
import { buildAdmin } from '../../admin/index.js';
import { seedDemoData } from '../../prisma/seed.js';
import { createApp } from '../../server/app.js';
import { type Config, loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db.js';
import type { Services } from '../../server/modules/context.js';
import { createServices } from '../../server/services.js';
import { ManualClock } from '../../server/shared/clock.js';
import { createLogger } from '../../server/shared/logger.js';
import { setAppClock } from './app-clock.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { assertObservedStatusesDocumented, recordApiStatuses } from './observed-statuses.js';

export interface TestApp {
  app: Express;
  config: Config;
  services: Services;
  clock: ManualClock;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Mount the back office (it builds a bundle). */
  admin?: boolean;
  /** Environment on top of the test defaults, e.g. lower rate limits. */
  env?: Record<string, string>;
  fetch?: typeof fetch;
}

/** The real Express app on a test database, with a manual clock (starting at the real time) tests can move. */
export async function createTestApp(db: Db, databaseUrl: string, options: TestAppOptions = {}): Promise<TestApp> {
  const storageDir = mkdtempSync(path.join(tmpdir(), 'contentflow-storage-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    PORT: '0',
    // Files share 127.0.0.1; tests of the limits lower them again.
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    OTP_SENDS_PER_IP_PER_HOUR: '10000',
    // Uploaded files of the local storage driver stay out of the checkout and go with the app.
    STORAGE_DIR: storageDir,
    ...options.env,
  });
  // TEST_LOG_LEVEL=error shows what a 500 hid.
  const logger = createLogger((process.env.TEST_LOG_LEVEL as 'error' | undefined) ?? 'silent');
  const clock = new ManualClock();
  setAppClock(clock);
  const services = createServices({ config, db, logger }, { clock, fetch: options.fetch });
  let admin: AdminMount | undefined;
  if (options.admin) admin = await buildAdmin({ services, databaseUrl });
  const app = createApp({ services, readiness: { accepting: true }, admin: admin?.router });
  recordApiStatuses(app);
  return {
    app,
    config,
    services,
    clock,
    close: async () => {
      await admin?.close();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export interface TestAppContext {
  database: TestDatabase;
  testApp: TestApp;
}

/**
 * A test file's database and app, created before its tests and dropped after them. The returned object is filled
 * in by `beforeAll`, so read its fields inside tests, not at module level. After the file's tests, every status the
 * app answered under /api/v1 must be listed for its operation in the OpenAPI document, or the file fails.
 */
export function setupTestApp(label: string, options: TestAppOptions & { seed?: boolean } = {}): TestAppContext {
  const context = {} as TestAppContext;
  beforeAll(async () => {
    context.database = await createTestDatabase(label);
    if (options.seed) await seedDemoData(context.database.db);
    context.testApp = await createTestApp(context.database.db, context.database.url, options);
  });
  afterAll(async () => {
    await context.testApp?.close();
    await context.database?.drop();
    assertObservedStatusesDocumented();
  });
  return context;
}
