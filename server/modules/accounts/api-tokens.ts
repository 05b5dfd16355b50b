import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx, Services } from '../context.js';
import { type Actor, isAdmin, requireInteractive, type TokenScope } from './actor.js';
import { confirmPassword } from './login-throttle.js';
import { requirePasswordStillHolds } from './password-proof.js';
import { hashToken, newSecretToken } from './secret-token.js';

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

const VIEW = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
} as const;
const MAX_LIVE_TOKENS = 50;

/**
 * Creates a personal API token; the secret is in this answer only (the database keeps its hash). The current
 * password is asked for, so a borrowed session cannot leave a credential behind that outlives it.
 */
export async function createApiToken(
  ctx: Ctx,
  actor: Actor,
  input: { name: string; scopes: TokenScope[]; expiresInDays?: number; currentPassword: string },
): Promise<ApiTokenView & { token: string }> {
  const user = requireInteractive(actor);
  const scopes = [...new Set(input.scopes)];
  // The rule every admin route applies: role ADMIN with an admin role (an interactive credential has every scope).
  if (scopes.includes('ADMIN') && !isAdmin(user)) {
    throw new AppError('FORBIDDEN', 'Only admins can create tokens with the ADMIN scope.');
  }
  const proof = await confirmPassword(ctx, user.userId, input.currentPassword, 'api-token');
  const now = ctx.clock.now();
  const token = newSecretToken('apiToken');
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const view = await ctx.db.$transaction(async (tx) => {
    // Under the user's row lock: parallel mints queue here, so none can pass the limit, and a reset that
    // committed since the password check refuses the mint rather than miss the token.
    await requirePasswordStillHolds(tx, proof);
    // Live as authenticate sees it: neither revoked nor expired (app clock); expired tokens take no room.
    const live = await tx.apiToken.count({
      where: { userId: user.userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    });
    if (live >= MAX_LIVE_TOKENS) {
      throw new AppError('CONFLICT', `At most ${MAX_LIVE_TOKENS} live tokens; revoke one first.`);
    }
    const created = await tx.apiToken.create({
      data: {
        id: newId('atk', now.getTime()),
        userId: user.userId,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        scopes,
        expiresAt,
        createdAt: now,
      },
      select: VIEW,
    });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: 'api_token.created',
        subjectType: 'ApiToken',
        subjectId: created.id,
        after: { name: created.name, scopes, expiresAt: expiresAt?.toISOString() ?? null },
      },
      now,
    );
    return created;
  });
  return { ...view, token };
}

/** The caller's tokens, newest first, without secrets. */
export async function listApiTokens(services: Pick<Services, 'db'>, actor: Actor): Promise<ApiTokenView[]> {
  const user = requireInteractive(actor);
  return services.db.apiToken.findMany({ where: { userId: user.userId }, orderBy: { id: 'desc' }, select: VIEW });
}

/** Revokes one of the caller's tokens; someone else's token is "not found". */
export async function revokeApiToken(ctx: Ctx, actor: Actor, tokenId: string): Promise<void> {
  const user = requireInteractive(actor);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, userId: user.userId },
      select: { revokedAt: true },
    });
    if (!token) throw new AppError('NOT_FOUND', 'No such token.');
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now } });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      { action: 'api_token.revoked', subjectType: 'ApiToken', subjectId: tokenId },
      now,
    );
  });
}
