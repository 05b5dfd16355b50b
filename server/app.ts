import compression from 'compression';
import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import { apiRouter } from './http/api.js';
import { corsFor } from './http/cors.js';
import { healthRouter, type Readiness } from './http/health.js';
import { redactedRequest } from './http/log-redaction.js';
import { apiDocs, openApiJson } from './http/openapi.js';
import { notFoundHandler, problemHandler } from './http/problem.js';
import { API_ROUTES } from './http/routes/index.js';
import { adminHeaders, apiHeaders, siteHeaders } from './http/security-headers.js';
import { siteRouter } from './http/site.js';
import { storageFilesRouter } from './http/storage-files.js';
import type { Services } from './modules/context.js';
import { bigintAsJsonInteger } from './shared/money.js';
import { requestId } from './web/request-info.js';

export interface AppDeps {
  services: Services;
  readiness: Readiness;
  /** The AdminJS router (admin/), built before the app because AdminJS bundles its components asynchronously. */
  admin?: Router;
}

/** The one Express app: /healthz, /readyz, /api/v1 (documented at /api/docs), /admin and the built site at /. */
export function createApp({ services, readiness, admin }: AppDeps): Express {
  const { config, db, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // Text answers (the back office's bundles above all, JSON, HTML) go out gzipped to clients that accept it.
  app.use(compression());
  // Cents and view counts are BigInt in the database; JSON carries them as integers (docs/adr/0012), exact below
  // 2^53 or refused, never rounded or turned into strings.
  app.set('json replacer', bigintAsJsonInteger);
  app.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      // Health probes every few seconds would drown the log.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // Response headers are ours and repetitive; the status says what matters.
      serializers: {
        req: redactedRequest,
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    }),
  );

  // Other sites' pages may call the API and the storage URLs only when CORS_ORIGINS lists them.
  app.use(['/api', '/storage'], corsFor(config.corsOrigins));
  // API documentation: Swagger UI has a CSP of its own, so it comes before the API's.
  app.use('/api/docs', apiDocs());
  app.use(['/healthz', '/readyz', '/api'], apiHeaders);
  app.use(healthRouter(db, readiness));
  app.get('/api/openapi.json', openApiJson(API_ROUTES));
  app.use('/api/v1', apiRouter(services));
  // The local storage driver's signed upload and download URLs (absent with S3).
  const storageFiles = storageFilesRouter(services);
  if (storageFiles) app.use('/storage', storageFiles);
  if (admin) app.use('/admin', adminHeaders, admin);
  app.use(siteHeaders);
  const site = siteRouter();
  if (site) app.use(site);
  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
