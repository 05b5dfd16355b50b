import type { Db } from '../../db.js';

/**
 * Counts a hit in a fixed window shared by every replica (one upsert): the window restarts once its reset time
 * has passed. Returns the hits so far in the current window and when it ends.
 */
export async function hitRateCounter(
  db: Db,
  key: string,
  windowMs: number,
  now: Date,
): Promise<{ hits: number; resetAt: Date }> {
  const resetAt = new Date(now.getTime() + windowMs);
  const rows = await db.$queryRaw<{ hits: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "hits", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN "RateLimitCounter"."resetAt" <= ${now} THEN 1 ELSE "RateLimitCounter"."hits" + 1 END,
      "resetAt" = CASE WHEN "RateLimitCounter"."resetAt" <= ${now} THEN EXCLUDED."resetAt" ELSE "RateLimitCounter"."resetAt" END
    RETURNING "hits", "resetAt"`;
  const row = rows[0] as { hits: number; resetAt: Date };
  return { hits: Number(row.hits), resetAt: row.resetAt };
}

/** The current window's hits for a key, or null when it has none running. */
export async function readRateCounter(db: Db, key: string, now: Date): Promise<{ hits: number; resetAt: Date } | null> {
  const row = await db.rateLimitCounter.findUnique({ where: { key }, select: { hits: true, resetAt: true } });
  return row && row.resetAt > now ? row : null;
}

export async function undoRateHit(db: Db, key: string): Promise<void> {
  await db.$executeRaw`UPDATE "RateLimitCounter" SET "hits" = GREATEST("hits" - 1, 0) WHERE "key" = ${key}`;
}

export async function resetRateCounter(db: Db, key: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key } });
}

/** Drops windows that ended; run periodically so the table holds only live counters. */
export async function purgeRateCounters(db: Db, now: Date): Promise<number> {
  const { count } = await db.rateLimitCounter.deleteMany({ where: { resetAt: { lt: now } } });
  return count;
}
