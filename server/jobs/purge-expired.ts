import type PgBoss from 'pg-boss';
import { purgeExpiredRecords } from '../modules/accounts/purge-expired-records.js';
import type { Services } from '../modules/context.js';
import { purgeAbandonedUploads } from '../modules/storage/purge-abandoned-uploads.js';

export const PURGE_QUEUE = 'maintenance.purge-expired';
const HOURLY = '17 * * * *';

/** Hourly clean-up of expired sign-in records, stored idempotent answers and abandoned uploads, on one replica. */
export async function registerPurgeExpired(boss: PgBoss, services: Services): Promise<void> {
  await boss.createQueue(PURGE_QUEUE, { name: PURGE_QUEUE, policy: 'stately', retryLimit: 0 });
  await boss.schedule(PURGE_QUEUE, HOURLY);
  await boss.work(PURGE_QUEUE, async () => {
    const purged = await purgeExpiredRecords(services);
    services.logger.info({ purged }, 'expired sign-in records purged');
    const abandoned = await purgeAbandonedUploads(services);
    if (abandoned.uploads > 0) services.logger.info(abandoned, 'abandoned uploads purged');
  });
}
