import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import type { Actor } from './actor.js';
import { hashToken } from './secret-token.js';
import { lockUser, revokeFamily } from './sessions.js';

/**
 * Ends the session of the refresh token given and the session the caller's access token belongs to (a bearer
 * client may send only that), and refuses the user's access tokens issued until now (other devices get new ones
 * with their own refresh tokens). Quiet when there is nothing to end.
 */
export async function logout(ctx: Ctx, actor: Actor, refreshToken: string | undefined): Promise<void> {
  const now = ctx.clock.now();
  const row = refreshToken
    ? await ctx.db.refreshToken.findUnique({
        where: { tokenHash: hashToken(refreshToken) },
        select: { familyId: true, userId: true },
      })
    : null;
  // An API token is not a sign-in: it cannot end the user's sessions (revoke the token instead).
  const signedIn = actor.kind === 'user' && actor.via !== 'api-token' ? actor : undefined;
  const userId = row?.userId ?? signedIn?.userId;
  if (!userId) return;
  const families = new Set<string>();
  if (row) families.add(row.familyId);
  if (signedIn?.userId === userId && signedIn.sessionId) families.add(signedIn.sessionId);
  await ctx.db.$transaction(async (tx) => {
    await lockUser(tx, userId);
    for (const familyId of families) await revokeFamily(tx, ctx.clock, familyId);
    await tx.user.update({ where: { id: userId }, data: { tokensValidAfter: now } });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      { action: 'auth.logout', subjectType: 'User', subjectId: userId },
      now,
    );
  });
}
