import { rmSync } from 'node:fs';
import AdminJSExpress from '@adminjs/express';
import { Database } from '@adminjs/prisma';
import AdminJS from 'adminjs';
import { COMPONENTS_OUTPUT_PATH, componentsBundler } from 'adminjs/bundler';
import connectPgSimple from 'connect-pg-simple';
import { type Request, type Response, Router } from 'express';
import session from 'express-session';
import pg from 'pg';
import { AdminLoginLocked, authenticateAdmin } from '../server/modules/accounts/authenticate-admin.js';
import type { Services } from '../server/modules/context.js';
import { getOperationsOverview } from '../server/modules/system/get-operations-overview.js';
import { isStorableText } from '../server/shared/storable-text.js';
import { ipRateLimit } from '../server/web/rate-limit.js';
import { COMPONENTS, componentLoader } from './component-loader.js';
import type { AdminMount } from './index.js';
import { withoutExternalStylesheets } from './offline-pages.js';
import { productionBundles } from './production-bundles.js';
import {
  adminRefusals,
  attachRequestInfo,
  freshAdminSession,
  RESOURCE_PATHS,
  resourceScope,
  sameOriginWrites,
  type WithRequestInfo,
} from './request-guards.js';
import { buildResources } from './resources.js';
import { SafeResource } from './safe-resource.js';

AdminJS.registerAdapter({ Database, Resource: SafeResource });

export interface AdminDeps {
  services: Services;
  databaseUrl: string;
}

export const ADMIN_ROOT = '/admin';

export async function createAdminRouter({ services, databaseUrl }: AdminDeps): Promise<AdminMount> {
  const { config, db, logger } = services;
  const admin = new AdminJS({
    rootPath: ADMIN_ROOT,
    componentLoader,
    dashboard: { component: COMPONENTS.dashboard, handler: () => getOperationsOverview(db) },
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    resources: buildResources(services),
    branding: { companyName: 'ContentFlow', withMadeWithLove: false, logo: false },
    locale: {
      language: 'en',
      translations: {
        en: {
          actions: {
            approve: 'Approve',
            closeForReview: 'Close for review',
            finish: 'Finish',
            discard: 'Discard',
            suspend: 'Suspend',
            reactivate: 'Reactivate',
          },
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

  // Outside production AdminJS would inline a source map into our components' bundle, tripling it. It bundles them
  // on first request but serves any bundle already on disk, however old: drop it so this process's components are
  // the ones served. The path is AdminJS's own (a module that loaded AdminJS before admin/index.ts set
  // ADMIN_JS_TMP_DIR, as tests do, moves it).
  componentsBundler.setOutputOption('sourcemap', false);
  if (process.env.NODE_ENV !== 'production') rmSync(COMPONENTS_OUTPUT_PATH, { force: true });
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

  // Sign-in attempts per IP, counted like the API's /auth routes; over the limit the login page says so.
  const loginLimit = ipRateLimit(
    services,
    'admin-login',
    config.AUTH_RATE_LIMIT_PER_MINUTE,
    60_000,
    async (_req, res) => {
      res
        .status(429)
        .send(await admin.renderLogin({ action: admin.options.loginPath, errorMessage: 'tooManyRequests' }));
    },
  );

  // AdminJS shows a thrown error's message on the login page: only the lockout may get that far.
  const signIn = async (email: unknown, password: unknown, req: Request | undefined, res: Response | undefined) => {
    if (typeof email !== 'string' || typeof password !== 'string' || email.length > 254 || password.length > 128) {
      return null;
    }
    // No account's e-mail holds text PostgreSQL cannot store, and asking would fail rather than find none.
    if (!isStorableText(email)) return null;
    try {
      const request = (req as (Request & WithRequestInfo) | undefined)?.requestInfo ?? {};
      return await authenticateAdmin({ ...services, request }, email, password);
    } catch (error) {
      if (error instanceof AdminLoginLocked) {
        res?.setHeader('Retry-After', String(error.retryAfterSeconds));
        throw error;
      }
      logger.error({ err: error }, 'back-office sign-in failed');
      return null;
    }
  };

  const sessionOptions = {
    store,
    secret: config.SESSION_SECRET,
    name: 'cf_admin',
    resave: false,
    saveUninitialized: false,
    proxy: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: config.publicUrl.startsWith('https://'),
      maxAge: 8 * 60 * 60 * 1000,
    },
  };
  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: (email: unknown, password: unknown, context?: { req: Request; res: Response }) =>
        signIn(email, password, context?.req, context?.res),
      cookieName: 'cf_admin',
      cookiePassword: config.SESSION_SECRET,
      // AdminJS's own retry counter lives in one process's memory; the limiter below is shared through PostgreSQL.
    },
    null,
    sessionOptions,
  );

  return {
    // The session is opened here (AdminJS's own session middleware then finds it and steps aside), so the
    // operator can be re-checked, and held to their role's resources, before any AdminJS route runs.
    router: Router()
      .use(productionBundles())
      .use(sameOriginWrites(config), attachRequestInfo)
      .post('/login', loginLimit)
      .use(withoutExternalStylesheets, session(sessionOptions), freshAdminSession(db))
      .use(RESOURCE_PATHS, resourceScope)
      .use(router)
      .use(adminRefusals),
    close: async () => {
      store.close();
      await pool.end();
    },
  };
}
