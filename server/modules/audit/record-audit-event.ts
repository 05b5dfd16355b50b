import type { Prisma } from '@prisma/client';
import type { DbClient } from '../../db.js';
import { newId } from '../../shared/ids.js';
import type { Actor } from '../accounts/actor.js';
import type { RequestInfo } from '../context.js';

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/** Appends an audit event; pass the transaction so the event commits with the change it records. */
export async function recordAuditEvent(
  db: DbClient,
  actor: Actor,
  request: RequestInfo,
  event: AuditInput,
  now: Date,
): Promise<void> {
  // Who acted, not what they may do (that is isAdmin's): an admin account's action is labelled ADMIN whatever
  // credential or scope carried it, so the trail does not hide admins acting with a narrower token.
  const actorType =
    actor.kind === 'system' ? 'SYSTEM' : actor.kind === 'user' && actor.role === 'ADMIN' ? 'ADMIN' : 'USER';
  await db.auditEvent.create({
    data: {
      id: newId('aud', now.getTime()),
      actorType,
      actorId: actor.kind === 'user' ? actor.userId : null,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId ?? null,
      before: event.before,
      after: event.after,
      requestId: request.requestId ?? null,
      ip: request.ip ?? null,
      createdAt: now,
    },
  });
}
