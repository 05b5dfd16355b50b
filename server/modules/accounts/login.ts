import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import type { UserActor } from './actor.js';
import { assertNotLockedOut, recordFailedLogin } from './login-throttle.js';
import { ME_SELECT, type Me, toMe } from './me.js';
import { spendDecoyVerification, verifyPassword } from './password.js';
import { issueSessionTokens, type SessionTokens } from './sessions.js';

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
    await recordFailedLogin(ctx, subjectId, input.email, 'api');
    return new AppError('INVALID_CREDENTIALS', 'The e-mail address or password is wrong.');
  };
  await assertNotLockedOut(ctx, input.email);
  if (!user) {
    await spendDecoyVerification(input.password);
    throw await refuse(null);
  }
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
