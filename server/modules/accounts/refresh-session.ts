import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { ANONYMOUS } from './actor.js';
import { hashToken } from './secret-token.js';
import { issueSessionTokens, lockUser, revokeFamily, type SessionTokens } from './sessions.js';

const ended = () => new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');

/**
 * Trades a refresh token for a new pair. Each refresh token works once: presenting a rotated or revoked one
 * means it was copied, so the whole family is revoked and both holders must sign in again.
 */
export async function refreshSession(ctx: Ctx, refreshToken: string): Promise<SessionTokens> {
  const now = ctx.clock.now();
  const row = await ctx.db.refreshToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    select: {
      id: true,
      familyId: true,
      expiresAt: true,
      rotatedAt: true,
      revokedAt: true,
      user: { select: { id: true, role: true, adminRole: true, status: true } },
    },
  });
  if (!row) throw ended();
  const reuse = async () => {
    const revoked = await revokeFamily(ctx.db, ctx.clock, row.familyId);
    await recordAuditEvent(
      ctx.db,
      ANONYMOUS,
      ctx.request,
      {
        action: 'auth.refresh_token_reused',
        subjectType: 'User',
        subjectId: row.user.id,
        after: { familyId: row.familyId, revoked },
      },
      now,
    );
    ctx.logger.warn({ userId: row.user.id, familyId: row.familyId }, 'refresh token reused; family revoked');
    return ended();
  };
  if (row.rotatedAt || row.revokedAt) throw await reuse();
  if (row.expiresAt <= now || row.user.status !== 'ACTIVE') throw ended();
  const tokens = await ctx.db.$transaction(async (tx) => {
    await lockUser(tx, row.user.id);
    const { count } = await tx.refreshToken.updateMany({
      where: { id: row.id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: now },
    });
    if (count === 0) return null;
    return issueSessionTokens(tx, ctx, row.user, {
      familyId: row.familyId,
      userAgent: ctx.request.userAgent,
      ip: ctx.request.ip,
    });
  });
  // Another request rotated it between our read and write: the same token was used twice.
  if (!tokens) throw await reuse();
  return tokens;
}
