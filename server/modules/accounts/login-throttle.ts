import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { hitRateCounter, readRateCounter } from '../system/rate-counter.js';
import { ANONYMOUS } from './actor.js';

const HOUR_MS = 3_600_000;
// Keyed by address, not user: an unknown address locks exactly like a known one, so lockouts reveal nothing.
const keyOf = (email: string) => `login-failures:${email}`;

/**
 * Refuses (429 with Retry-After) an address with LOGIN_FAILURES_PER_HOUR failed sign-ins in its current hour.
 * The counter lives in PostgreSQL, so every door (API, back office, password change) and replica counts alike.
 */
export async function assertNotLockedOut(ctx: Ctx, email: string): Promise<void> {
  const now = ctx.clock.now();
  const counter = await readRateCounter(ctx.db, keyOf(email), now);
  if (!counter || counter.hits < ctx.config.LOGIN_FAILURES_PER_HOUR) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((counter.resetAt.getTime() - now.getTime()) / 1000));
  throw new AppError('RATE_LIMITED', 'Too many failed sign-ins for this account. Try again later.', {
    retryAfterSeconds,
  });
}

/** Counts a failed sign-in against the address and audits it (with the address, for an unknown one). */
export async function recordFailedLogin(
  ctx: Ctx,
  userId: string | null,
  email: string,
  door: 'api' | 'back-office' | 'password-change',
): Promise<void> {
  const now = ctx.clock.now();
  await hitRateCounter(ctx.db, keyOf(email), HOUR_MS, now);
  await recordAuditEvent(
    ctx.db,
    ANONYMOUS,
    ctx.request,
    {
      action: 'auth.login_failed',
      subjectType: 'User',
      subjectId: userId,
      after: { email, door },
    },
    now,
  );
}
