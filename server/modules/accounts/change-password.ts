import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { type Actor, requireInteractive } from './actor.js';
import { assertNotLockedOut, recordFailedLogin } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password.js';
import { revokeAllSessions } from './sessions.js';

/** Changes the caller's password (the current one is required) and signs out every session, this one included. */
export async function changePassword(
  ctx: Ctx,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { userId } = requireInteractive(actor);
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, passwordHash: true },
  });
  // A stolen session must not become an unlimited password oracle: wrong guesses count like failed sign-ins.
  await assertNotLockedOut(ctx, user.email);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordFailedLogin(ctx, userId, user.email, 'password-change');
    throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await revokeAllSessions(tx, ctx.clock, userId);
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      { action: 'auth.password_changed', subjectType: 'User', subjectId: userId },
      now,
    );
  });
}
