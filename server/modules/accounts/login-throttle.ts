import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { hitRateCounter, readRateCounter } from '../system/rate-counter.js';
import { ANONYMOUS } from './actor.js';
import { ME_SELECT, type Me, toMe } from './me.js';
import { spendDecoyVerification, verifyPassword } from './password.js';

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

/**
 * The one password check of every door: refuses a locked address (429), spends the same time on unknown
 * addresses, counts and audits a failure. Returns the account for the right password, else null.
 */
export async function verifyCredentials(
  ctx: Ctx,
  email: string,
  password: string,
  door: 'api' | 'back-office',
): Promise<Me | null> {
  await assertNotLockedOut(ctx, email);
  const user = await ctx.db.user.findUnique({ where: { email }, select: { ...ME_SELECT, passwordHash: true } });
  let ok = false;
  if (user) ok = await verifyPassword(user.passwordHash, password);
  else await spendDecoyVerification(password);
  if (!user || !ok) {
    await recordFailedLogin(ctx, user?.id ?? null, email, door);
    return null;
  }
  return toMe(user);
}
