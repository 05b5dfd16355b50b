import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { ANONYMOUS } from './actor.js';
import { consumeOtp } from './otp.js';
import { spendDecoyVerification, verifyPassword } from './password.js';
import { passwordStillHolds } from './password-proof.js';

/**
 * Activates the account with the e-mailed code and the password chosen at sign-up. Both are needed: the code
 * proves the address, the password proves this is the registration the owner made (a later sign-up of the same
 * unverified address replaces the password, so a stranger's registration cannot be activated by the owner's code).
 */
export async function verifySignup(ctx: Ctx, input: { email: string; code: string; password: string }): Promise<void> {
  const checkedAt = ctx.clock.now();
  const user = await ctx.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, emailVerifiedAt: true, passwordHash: true },
  });
  // A verified account has no live sign-up code, so it fails like a wrong code.
  const pending = user && !user.emailVerifiedAt ? user : undefined;
  let passwordMatches = false;
  if (pending) passwordMatches = await verifyPassword(pending.passwordHash, input.password);
  else await spendDecoyVerification(input.password);
  await consumeOtp(ctx, pending?.id, 'SIGNUP', input.code, passwordMatches);
  const now = ctx.clock.now();
  const userId = user?.id as string;
  await ctx.db.$transaction(async (tx) => {
    // A sign-up of the same address that replaced the password since the check must not be activated by it.
    const proof = { userId, passwordHash: pending?.passwordHash as string, checkedAt };
    if (!(await passwordStillHolds(tx, proof))) throw new AppError('OTP_INVALID', 'The code or password is wrong.');
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now } });
    await recordAuditEvent(
      tx,
      ANONYMOUS,
      ctx.request,
      {
        action: 'user.email_verified',
        subjectType: 'User',
        subjectId: userId,
      },
      now,
    );
  });
}
