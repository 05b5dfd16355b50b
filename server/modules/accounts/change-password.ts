import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { type Actor, requireInteractive } from './actor.js';
import { confirmPassword } from './login-throttle.js';
import { hashPassword } from './password.js';
import { requirePasswordStillHolds } from './password-proof.js';
import { revokeAllSessions } from './sessions.js';

/**
 * Changes the caller's password (the current one is required) and ends every session, this one included, and
 * every API token.
 */
export async function changePassword(
  ctx: Ctx,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { userId } = requireInteractive(actor);
  // A stolen session must not become an unlimited password oracle: the check is throttled like a sign-in.
  const proof = await confirmPassword(ctx, userId, input.currentPassword, 'password-change');
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    // A reset since the check wins: the old password must not overwrite the one it set.
    await requirePasswordStillHolds(tx, proof);
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
