import type PgBoss from 'pg-boss';
import { refreshExpiringTikTokTokens } from '../modules/accounts/tiktok/refresh-tiktok-tokens.js';
import type { Services } from '../modules/context.js';

export const TIKTOK_REFRESH_QUEUE = 'tiktok.refresh-tokens';
const EVERY_TEN_MINUTES = '*/10 * * * *';

/**
 * Keeps connected TikTok accounts' tokens fresh: every ten minutes, on one replica (pg-boss schedules once per
 * tick across all of them). With TikTok switched off the schedule is removed, so ticks stop creating jobs that
 * no worker would take.
 */
export async function registerTikTokRefresh(boss: PgBoss, services: Services): Promise<void> {
  if (!services.config.TIKTOK_CLIENT_KEY) {
    await boss.unschedule(TIKTOK_REFRESH_QUEUE);
    return;
  }
  // stately: at most one run active and one waiting, so a slow run (TikTok timing out) neither overlaps the next
  // tick's nor piles ticks up. No retries: the next tick is one.
  await boss.createQueue(TIKTOK_REFRESH_QUEUE, { name: TIKTOK_REFRESH_QUEUE, policy: 'stately', retryLimit: 0 });
  await boss.schedule(TIKTOK_REFRESH_QUEUE, EVERY_TEN_MINUTES);
  await boss.work(TIKTOK_REFRESH_QUEUE, async () => {
    const result = await refreshExpiringTikTokTokens(services);
    if (result.refreshed || result.failed) services.logger.info(result, 'TikTok tokens refreshed');
  });
}
