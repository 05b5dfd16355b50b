import { ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { hitRateCounter, readRateCounter, undoRateHit } from '../system/rate-counter.js';
import { ANONYMOUS } from './actor.js';
import { ME_SELECT, type Me, toMe } from './me.js';
import { spendDecoyVerification, verifyPassword } from './password.js';
import { type PasswordProof, wrongCurrentPassword } from './password-proof.js';

const HOUR_MS = 3_600_000;
/** Wrong passwords one client (IPv4 address or IPv6 /64) may try for one address before it has to wait. */
export const CLIENT_FREE_FAILURES = 5;
/** The first wait; each further failure from the same client doubles it. */
export const CLIENT_FIRST_DELAY_MS = 30_000;
// A client's failures are forgotten a day after its first one (or at its next right password).
const CLIENT_MEMORY_MS = 24 * HOUR_MS;

// Keyed by address, not user: an unknown address throttles exactly like a known one, so refusals reveal nothing.
const addressKey = (email: string) => `login-failures:${email}`;
const clientKey = (ctx: Ctx, email: string) => `${email}|${throttleClientOf(ctx.request.ip)}`;

/**
 * The client a failed check counts against: the IPv4 address (also when written IPv4-mapped, `::ffff:a.b.c.d`),
 * or the /64 network of an IPv6 address. A host is routinely given a whole /64 and can change address at will;
 * counted per address it would get five free failures on each, enough to reach the per-address ceiling alone.
 */
export function throttleClientOf(ip: string | undefined): string {
  return ip ? ipKeyGenerator(ip, 64) : 'unknown';
}

export type Door = 'api' | 'back-office' | 'password-change' | 'api-token' | 'payout-details';

const refused = (waitMs: number, message: string) =>
  new AppError('RATE_LIMITED', message, { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });
const addressLocked = (waitMs: number) =>
  refused(waitMs, 'Too many failed sign-ins for this account. Try again later.');

/**
 * Claims one password check for (address, client), counted as a failure until it succeeds; refuses while the
 * client waits out its delay. Claiming before checking, under the row lock, means parallel guesses cannot all
 * slip in before the first failure is written.
 */
async function claimClientAttempt(ctx: Ctx, key: string): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "LoginThrottle" ("key", "failures", "expiresAt")
      VALUES (${key}, 0, ${new Date(now.getTime() + CLIENT_MEMORY_MS)})
      ON CONFLICT ("key") DO NOTHING`;
    const [row] = await tx.$queryRaw<{ failures: number; blockedUntil: Date | null; expiresAt: Date }[]>`
      SELECT "failures", "blockedUntil", "expiresAt" FROM "LoginThrottle" WHERE "key" = ${key} FOR UPDATE`;
    if (!row) throw new Error('login throttle row vanished');
    const forgotten = row.expiresAt <= now;
    if (!forgotten && row.blockedUntil && row.blockedUntil > now) return row.blockedUntil.getTime() - now.getTime();
    const failures = (forgotten ? 0 : row.failures) + 1;
    const extra = failures - CLIENT_FREE_FAILURES;
    // Set now, before the check: a wrong password leaves it in place, the right one deletes the row.
    const blockedUntil = extra >= 0 ? new Date(now.getTime() + CLIENT_FIRST_DELAY_MS * 2 ** Math.min(extra, 20)) : null;
    await tx.loginThrottle.update({
      where: { key },
      data: { failures, blockedUntil, expiresAt: forgotten ? new Date(now.getTime() + CLIENT_MEMORY_MS) : undefined },
    });
    return 0;
  });
}

/**
 * Admits one password check for `email` from this client, or refuses with 429 and Retry-After:
 * - per client (address + IP): CLIENT_FREE_FAILURES wrong passwords, then waits of 30 s, 60 s, 120 s, … One
 *   client therefore cannot lock the owner out: the right password from another IP still works.
 * - per address, across all clients: at most LOGIN_FAILURES_PER_HOUR wrong passwords in the current hour,
 *   against guessing from many IPs; past it, every client is refused until the hour ends.
 * Returns the release to call when the password was right (the attempt then counts as no failure).
 */
async function admitAttempt(ctx: Ctx, email: string): Promise<() => Promise<void>> {
  const limit = ctx.config.LOGIN_FAILURES_PER_HOUR;
  const now = ctx.clock.now();
  const counter = await readRateCounter(ctx.db, addressKey(email), now);
  if (counter && counter.hits >= limit) throw addressLocked(counter.resetAt.getTime() - now.getTime());
  const key = clientKey(ctx, email);
  const waitMs = await claimClientAttempt(ctx, key);
  if (waitMs > 0) throw refused(waitMs, 'Too many failed sign-ins from here. Try again later.');
  const hit = await hitRateCounter(ctx.db, addressKey(email), HOUR_MS, now);
  if (hit.hits > limit) throw addressLocked(hit.resetAt.getTime() - now.getTime());
  return async () => {
    await undoRateHit(ctx.db, addressKey(email));
    await ctx.db.loginThrottle.deleteMany({ where: { key } });
  };
}

/** Audits a failed sign-in (with the address, for an unknown one); admitAttempt has already counted it. */
async function auditFailedLogin(ctx: Ctx, userId: string | null, email: string, door: Door): Promise<void> {
  await recordAuditEvent(
    ctx.db,
    ANONYMOUS,
    ctx.request,
    { action: 'auth.login_failed', subjectType: 'User', subjectId: userId, after: { email, door } },
    ctx.clock.now(),
  );
}

/**
 * The one password check of every door (sign-in, back office, and the re-authentication before a password
 * change, an API token or new payout details): throttled as above, the same time spent on unknown addresses,
 * failures audited. Returns the account and the proof for the right password, else null; the door checks the
 * proof again under the user's lock where it writes (password-proof.ts).
 */
export async function verifyCredentials(
  ctx: Ctx,
  email: string,
  password: string,
  door: Door,
): Promise<{ user: Me; proof: PasswordProof } | null> {
  // Noted before the hash is read: a reset committing after this instant is seen when the door writes.
  const checkedAt = ctx.clock.now();
  const release = await admitAttempt(ctx, email);
  const user = await ctx.db.user.findUnique({ where: { email }, select: { ...ME_SELECT, passwordHash: true } });
  let ok = false;
  if (user) ok = await verifyPassword(user.passwordHash, password);
  else await spendDecoyVerification(password);
  if (!user || !ok) {
    await auditFailedLogin(ctx, user?.id ?? null, email, door);
    return null;
  }
  await release();
  return { user: toMe(user), proof: { userId: user.id, passwordHash: user.passwordHash, checkedAt } };
}

/**
 * Re-authenticates the signed-in user `userId` with their password before a sensitive change; refuses generically.
 * The change passes the proof to requirePasswordStillHolds in its transaction.
 */
export async function confirmPassword(ctx: Ctx, userId: string, password: string, door: Door): Promise<PasswordProof> {
  const { email } = await ctx.db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const checked = await verifyCredentials(ctx, email, password, door);
  if (checked?.user.id !== userId) throw wrongCurrentPassword();
  return checked.proof;
}
