import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors.js';
import { newId } from '../../../shared/ids.js';
import type { Ctx } from '../../context.js';
import { type Actor, requireInteractive } from '../actor.js';
import { hashToken } from '../secret-token.js';
import { lockUserForLimit } from '../sessions.js';
import { encryptSecret } from '../token-cipher.js';
import { newPkceVerifier, pkceChallenge, tiktokAuthorizationUrl, tiktokCredentials } from './tiktok-client.js';

export const OAUTH_STATE_TTL_MS = 10 * 60_000;
// Each click on "connect" leaves a row until it expires; a cap keeps one account from filling the table.
const MAX_PENDING_PER_USER = 20;

/** Binds the stored PKCE verifier to its state row, like the tokens are bound to theirs. */
export const codeVerifierAad = (oauthStateId: string) => `oauth-state:${oauthStateId}:pkce`;

/**
 * Begins connecting a TikTok account (clippers and brands, signed in interactively): remembers a random state
 * and a PKCE verifier for ten minutes and answers the TikTok URL to send the browser to. The state travels only
 * through the browser (the database keeps its hash), and the callback accepts it only from the same user, so a
 * link crafted by someone else cannot attach their TikTok account to this user or this user's to theirs.
 */
export async function startTikTokConnection(ctx: Ctx, actor: Actor): Promise<{ authorizationUrl: string }> {
  const user = requireInteractive(actor);
  if (user.role !== 'CLIPPER' && user.role !== 'BRAND') {
    throw new AppError('FORBIDDEN', 'Only clipper and brand accounts connect TikTok accounts.');
  }
  tiktokCredentials(ctx.config);
  const now = ctx.clock.now();

  const state = randomBytes(32).toString('base64url');
  const codeVerifier = newPkceVerifier();
  const id = newId('oas', now.getTime());
  await ctx.db.$transaction(async (tx) => {
    await lockUserForLimit(tx, user.userId);
    await tx.oAuthState.deleteMany({ where: { userId: user.userId, expiresAt: { lte: now } } });
    const pending = await tx.oAuthState.findMany({
      where: { userId: user.userId },
      orderBy: { expiresAt: 'asc' },
      select: { expiresAt: true },
      take: MAX_PENDING_PER_USER,
    });
    if (pending.length >= MAX_PENDING_PER_USER) {
      const oldest = pending[0]?.expiresAt ?? now;
      throw new AppError('RATE_LIMITED', 'Too many TikTok connections in progress; try again in a few minutes.', {
        retryAfterSeconds: Math.max(1, Math.ceil((oldest.getTime() - now.getTime()) / 1000)),
      });
    }
    await tx.oAuthState.create({
      data: {
        id,
        userId: user.userId,
        platform: 'TIKTOK',
        stateHash: hashToken(state),
        codeVerifier: encryptSecret(ctx.config, codeVerifier, codeVerifierAad(id)),
        expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
        createdAt: now,
      },
    });
  });
  return {
    authorizationUrl: tiktokAuthorizationUrl(ctx.config, { state, codeChallenge: pkceChallenge(codeVerifier) }),
  };
}
