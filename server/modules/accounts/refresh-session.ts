import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { issueAccessToken } from './access-token.js';
import { ANONYMOUS } from './actor.js';
import { hashToken } from './secret-token.js';
import { issueSessionTokens, lockUser, revokeFamily, type SessionTokens } from './sessions.js';
import { decryptSecret, encryptSecret, TokenDecryptionError } from './token-cipher.js';

/**
 * How long a rotated refresh token still answers with its successor. Two tabs (or a retry after a lost answer)
 * refreshing the same token at once are one holder, not a thief: both get the same new token.
 */
export const REFRESH_GRACE_MS = 30_000;

const ended = () => new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
const successorAad = (rowId: string) => `${rowId}:successor`;

const ROW = {
  id: true,
  familyId: true,
  expiresAt: true,
  rotatedAt: true,
  revokedAt: true,
  successorId: true,
  successorSealed: true,
  user: { select: { id: true, role: true, adminRole: true, status: true } },
} as const;
type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

const findRow = (db: DbClient, tokenHash: string) => db.refreshToken.findUnique({ where: { tokenHash }, select: ROW });

type Outcome = { tokens: SessionTokens } | { reused: Row; revoked: number } | { ended: true };

/**
 * Trades a refresh token for a new pair. Each refresh token works once, but for REFRESH_GRACE_MS after its
 * rotation it answers with the same successor. Presenting it later means it was copied: the whole family is
 * revoked and the user's access tokens refused, in the same transaction and under the same lock as rotation, so
 * no rotation can slip a live successor past the revocation. A token revoked already (logout, password change,
 * suspension, an earlier reuse) simply ends: there is nothing left to protect, and no alarm to raise.
 */
export async function refreshSession(ctx: Ctx, refreshToken: string): Promise<SessionTokens> {
  const tokenHash = hashToken(refreshToken);
  const found = await ctx.db.refreshToken.findUnique({ where: { tokenHash }, select: { userId: true } });
  if (!found) throw ended();
  // Rotation, logout and revocation all take the user's lock first: the row read below stays true until commit.
  const outcome = await ctx.db.$transaction(async (tx): Promise<Outcome> => {
    await lockUser(tx, found.userId);
    const row = await findRow(tx, tokenHash);
    if (!row) return { ended: true };
    if (row.revokedAt) return { ended: true };
    if (row.rotatedAt) {
      const within = await successorWithinGrace(tx, ctx, row);
      return within ?? { reused: row, revoked: await endReusedFamily(tx, ctx, row) };
    }
    const now = ctx.clock.now();
    if (row.expiresAt <= now || row.user.status !== 'ACTIVE') return { ended: true };
    const successorId = newId('rtk', now.getTime());
    const tokens = await issueSessionTokens(tx, ctx, row.user, {
      id: successorId,
      familyId: row.familyId,
      userAgent: ctx.request.userAgent,
      ip: ctx.request.ip,
    });
    // Only sealed: a copy of the table must not hand out live tokens.
    const successorSealed = encryptSecret(ctx.config, tokens.refreshToken, successorAad(row.id));
    await tx.refreshToken.update({ where: { id: row.id }, data: { rotatedAt: now, successorId, successorSealed } });
    return { tokens };
  });
  if ('tokens' in outcome) return outcome.tokens;
  if ('reused' in outcome) {
    const { user, familyId } = outcome.reused;
    ctx.logger.warn({ userId: user.id, familyId, revoked: outcome.revoked }, 'refresh token reused; family revoked');
  }
  throw ended();
}

/**
 * The successor a rotated token was traded for, if it was rotated within the grace window (undefined past it: a
 * copy). Within the window the successor is handed out even if it was traded in itself since: the holder of this
 * token then holds a spent token, and presenting it after the window still counts as reuse.
 */
async function successorWithinGrace(tx: DbClient, ctx: Ctx, row: Row): Promise<Outcome | undefined> {
  const now = ctx.clock.now();
  const rotatedAt = row.rotatedAt as Date;
  if (now.getTime() - rotatedAt.getTime() > REFRESH_GRACE_MS || !row.successorId || !row.successorSealed) {
    return undefined;
  }
  const successor = await tx.refreshToken.findUnique({
    where: { id: row.successorId },
    select: { expiresAt: true, revokedAt: true },
  });
  // Signed out (or revoked) meanwhile: nothing to continue, and nothing copied either.
  if (!successor || successor.revokedAt || successor.expiresAt <= now || row.user.status !== 'ACTIVE') {
    return { ended: true };
  }
  let refreshToken: string;
  try {
    refreshToken = decryptSecret(ctx.config, row.successorSealed, successorAad(row.id));
  } catch (error) {
    // Sealed under a key since retired: the holder signs in again.
    if (error instanceof TokenDecryptionError) return { ended: true };
    throw error;
  }
  const access = await issueAccessToken(ctx.config, ctx.clock, row.user, row.familyId);
  return {
    tokens: {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt: successor.expiresAt,
    },
  };
}

/** A copied token: the family revoked and every access token of the user refused (as logout does), audited. */
async function endReusedFamily(tx: DbClient, ctx: Ctx, row: Row): Promise<number> {
  const now = ctx.clock.now();
  const revoked = await revokeFamily(tx, ctx.clock, row.familyId);
  await tx.user.update({ where: { id: row.user.id }, data: { tokensValidAfter: now } });
  await recordAuditEvent(
    tx,
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
  return revoked;
}
