import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { ANONYMOUS } from './actor.js';

const HOUR_MS = 3_600_000;
const FAILED = 'auth.login_failed';

/**
 * Refuses (429) an account with LOGIN_FAILURES_PER_HOUR failed sign-ins in the last hour, until the oldest of
 * them ages out. The failures are the audit events, so every door (API, back office) and replica counts alike.
 */
export async function assertNotLockedOut(ctx: Ctx, userId: string): Promise<void> {
  const now = ctx.clock.now();
  const limit = ctx.config.LOGIN_FAILURES_PER_HOUR;
  const nth = await ctx.db.auditEvent.findFirst({
    where: {
      subjectType: 'User',
      subjectId: userId,
      action: FAILED,
      createdAt: { gt: new Date(now.getTime() - HOUR_MS) },
    },
    orderBy: { createdAt: 'desc' },
    skip: limit - 1,
    select: { createdAt: true },
  });
  if (!nth) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((nth.createdAt.getTime() + HOUR_MS - now.getTime()) / 1000));
  throw new AppError('RATE_LIMITED', 'Too many failed sign-ins for this account. Try again later.', {
    retryAfterSeconds,
  });
}

/** Audits a failed sign-in (the attempted address too, for an unknown one). */
export async function recordFailedLogin(ctx: Ctx, userId: string | null, email: string, door: 'api' | 'back-office') {
  await recordAuditEvent(
    ctx.db,
    ANONYMOUS,
    ctx.request,
    {
      action: FAILED,
      subjectType: 'User',
      subjectId: userId,
      after: { email, door },
    },
    ctx.clock.now(),
  );
}
