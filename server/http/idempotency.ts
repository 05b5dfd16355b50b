import type { Request, Response } from 'express';
import type { UserActor } from '../modules/accounts/actor.js';
import type { Services } from '../modules/context.js';
import {
  asSent,
  beginIdempotentRequest,
  completeIdempotentRequest,
  type IdempotencyClaim,
  releaseIdempotencyKey,
  requestHash,
} from '../modules/system/idempotency.js';
import { AppError } from '../shared/errors.js';
import type { RouteSpec } from './route.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs a create route once per `Idempotency-Key` (per caller and route): a retry gets the stored answer with
 * `Idempotent-Replayed: true`. Without the header the route simply runs. The claim on the key goes to the use
 * case (`ctx.idempotency`), whose transaction stores the answer with the effect, so a crash at any point leaves
 * the key answered or free, never an effect without its answer. Failures store nothing: a retry runs again.
 */
export async function runIdempotently(
  services: Services,
  route: RouteSpec,
  actor: UserActor,
  req: Request,
  res: Response,
  run: (claim?: IdempotencyClaim) => Promise<unknown>,
): Promise<{ status: number; body: unknown }> {
  const key = req.get('idempotency-key');
  const status = route.status ?? 200;
  if (key === undefined) return { status, body: await run() };
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid.', {
      issues: [{ path: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
    });
  }
  const routeName = `${route.method.toUpperCase()} ${route.path}`;
  const start = await beginIdempotentRequest(
    services.db,
    { actorId: actor.userId, route: routeName, key },
    { hash: requestHash(req.path, req.body ?? null), status },
    services.clock.now(),
    services.config.IDEMPOTENCY_ABANDONED_AFTER_SECONDS * 1000,
  );
  if (start.kind === 'replay') {
    res.set('Idempotent-Replayed', 'true');
    return { status: start.status, body: start.body };
  }
  const { claim } = start;
  let result: unknown;
  try {
    result = await run(claim);
  } catch (error) {
    await releaseIdempotencyKey(services.db, claim);
    throw error;
  }
  if (claim.settled) return { status, body: claim.settled.body };
  // Every idempotent route's use case settles its claim (tests/integration/idempotency.test.ts checks each one);
  // one that does not still gets its answer stored, late, and says so.
  services.logger.error({ route: routeName }, 'idempotent route did not settle its key in its transaction');
  const body = asSent(result);
  await completeIdempotentRequest(services.db, claim, body);
  return { status, body };
}
