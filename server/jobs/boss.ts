import PgBoss from 'pg-boss';
import type { Logger } from '../shared/logger.js';

/** pg-boss in the application's own database (schema `pgboss`): no extra service, SKIP LOCKED across replicas. */
export async function startJobs(databaseUrl: string, logger: Logger): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  return boss;
}

export async function stopJobs(boss: PgBoss): Promise<void> {
  await boss.stop({ graceful: true, timeout: 10_000, wait: true });
}
