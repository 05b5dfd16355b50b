import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { type Actor, requireInteractive } from './actor.js';
import { openToken } from './social-account-records.js';
import { revokeTikTokToken } from './tiktok/tiktok-client.js';

/**
 * Removes one of the caller's connected accounts (someone else's is "not found", so ids reveal nothing) and
 * then asks the platform to end our access. Connected accounts are credentials, so API tokens may not do this.
 */
export async function disconnectSocialAccount(ctx: Ctx, actor: Actor, socialAccountId: string): Promise<void> {
  const user = requireInteractive(actor);
  const now = ctx.clock.now();
  const removed = await ctx.db.$transaction(async (tx) => {
    const account = await tx.socialAccount.findFirst({
      where: { id: socialAccountId, userId: user.userId },
      select: { id: true, platform: true, handle: true, externalId: true, accessTokenEnc: true },
    });
    if (!account) throw new AppError('NOT_FOUND', 'No such connected account.');
    // Guarded delete: a concurrent disconnect of the same row answers "not found" instead of a second event.
    const { count } = await tx.socialAccount.deleteMany({ where: { id: account.id, userId: user.userId } });
    if (count !== 1) throw new AppError('NOT_FOUND', 'No such connected account.');
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: 'social.disconnected',
        subjectType: 'SocialAccount',
        subjectId: account.id,
        before: { platform: account.platform, handle: account.handle, externalId: account.externalId },
      },
      now,
    );
    return account;
  });

  // After the commit, and best effort: the user asked to be disconnected here, and that has happened; a TikTok
  // outage must not undo it. An unrevoked access token dies on its own within a day, and we no longer hold it.
  if (removed.platform !== 'TIKTOK' || !removed.accessTokenEnc) return;
  try {
    const accessToken = openToken(ctx.config, removed.id, 'access', removed.accessTokenEnc);
    await revokeTikTokToken(ctx, accessToken);
  } catch (err) {
    ctx.logger.warn({ err, socialAccountId: removed.id }, 'TikTok revoke failed; the account was disconnected anyway');
  }
}
