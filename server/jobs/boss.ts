import PgBoss from 'pg-boss';
import type { Services } from '../modules/context.js';
import { registerCloseEndedCampaigns } from './close-ended-campaigns.js';
import { registerPurgeExpired } from './purge-expired.js';
import { registerTikTokRefresh } from './tiktok-refresh.js';

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

/** pg-boss in the application's own database (schema `pgboss`): no extra service, SKIP LOCKED across replicas. */
export async function startJobs(databaseUrl: string, services: Services): Promise<Jobs> {
  const { logger } = services;
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
  let stopping = false;
  // While stopping, connections still closing may be cut by the database going down next: not worth an alarm.
  boss.on('error', (err) => {
    if (!stopping) logger.error({ err }, 'job queue error');
  });
  await boss.start();
  try {
    await registerTikTokRefresh(boss, services);
    await registerPurgeExpired(boss, services);
    await registerCloseEndedCampaigns(boss, services);
  } catch (error) {
    // The caller only learns how to stop the queue from our answer; without one it would stay running.
    stopping = true;
    await boss.stop({ graceful: false, wait: true });
    throw error;
  }
  return {
    boss,
    stop: async () => {
      stopping = true;
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}
