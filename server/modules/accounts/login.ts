import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { ANONYMOUS, type UserActor } from './actor.js';
import { ME_SELECT, type Me, toMe } from './me.js';
import { spendDecoyVerification, verifyPassword } from './password.js';
import { issueSessionTokens, type SessionTokens } from './sessions.js';

const HOUR_MS = 3_600_000;
const FAILED = 'auth.login_failed';

/** Refuses (429) an account with LOGIN_FAILURES_PER_HOUR failed sign-ins in the last hour, until the oldest ages out. */
async function assertNotLockedOut(ctx: Ctx, userId: string, now: Date): Promise<void> {
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

/** Checks e-mail and password and opens a session: a refresh-token family and a 15-minute access token. */
export async function login(
  ctx: Ctx,
  input: { email: string; password: string },
): Promise<{ user: Me; tokens: SessionTokens }> {
  const now = ctx.clock.now();
  const user = await ctx.db.user.findUnique({
    where: { email: input.email },
    select: { ...ME_SELECT, passwordHash: true },
  });
  const refuse = async (subjectId: string | null) => {
    await recordAuditEvent(
      ctx.db,
      ANONYMOUS,
      ctx.request,
      {
        action: FAILED,
        subjectType: 'User',
        subjectId,
        after: { email: input.email },
      },
      now,
    );
    return new AppError('INVALID_CREDENTIALS', 'The e-mail address or password is wrong.');
  };
  if (!user) {
    await spendDecoyVerification(input.password);
    throw await refuse(null);
  }
  await assertNotLockedOut(ctx, user.id, now);
  if (!(await verifyPassword(user.passwordHash, input.password))) throw await refuse(user.id);
  // Told only to someone who knows the password.
  if (!user.emailVerifiedAt)
    throw new AppError('EMAIL_NOT_VERIFIED', 'Verify your e-mail address with the code we sent.');
  if (user.status !== 'ACTIVE') throw new AppError('ACCOUNT_SUSPENDED', 'This account is suspended.');
  const actor: UserActor = {
    kind: 'user',
    userId: user.id,
    role: user.role,
    adminRole: user.adminRole,
    via: 'session',
    scopes: [],
  };
  const tokens = await ctx.db.$transaction(async (tx) => {
    const issued = await issueSessionTokens(tx, ctx, user, { userAgent: ctx.request.userAgent, ip: ctx.request.ip });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      { action: 'auth.login', subjectType: 'User', subjectId: user.id },
      now,
    );
    return issued;
  });
  return { user: toMe(user), tokens };
}
