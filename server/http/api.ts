import express, { type Request, type Response, Router } from 'express';
import type { Services } from '../modules/context.js';
import type { IdempotencyClaim } from '../modules/system/idempotency.js';
import { AppError } from '../shared/errors.js';
import { isSameOrigin, isUnsafe, resolveActor } from './authenticate.js';
import { runIdempotently } from './idempotency.js';
import { ipRateLimit } from './rate-limit.js';
import { requestInfoOf } from './request-id.js';
import type { RouteSpec } from './route.js';
import { API_ROUTES } from './routes/index.js';

function handlerFor(services: Services, route: RouteSpec) {
  return async (req: Request, res: Response) => {
    // A browser write from another site is refused outright, whatever it carries.
    if (isUnsafe(req) && req.get('origin') && !isSameOrigin(req, services.config)) {
      throw new AppError('FORBIDDEN', 'Cross-site request refused.');
    }
    const actor = await resolveActor(services, req, route);
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
  return router;
}
