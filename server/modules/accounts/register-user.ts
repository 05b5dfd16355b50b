import { Prisma } from '@prisma/client';
import { newId } from '../../shared/ids.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { ANONYMOUS } from './actor.js';
import { sendOtp } from './otp.js';
import { hashPassword } from './password.js';
import type { RegisterInput } from './schemas.js';
import { lockUser } from './sessions.js';

/**
 * Creates an unverified BRAND or CLIPPER and e-mails a sign-up code. The caller learns nothing about whether the
 * address was taken: a verified owner gets a "someone tried to sign up" note instead, and an unverified
 * registration is replaced (whoever proves the address with the code owns the account). Every path does the same
 * work (a password hash, a write with its audit event, a code issued, one e-mail within the address's limits), so
 * timing tells nothing either.
 */
export async function registerUser(ctx: Ctx, input: RegisterInput): Promise<void> {
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(input.password);
  const existing = await ctx.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, emailVerifiedAt: true },
  });
  if (existing?.emailVerifiedAt) {
    await ctx.db.$transaction(async (tx) => {
      await lockUser(tx, existing.id);
      await recordAuditEvent(
        tx,
        ANONYMOUS,
        ctx.request,
        { action: 'user.registration_refused', subjectType: 'User', subjectId: existing.id },
        now,
      );
    });
    // The code goes to nobody: the owner has an account, and gets the note below instead. The note keeps the
    // code's limits (cooldown, hourly share of the address), as a code for a new account would.
    const outcome = await sendOtp(ctx, { userId: null, purpose: 'SIGNUP', destination: input.email });
    if (outcome !== 'sent') return;
    ctx.mailer.sendInBackground({
      to: input.email,
      subject: 'Someone tried to sign up with your address',
      text: 'You already have a ContentFlow account. If this was you, sign in or reset your password.',
    });
    return;
  }
  const userId = existing?.id ?? newId('usr', now.getTime());
  try {
    await ctx.db.$transaction(async (tx) => {
      if (existing) {
        await tx.user.update({ where: { id: userId }, data: { passwordHash, role: input.role } });
      } else {
        await tx.user.create({
          data: { id: userId, email: input.email, passwordHash, role: input.role, createdAt: now },
        });
      }
      await recordAuditEvent(
        tx,
        ANONYMOUS,
        ctx.request,
        {
          action: 'user.registered',
          subjectType: 'User',
          subjectId: userId,
          after: { email: input.email, role: input.role, ...(existing ? { replacedUnverified: true } : {}) },
        },
        now,
      );
    });
  } catch (error) {
    // A concurrent registration of the same address won the insert: answer as for any taken address.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return;
    throw error;
  }
  await sendOtp(ctx, { userId, purpose: 'SIGNUP', destination: input.email });
}
