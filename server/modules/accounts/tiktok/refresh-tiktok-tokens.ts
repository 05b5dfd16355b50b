import { AppError } from '../../../shared/errors.js';
import { recordAuditEvent } from '../../audit/record-audit-event.js';
import type { Services } from '../../context.js';
import type { Actor } from '../actor.js';
import { openToken, sealTokens } from '../social-account-records.js';
import { TokenDecryptionError } from '../token-cipher.js';
import { refreshTikTokTokens, tiktokCredentials } from './tiktok-client.js';

// Access tokens live a day; refreshing within the last hour, every ten minutes, leaves six tries before expiry.
export const REFRESH_WINDOW_MS = 60 * 60_000;
// One run is bounded in accounts and in real (not business-clock) time, so it ends well before the job's
// expiry even when TikTok answers slowly; the next run, ten minutes later, takes the rest.
const MAX_PER_RUN = 500;
const RUN_BUDGET_MS = 5 * 60_000;
// When TikTok itself is down, calling it for every remaining account only makes the run slower.
const MAX_UNAVAILABLE_IN_A_ROW = 3;

const JOB_ACTOR: Actor = { kind: 'system', name: 'tiktok-token-refresh' };

type DueAccount = { id: string; refreshTokenEnc: string | null; encryptionKeyId: string | null };

/**
 * Refreshes the TikTok tokens that expire within the hour and seals the new ones under the current key, which
 * is also how rows move off a retired key. One account's failure is logged and counted, never thrown, so it
 * cannot stop the others. When TikTok refuses a refresh token (revoked by the user, expired after a year) the
 * stored tokens are dropped: they will never work again, and the owner has to connect the account anew.
 */
export async function refreshExpiringTikTokTokens(services: Services): Promise<{ refreshed: number; failed: number }> {
  tiktokCredentials(services.config);
  const now = services.clock.now();
  const due = await services.db.socialAccount.findMany({
    where: {
      platform: 'TIKTOK',
      refreshTokenEnc: { not: null },
      tokenExpiresAt: { lte: new Date(now.getTime() + REFRESH_WINDOW_MS) },
    },
    orderBy: [{ tokenExpiresAt: 'asc' }, { id: 'asc' }],
    select: { id: true, refreshTokenEnc: true, encryptionKeyId: true },
    take: MAX_PER_RUN,
  });

  let refreshed = 0;
  let failed = 0;
  let unavailableInARow = 0;
  const started = performance.now();
  for (const account of due) {
    const tikTokDown = unavailableInARow >= MAX_UNAVAILABLE_IN_A_ROW;
    if (tikTokDown || performance.now() - started > RUN_BUDGET_MS) {
      const left = due.length - refreshed - failed;
      services.logger.warn({ left, tikTokDown }, 'TikTok token refresh stopped early; the next run continues');
      break;
    }
    try {
      await refreshOne(services, account, now);
      refreshed += 1;
      unavailableInARow = 0;
    } catch (err) {
      failed += 1;
      const unavailable = err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE';
      unavailableInARow = unavailable ? unavailableInARow + 1 : 0;
      // A value no configured key opens means a key was retired too early: an operator has to act.
      const level = err instanceof TokenDecryptionError ? 'error' : 'warn';
      services.logger[level]({ err, socialAccountId: account.id }, 'TikTok token refresh failed');
    }
  }
  return { refreshed, failed };
}

async function refreshOne(services: Services, account: DueAccount, now: Date): Promise<void> {
  const sealedRefresh = account.refreshTokenEnc as string;
  const refreshToken = openToken(services.config, account.id, 'refresh', sealedRefresh);
  let tokens: Awaited<ReturnType<typeof refreshTikTokTokens>>;
  try {
    tokens = await refreshTikTokTokens(services, refreshToken);
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_REQUEST') await dropTokens(services, account, now);
    throw error;
  }
  const tokenExpiresAt = new Date(now.getTime() + tokens.expiresInSeconds * 1000);
  await services.db.$transaction(async (tx) => {
    // Only if the row still holds the refresh token we used: a reconnect or disconnect meanwhile wins.
    const { count } = await tx.socialAccount.updateMany({
      where: { id: account.id, refreshTokenEnc: sealedRefresh },
      data: { ...sealTokens(services.config, account.id, tokens), tokenExpiresAt },
    });
    if (count !== 1) throw new Error('The account changed while its tokens were being refreshed.');
    await recordAuditEvent(
      tx,
      JOB_ACTOR,
      {},
      {
        action: 'social.tokens_refreshed',
        subjectType: 'SocialAccount',
        subjectId: account.id,
        before: { encryptionKeyId: account.encryptionKeyId },
        after: {
          encryptionKeyId: services.config.TOKEN_ENCRYPTION_KEY_ID,
          tokenExpiresAt: tokenExpiresAt.toISOString(),
        },
      },
      now,
    );
  });
}

async function dropTokens(services: Services, account: DueAccount, now: Date): Promise<void> {
  await services.db.$transaction(async (tx) => {
    const { count } = await tx.socialAccount.updateMany({
      where: { id: account.id, refreshTokenEnc: account.refreshTokenEnc },
      data: { accessTokenEnc: null, refreshTokenEnc: null, encryptionKeyId: null, tokenExpiresAt: null },
    });
    if (count !== 1) return;
    await recordAuditEvent(
      tx,
      JOB_ACTOR,
      {},
      {
        action: 'social.tokens_dropped',
        subjectType: 'SocialAccount',
        subjectId: account.id,
        after: { reason: 'TikTok refused the refresh token' },
      },
      now,
    );
  });
}
