import type PgBoss from 'pg-boss';
import { closeEndedCampaigns } from '../modules/campaigns/close-ended-campaigns.js';
import type { Services } from '../modules/context.js';

export const CLOSE_ENDED_QUEUE = 'campaigns.close-ended';
const EVERY_FIVE_MINUTES = '*/5 * * * *';

/** Moves running campaigns past their end date to UNDER_REVIEW, every five minutes, on one replica at a time. */
export async function registerCloseEndedCampaigns(boss: PgBoss, services: Services): Promise<void> {
  await boss.createQueue(CLOSE_ENDED_QUEUE, { name: CLOSE_ENDED_QUEUE, policy: 'stately', retryLimit: 2 });
  await boss.schedule(CLOSE_ENDED_QUEUE, EVERY_FIVE_MINUTES);
  await boss.work(CLOSE_ENDED_QUEUE, async () => {
    const { closed } = await closeEndedCampaigns({ ...services, request: {} });
    if (closed > 0) services.logger.info({ closed }, 'ended campaigns closed for review');
  });
}
