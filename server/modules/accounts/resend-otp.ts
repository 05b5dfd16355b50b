import type { Ctx } from '../context.js';
import { sendOtp } from './otp.js';

/**
 * Sends a new code for a pending sign-up or password reset. Answers nothing: unknown addresses, verified ones
 * asking for a sign-up code and cooldowns all look alike to the caller, in answer and in time (the same work
 * runs, issuing the code to nobody).
 */
export async function resendOtp(ctx: Ctx, input: { email: string; purpose: 'SIGNUP' | 'RESET' }): Promise<void> {
  const user = await ctx.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, emailVerifiedAt: true, status: true },
  });
  const entitled = user?.status === 'ACTIVE' && !(input.purpose === 'SIGNUP' && user.emailVerifiedAt);
  await sendOtp(ctx, { userId: entitled ? user.id : null, purpose: input.purpose, destination: input.email });
}
