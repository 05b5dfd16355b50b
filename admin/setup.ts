import path from 'node:path';
import AdminJSExpress from '@adminjs/express';
import { Database } from '@adminjs/prisma';
import AdminJS, { ComponentLoader } from 'adminjs';
import connectPgSimple from 'connect-pg-simple';
import { Router } from 'express';
import session from 'express-session';
import pg from 'pg';
import type { Config } from '../server/config.js';
import type { Db } from '../server/db.js';
import { authenticateAdmin } from '../server/modules/accounts/authenticate-admin.js';
import { getOperationsOverview } from '../server/modules/system/get-operations-overview.js';
import type { Logger } from '../server/shared/logger.js';
import type { AdminMount } from './index.js';
import { withoutExternalStylesheets } from './offline-pages.js';
import { buildResources } from './resources.js';
import { SafeResource } from './safe-resource.js';

AdminJS.registerAdapter({ Database, Resource: SafeResource });

export interface AdminDeps {
  config: Config;
  db: Db;
  databaseUrl: string;
  logger: Logger;
}

export const ADMIN_ROOT = '/admin';

export async function createAdminRouter({ config, db, databaseUrl, logger }: AdminDeps): Promise<AdminMount> {
  const componentLoader = new ComponentLoader();
  const dashboard = componentLoader.add('OperationsDashboard', path.join(import.meta.dirname, 'components/dashboard'));
  const admin = new AdminJS({
    rootPath: ADMIN_ROOT,
    componentLoader,
    dashboard: { component: dashboard, handler: () => getOperationsOverview(db) },
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    resources: buildResources(db),
    branding: { companyName: 'ContentFlow', withMadeWithLove: false, logo: false },
    locale: {
      language: 'en',
      translations: {
        en: {
          components: {
            Login: {
              welcomeHeader: 'ContentFlow',
              welcomeMessage: 'Back office for operators: campaigns, view verification, disputes and payouts.',
            },
          },
        },
      },
    },
  });

  // In production AdminJS serves a components bundle built at start. Build it before the router exists, so no
  // request can arrive before the file does; the router's own un-awaited initialize() then has nothing to do.
  if (process.env.NODE_ENV === 'production') {
    await admin.initialize();
    process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
  }

  // Sessions live in PostgreSQL so any replica can serve any admin.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  // An idle client dropped by the server (restart, failover) must not take the process down with it.
  pool.on('error', (err) => logger.warn({ err }, 'admin session store: idle connection lost'));
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool,
    tableName: 'admin_sessions',
    createTableIfMissing: false, // created by a migration, so replicas never race to create it
    pruneSessionInterval: 15 * 60,
  });

  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: (email: string, password: string) => authenticateAdmin(db, email, password),
      cookieName: 'cf_admin',
      cookiePassword: config.SESSION_SECRET,
      maxRetries: { count: 10, duration: 60 },
    },
    null,
    {
      store,
      secret: config.SESSION_SECRET,
      resave: false,
      saveUninitialized: false,
      proxy: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.publicUrl.startsWith('https://'),
        maxAge: 8 * 60 * 60 * 1000,
      },
    },
  );

  return {
    router: Router().use(withoutExternalStylesheets, router),
    close: async () => {
      store.close();
      await pool.end();
    },
  };
}
