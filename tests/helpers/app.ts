import type { Express } from 'express';
import type { AdminMount } from '../../admin/index.js';
import { buildAdmin } from '../../admin/index.js';
import { createApp } from '../../server/app.js';
import { type Config, loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db.js';
import { createLogger } from '../../server/shared/logger.js';

export interface TestApp {
  app: Express;
  config: Config;
  close(): Promise<void>;
}

/** The real Express app on a test database; with the back office when `admin` is set (it builds a bundle). */
export async function createTestApp(db: Db, databaseUrl: string, options: { admin?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PORT: '0' });
  let admin: AdminMount | undefined;
  if (options.admin) admin = await buildAdmin({ config, db, databaseUrl });
  const app = createApp({
    config,
    db,
    logger: createLogger('silent'),
    readiness: { accepting: true },
    admin: admin?.router,
  });
  return { app, config, close: async () => admin?.close() };
}
