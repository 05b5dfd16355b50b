import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { ANONYMOUS } from './actor.js';
import { consumeOtp } from './otp.js';

/** Proves the address with the e-mailed code and activates the account. */
export async function verifySignup(ctx: Ctx, input: { email: string; code: string }): Promise<void> {
  const user = await ctx.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, emailVerifiedAt: true },
  });
  // A verified account has no live sign-up code, so this fails like a wrong code.
  await consumeOtp(ctx, user && !user.emailVerifiedAt ? user.id : undefined, 'SIGNUP', input.code);
  const now = ctx.clock.now();
  const userId = user?.id as string;
  await ctx.db.$transaction(async (tx) => {
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
