import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Services } from '../modules/context.js';
import type { IdempotencyClaim } from '../modules/system/idempotency.js';
import { AppError } from '../shared/errors.js';
import { unstorableText } from '../shared/storable-text.js';
import { ipRateLimit } from '../web/rate-limit.js';
import { requestInfoOf } from '../web/request-info.js';
import { isTrustedOrigin, isUnsafe } from '../web/request-origin.js';
import { resolveActor } from './authenticate.js';
import { runIdempotently } from './idempotency.js';
import type { RouteSpec } from './route.js';
import { API_ROUTES } from './routes/index.js';

/** Every string the caller sent, whatever the route's schemas say of it, must be one PostgreSQL can store. */
function refuseUnstorableText(req: Request): void {
  const issues = [req.params, req.query, req.body].flatMap((input) => unstorableText(input));
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'The request has invalid fields.', { issues });
}

function handlerFor(services: Services, route: RouteSpec) {
  return async (req: Request, res: Response) => {
    // A browser write from another site is refused outright, whatever it carries.
    if (isUnsafe(req) && req.get('origin') && !isTrustedOrigin(req, services.config)) {
      throw new AppError('FORBIDDEN', 'Cross-site request refused.');
    }
    const actor = await resolveActor(services, req, route);
    refuseUnstorableText(req);
    const params = route.params ? route.params.parse(req.params) : req.params;
    const query = route.query ? route.query.parse(req.query) : {};
    const body = route.body ? route.body.parse(req.body ?? {}) : undefined;
    const run = (idempotency?: IdempotencyClaim) =>
      route.handle({
        ctx: { ...services, request: requestInfoOf(req), idempotency },
        actor,
        body,
        params,
        query,
        req,
        res,
      });
    const { status, body: result } =
      route.idempotent && actor.kind === 'user'
        ? await runIdempotently(services, route, actor, req, res, run)
        : { status: route.status ?? 200, body: await run() };
    if (res.headersSent) return;
    if (status === 204) res.status(204).end();
    else res.status(status).json(result);
  };
}

const ALLOW_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * A path of the registry asked with a method it lacks: 405 with an `Allow` header listing the methods it has
 * (RFC 9110), where "no route" would mislead. OPTIONS answers that header alone. A middleware, not a route per path,
 * so the router's routes stay exactly the registry's.
 */
function methodNotAllowed(routes: RouteSpec[]): RequestHandler {
  const patterns = routes.map((route) => ({
    method: route.method.toUpperCase(),
    // Express syntax, as the router matches it: `:name` is one segment, a trailing slash and case do not count.
    path: new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`, 'i'),
  }));
  return (req, res, next) => {
    const methods = new Set(patterns.filter((p) => p.path.test(req.path)).map((p) => p.method));
    if (methods.size === 0) return next();
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    const allow = ALLOW_ORDER.filter((method) => methods.has(method)).join(', ');
    res.set('Allow', allow);
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next(new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; this path takes ${allow}.`));
  };
}

/** The public API under /api/v1: every route comes from the registry (server/http/routes). */
export function apiRouter(services: Services, routes: RouteSpec[] = API_ROUTES): Router {
  const { config } = services;
  const router = Router();
  router.use(express.json({ limit: config.JSON_BODY_LIMIT, strict: true }));
  const otpSends = ipRateLimit(services, 'otp-send', config.OTP_SENDS_PER_IP_PER_HOUR, 3_600_000);
  for (const route of routes) {
    const limits = (route.limits ?? []).map((name) =>
      name === 'otp-send'
        ? otpSends
        : ipRateLimit(services, `auth:${route.method}:${route.path}`, config.AUTH_RATE_LIMIT_PER_MINUTE, 60_000),
    );
    router[route.method](route.path, ...limits, handlerFor(services, route));
  }
  router.use(methodNotAllowed(routes));
  return router;
}
