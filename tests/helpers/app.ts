import type { Express } from 'express';
import { afterAll, beforeAll } from 'vitest';
import type { AdminMount } from '../../admin/index.js';
import { buildAdmin } from '../../admin/index.js';
import { seedDemoData } from '../../prisma/seed.js';
import { createApp } from '../../server/app.js';
import { type Config, loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db.js';
import { createLogger } from '../../server/shared/logger.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: Express;
  config: Config;
  close(): Promise<void>;
}

/** The real Express app on a test database; with the back office when `admin` is set (it builds a bundle). */
export async function createTestApp(db: Db, databaseUrl: string, options: { admin?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PORT: '0' });
  const logger = createLogger('silent');
  let admin: AdminMount | undefined;
  if (options.admin) admin = await buildAdmin({ config, db, databaseUrl, logger });
  const app = createApp({ config, db, logger, readiness: { accepting: true }, admin: admin?.router });
  return { app, config, close: async () => admin?.close() };
}

export interface TestAppContext {
  database: TestDatabase;
  testApp: TestApp;
}

/**
 * A test file's database and app, created before its tests and dropped after them. The returned object is filled
 * in by `beforeAll`, so read its fields inside tests, not at module level.
 */
export function setupTestApp(label: string, options: { admin?: boolean; seed?: boolean } = {}): TestAppContext {
  const context = {} as TestAppContext;
  beforeAll(async () => {
    context.database = await createTestDatabase(label);
    if (options.seed) await seedDemoData(context.database.db);
    context.testApp = await createTestApp(context.database.db, context.database.url, { admin: options.admin });
  });
  afterAll(async () => {
    await context.testApp?.close();
    await context.database?.drop();
  });
  return context;
}
