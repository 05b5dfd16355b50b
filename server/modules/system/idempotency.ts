import { createHash } from 'node:crypto';
import { Prisma } from '@prisma/client';
import type { Db, DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { bigintAsJsonInteger } from '../../shared/money.js';

/** How long keys are remembered (the purge job deletes older records). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface IdempotencyScope {
  actorId: string;
  /** The route pattern, e.g. `POST /campaigns/:id/apply`. */
  route: string;
  key: string;
}

/**
 * A key held by the request now running. It travels in `ctx.idempotency` to the use case, whose transaction
 * settles it (settleIdempotencyClaim) together with the effect: after a crash the key is either answered or free.
 */
export interface IdempotencyClaim {
  recordId: string;
  /** The record's `createdAt` as this request claimed it; a retry taking the key over moves it, so it tells owners apart. */
  claimedAt: Date;
  /** The success status the route answers. */
  status: number;
  /** Set once the use case's transaction has stored the answer (it commits with the effect). */
  settled?: { body: unknown };
}

export type IdempotencyStart =
  | { kind: 'first'; claim: IdempotencyClaim }
  | { kind: 'replay'; status: number; body: unknown };

/** Hash of what makes two requests "the same": the concrete path and the body, key order ignored. */
export function requestHash(path: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([path, canonical(body)]))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The JSON the client receives, as Express would write it (BigInt as JSON integers, docs/adr/0012), so a replay is byte-for-byte alike. */
export const asSent = (body: unknown): unknown =>
  body === undefined ? undefined : JSON.parse(JSON.stringify(body, bigintAsJsonInteger));

const STILL_RUNNING = 'A request with this Idempotency-Key is still being processed; retry shortly.';

/**
 * Claims the key for this request, or answers what the first request with it answered. The same key with
 * another request is a 422; while the first is still running, a 409 asks the caller to retry. A claim older than
 * `abandonedAfterMs` belonged to a request that died before its transaction committed (had it committed, the key
 * would be answered): the retry takes it over and does the work.
 */
export async function beginIdempotentRequest(
  db: Db,
  scope: IdempotencyScope,
  request: { hash: string; status: number },
  now: Date,
  abandonedAfterMs: number,
): Promise<IdempotencyStart> {
  const { hash, status } = request;
  const recordId = newId('idm', now.getTime());
  const inserted = await db.idempotencyRecord.createMany({
    data: [{ id: recordId, ...scope, requestHash: hash, statusCode: 0, createdAt: now }],
    skipDuplicates: true,
  });
  if (inserted.count === 1) return { kind: 'first', claim: { recordId, claimedAt: now, status } };

  const where = { actorId_route_key: scope };
  const existing = await db.idempotencyRecord.findUnique({ where });
  if (!existing) return beginIdempotentRequest(db, scope, request, now, abandonedAfterMs);
  if (existing.requestHash !== hash) {
    throw new AppError('VALIDATION_FAILED', 'This Idempotency-Key was used with a different request.', {
      issues: [{ path: 'Idempotency-Key', message: 'was already used with a different request' }],
    });
  }
  if (existing.statusCode !== 0) return { kind: 'replay', status: existing.statusCode, body: existing.responseBody };
  if (now.getTime() - existing.createdAt.getTime() < abandonedAfterMs) throw new AppError('CONFLICT', STILL_RUNNING);
  const taken = await db.idempotencyRecord.updateMany({
    where: { id: existing.id, statusCode: 0, createdAt: existing.createdAt },
    data: { createdAt: now },
  });
  if (taken.count === 1) return { kind: 'first', claim: { recordId: existing.id, claimedAt: now, status } };
  return beginIdempotentRequest(db, scope, request, now, abandonedAfterMs);
}

/**
 * Stores the answer under the key, inside the transaction that makes the effect, and returns the answer. Without
 * a claim (no key sent, or a caller other than the API) it only returns it. If a retry took the key over meanwhile
 * (this request ran past the abandonment window), the update finds nothing and the 409 rolls this attempt back:
 * the key's work is done once, by whichever transaction settles first.
 */
export async function settleIdempotencyClaim<T>(
  tx: DbClient,
  claim: IdempotencyClaim | undefined,
  answer: T,
): Promise<T> {
  if (!claim) return answer;
  const body = asSent(answer);
  if (!(await storeAnswer(tx, claim, body))) throw new AppError('CONFLICT', STILL_RUNNING);
  claim.settled = { body };
  return answer;
}

/** Stores the answer under the key while this request still holds it; false when a retry took the key over. */
async function storeAnswer(db: DbClient, claim: IdempotencyClaim, body: unknown): Promise<boolean> {
  const stored = await db.idempotencyRecord.updateMany({
    where: { id: claim.recordId, statusCode: 0, createdAt: claim.claimedAt },
    data: { statusCode: claim.status, responseBody: storable(body) },
  });
  return stored.count === 1;
}

/** The answer stored after the fact, for a create whose use case does not settle its claim (see runIdempotently). */
export async function completeIdempotentRequest(db: Db, claim: IdempotencyClaim, body: unknown) {
  await storeAnswer(db, claim, body);
}

/** A failed first request leaves nothing behind: the caller may retry the same key once the cause is fixed. */
export async function releaseIdempotencyKey(db: Db, claim: IdempotencyClaim) {
  await db.idempotencyRecord.deleteMany({ where: { id: claim.recordId, statusCode: 0, createdAt: claim.claimedAt } });
}

const storable = (body: unknown) => (body === undefined ? Prisma.JsonNull : (body as Prisma.InputJsonValue));
