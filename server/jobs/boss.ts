import PgBoss from 'pg-boss';
import type { Logger } from '../shared/logger.js';

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

/** pg-boss in the application's own database (schema `pgboss`): no extra service, SKIP LOCKED across replicas. */
export async function startJobs(databaseUrl: string, logger: Logger): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
  let stopping = false;
  // While stopping, connections still closing may be cut by the database going down next: not worth an alarm.
  boss.on('error', (err) => {
    if (!stopping) logger.error({ err }, 'job queue error');
  });
  await boss.start();
  return {
    boss,
    stop: async () => {
      stopping = true;
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}
