import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { signedInActor } from './actor.js';
import { verifyCredentials } from './login-throttle.js';
import type { Me } from './me.js';
import { passwordStillHolds } from './password-proof.js';
import { issueSessionTokens, type SessionTokens } from './sessions.js';

/** Checks e-mail and password and opens a session: a refresh-token family and a 15-minute access token. */
export async function login(
  ctx: Ctx,
  input: { email: string; password: string },
): Promise<{ user: Me; tokens: SessionTokens }> {
  const checked = await verifyCredentials(ctx, input.email, input.password, 'api');
  if (!checked) throw invalidCredentials();
  const { user, proof } = checked;
  // Told only to someone who knows the password.
  if (!user.emailVerifiedAt) {
    throw new AppError('EMAIL_NOT_VERIFIED', 'Verify your e-mail address with the code we sent.');
  }
  if (user.status !== 'ACTIVE') throw new AppError('ACCOUNT_SUSPENDED', 'This account is suspended.');
  const tokens = await ctx.db.$transaction(async (tx) => {
    // A reset or password change that committed since the check must not miss the session opened here.
    if (!(await passwordStillHolds(tx, proof))) throw invalidCredentials();
    const issued = await issueSessionTokens(tx, ctx, user, { userAgent: ctx.request.userAgent, ip: ctx.request.ip });
    await recordAuditEvent(
      tx,
      signedInActor(user),
      ctx.request,
      { action: 'auth.login', subjectType: 'User', subjectId: user.id },
      ctx.clock.now(),
    );
    return issued;
  });
  return { user, tokens };
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'The e-mail address or password is wrong.');
