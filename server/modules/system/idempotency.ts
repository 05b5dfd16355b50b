import { createHash } from 'node:crypto';
import { Prisma } from '@prisma/client';
import type { Db } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';

/** How long keys are remembered (the purge job deletes older records). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface IdempotencyScope {
  actorId: string;
  /** The route pattern, e.g. `POST /campaigns/:id/apply`. */
  route: string;
  key: string;
}

export type IdempotencyStart = { kind: 'first'; recordId: string } | { kind: 'replay'; status: number; body: unknown };

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

/**
 * Claims the key for this request, or answers what the first request with it answered. The same key with
 * another request is a 422; while the first is still running, a 409 asks the caller to retry.
 */
export async function beginIdempotentRequest(
  db: Db,
  scope: IdempotencyScope,
  hash: string,
  now: Date,
  /** A first request still running after this long is taken to have died with its process; a retry may take over. */
  abandonedAfterMs: number,
): Promise<IdempotencyStart> {
  const recordId = newId('idm', now.getTime());
  const inserted = await db.idempotencyRecord.createMany({
    data: [{ id: recordId, ...scope, requestHash: hash, statusCode: 0, createdAt: now }],
    skipDuplicates: true,
  });
  if (inserted.count === 1) return { kind: 'first', recordId };

  const where = { actorId_route_key: scope };
  const existing = await db.idempotencyRecord.findUnique({ where });
  if (!existing) return beginIdempotentRequest(db, scope, hash, now, abandonedAfterMs);
  if (existing.requestHash !== hash) {
    throw new AppError('VALIDATION_FAILED', 'This Idempotency-Key was used with a different request.', {
      issues: [{ path: 'Idempotency-Key', message: 'was already used with a different request' }],
    });
  }
  if (existing.statusCode !== 0) return { kind: 'replay', status: existing.statusCode, body: existing.responseBody };
  if (now.getTime() - existing.createdAt.getTime() < abandonedAfterMs) {
    throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  const taken = await db.idempotencyRecord.updateMany({
    where: { id: existing.id, statusCode: 0, createdAt: existing.createdAt },
    data: { createdAt: now },
  });
  if (taken.count === 1) return { kind: 'first', recordId: existing.id };
  return beginIdempotentRequest(db, scope, hash, now, abandonedAfterMs);
}

/** Stores the answer for retries. */
export async function completeIdempotentRequest(db: Db, recordId: string, status: number, body: unknown) {
  await db.idempotencyRecord.update({
    where: { id: recordId },
    data: { statusCode: status, responseBody: body === undefined ? Prisma.JsonNull : (body as Prisma.InputJsonValue) },
  });
}

/** A failed first request leaves nothing behind: the caller may retry the same key once the cause is fixed. */
export async function releaseIdempotencyKey(db: Db, recordId: string) {
  await db.idempotencyRecord.deleteMany({ where: { id: recordId, statusCode: 0 } });
}
