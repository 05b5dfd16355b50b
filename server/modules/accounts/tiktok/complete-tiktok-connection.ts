import { Prisma } from '@prisma/client';
import { AppError } from '../../../shared/errors.js';
import { newId } from '../../../shared/ids.js';
import { recordAuditEvent } from '../../audit/record-audit-event.js';
import type { Ctx } from '../../context.js';
import { type Actor, requireInteractive } from '../actor.js';
import { hashToken } from '../secret-token.js';
import { SOCIAL_ACCOUNT_VIEW, type SocialAccountView, sealTokens } from '../social-account-records.js';
import type { TikTokCallbackQuery } from '../social-schemas.js';
import { decryptSecret } from '../token-cipher.js';
import { codeVerifierAad } from './start-tiktok-connection.js';
import { exchangeTikTokCode, fetchTikTokUser, tiktokCredentials } from './tiktok-client.js';

const invalidState = () =>
  new AppError('BAD_REQUEST', 'This TikTok authorization is invalid or has expired; start connecting again.');

/**
 * The end of the TikTok redirect: spends the state, trades the code for tokens, asks TikTok who the user is and
 * stores (or refreshes) the connection with its tokens encrypted. Owning the TikTok account is proven by the
 * OAuth round trip itself, so the account is VERIFIED at once. One TikTok account belongs to one ContentFlow
 * account: views and payouts hang off it.
 */
export async function completeTikTokConnection(
  ctx: Ctx,
  actor: Actor,
  input: TikTokCallbackQuery,
): Promise<SocialAccountView> {
  const user = requireInteractive(actor);
  tiktokCredentials(ctx.config);
  const now = ctx.clock.now();

  if (input.error) {
    // Declined or refused at TikTok: the state is spent either way, so it cannot be replayed with a code later.
    if (input.state) {
      await ctx.db.oAuthState.deleteMany({ where: { stateHash: hashToken(input.state), userId: user.userId } });
    }
    throw new AppError('BAD_REQUEST', 'TikTok did not grant access; nothing was connected.', {
      internal: `TikTok authorization error: ${input.error}`,
    });
  }
  if (!input.code || !input.state) throw new AppError('BAD_REQUEST', 'The TikTok callback lacks its code or state.');

  const codeVerifier = await spendState(ctx, user.userId, input.state, now);
  const tokens = await exchangeTikTokCode(ctx, { code: input.code, codeVerifier });
  const tiktokUser = await fetchTikTokUser(ctx, tokens.accessToken);
  if (tiktokUser.openId !== tokens.openId) {
    throw new AppError('SERVICE_UNAVAILABLE', 'TikTok answered inconsistently; try connecting again.', {
      internal: 'TikTok user info names another open_id than the token',
    });
  }
  // A display name may be empty; the handle column may not, and the open_id at least identifies the account.
  const handle = tiktokUser.displayName.trim() || tokens.openId;
  const alreadyConnected = new AppError('CONFLICT', 'This TikTok account is connected to another ContentFlow account.');

  try {
    return await ctx.db.$transaction(async (tx) => {
      const existing = await tx.socialAccount.findUnique({
        where: { platform_externalId: { platform: 'TIKTOK', externalId: tokens.openId } },
        select: { id: true, userId: true, handle: true },
      });
      // The fresh tokens are dropped, not revoked: revoking at TikTok would end the other owner's access too.
      if (existing && existing.userId !== user.userId) throw alreadyConnected;
      const id = existing?.id ?? newId('soc', now.getTime());
      const data = {
        handle,
        ...sealTokens(ctx.config, id, tokens),
        tokenExpiresAt: new Date(now.getTime() + tokens.expiresInSeconds * 1000),
        verificationStatus: 'VERIFIED' as const,
        verifiedAt: now,
      };
      const account = existing
        ? await tx.socialAccount.update({ where: { id }, data, select: SOCIAL_ACCOUNT_VIEW })
        : await tx.socialAccount.create({
            data: { id, userId: user.userId, platform: 'TIKTOK', externalId: tokens.openId, createdAt: now, ...data },
            select: SOCIAL_ACCOUNT_VIEW,
          });
      await recordAuditEvent(
        tx,
        actor,
        ctx.request,
        {
          action: 'social.connected',
          subjectType: 'SocialAccount',
          subjectId: id,
          before: existing ? { handle: existing.handle } : undefined,
          after: { platform: 'TIKTOK', externalId: tokens.openId, handle, scope: tokens.scope },
        },
        now,
      );
      return account;
    });
  } catch (error) {
    // Two users finishing with the same TikTok account at once: the unique (platform, externalId) decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw alreadyConnected;
    throw error;
  }
}

/** The PKCE verifier of a live state of this user's, deleting the state so it works once. */
async function spendState(ctx: Ctx, userId: string, state: string, now: Date): Promise<string> {
  const row = await ctx.db.oAuthState.findUnique({
    where: { stateHash: hashToken(state) },
    select: { id: true, userId: true, platform: true, codeVerifier: true, expiresAt: true },
  });
  // Another user's state is refused and left alone: it says nothing about who is calling now.
  if (!row || row.userId !== userId || row.platform !== 'TIKTOK') throw invalidState();
  // Of two callbacks racing with one state, only the one whose delete removed the row goes on.
  const { count } = await ctx.db.oAuthState.deleteMany({ where: { id: row.id } });
  if (count !== 1 || row.expiresAt <= now) throw invalidState();
  try {
    return decryptSecret(ctx.config, row.codeVerifier, codeVerifierAad(row.id));
  } catch {
    throw invalidState();
  }
}
