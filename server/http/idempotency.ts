import type { Request, Response } from 'express';
import type { UserActor } from '../modules/accounts/actor.js';
import type { Services } from '../modules/context.js';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  releaseIdempotencyKey,
  requestHash,
} from '../modules/system/idempotency.js';
import { AppError } from '../shared/errors.js';
import type { RouteSpec } from './route.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The JSON the client receives, as Express would write it (BigInt as strings), so a replay is byte-for-byte alike. */
const asSent = (body: unknown): unknown =>
  body === undefined
    ? undefined
    : JSON.parse(JSON.stringify(body, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));

/**
 * Runs a create route once per `Idempotency-Key` (per caller and route): a retry gets the stored answer with
 * `Idempotent-Replayed: true`. Without the header the route simply runs. Failures store nothing, so a retry
 * after an error runs again.
 */
export async function runIdempotently(
  services: Services,
  route: RouteSpec,
  actor: UserActor,
  req: Request,
  res: Response,
  run: () => Promise<unknown>,
): Promise<{ status: number; body: unknown }> {
  const key = req.get('idempotency-key');
  const status = route.status ?? 200;
  if (key === undefined) return { status, body: await run() };
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid.', {
      issues: [{ path: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
    });
  }
  const scope = { actorId: actor.userId, route: `${route.method.toUpperCase()} ${route.path}`, key };
  const start = await beginIdempotentRequest(
    services.db,
    scope,
    requestHash(req.path, req.body ?? null),
    services.clock.now(),
    services.config.IDEMPOTENCY_ABANDONED_AFTER_SECONDS * 1000,
  );
  if (start.kind === 'replay') {
    res.set('Idempotent-Replayed', 'true');
    return { status: start.status, body: start.body };
  }
  let body: unknown;
  try {
    body = asSent(await run());
  } catch (error) {
    await releaseIdempotencyKey(services.db, start.recordId);
    throw error;
  }
  await completeIdempotentRequest(services.db, start.recordId, status, body);
  return { status, body };
}
