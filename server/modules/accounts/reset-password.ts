import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { ANONYMOUS } from './actor.js';
import { consumeOtp, sendOtp } from './otp.js';
import { hashPassword } from './password.js';
import { revokeAllSessions } from './sessions.js';

/**
 * E-mails a reset code to an active account. The answer is the same for other addresses, and so is the work
 * (a code is issued to nobody): its timing tells nothing either.
 */
export async function requestPasswordReset(ctx: Ctx, input: { email: string }): Promise<void> {
  const user = await ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true, status: true } });
  const userId = user?.status === 'ACTIVE' ? user.id : null;
  await sendOtp(ctx, { userId, purpose: 'RESET', destination: input.email });
}

/** Sets a new password with the reset code and ends every session of the account and its API tokens. */
export async function resetPassword(
  ctx: Ctx,
  input: { email: string; code: string; newPassword: string },
): Promise<void> {
  const user = await ctx.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, status: true, emailVerifiedAt: true },
  });
  await consumeOtp(ctx, user?.status === 'ACTIVE' ? user.id : undefined, 'RESET', input.code);
  const userId = user?.id as string;
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    // The code reached the inbox, which also proves the address.
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, emailVerifiedAt: user?.emailVerifiedAt ?? now },
    });
    await revokeAllSessions(tx, ctx.clock, userId);
    await recordAuditEvent(
      tx,
      ANONYMOUS,
      ctx.request,
      {
        action: 'auth.password_reset',
        subjectType: 'User',
        subjectId: userId,
      },
      now,
    );
  });
}
