import type { Services } from '../context.js';

/** Uploads whose URL expired this long ago without a confirm were abandoned (a day leaves room for support). */
export const ABANDONED_UPLOAD_AFTER_MS = 24 * 3_600_000;
const BATCH = 200;

/**
 * Deletes abandoned uploads: PENDING past their URL's expiry by a day, with whatever bytes reached storage. A row
 * whose object could not be deleted stays for the next run.
 */
export async function purgeAbandonedUploads(services: Pick<Services, 'db' | 'clock' | 'storage' | 'logger'>) {
  const before = new Date(services.clock.now().getTime() - ABANDONED_UPLOAD_AFTER_MS);
  let purged = 0;
  for (let round = 0; round < 50; round++) {
    const abandoned = await services.db.upload.findMany({
      where: { status: 'PENDING', expiresAt: { lt: before } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, key: true },
    });
    let progressed = false;
    for (const upload of abandoned) {
      // Under the row's lock, still pending: a confirm racing in waits, then finds the upload gone.
      const deleted = await services.db
        .$transaction(async (tx) => {
          const [row] = await tx.$queryRaw<Array<{ key: string }>>`
            SELECT key FROM "Upload" WHERE id = ${upload.id} AND status = 'PENDING' FOR UPDATE SKIP LOCKED`;
          if (!row) return 0;
          await services.storage.delete(row.key);
          return (await tx.upload.deleteMany({ where: { id: upload.id } })).count;
        })
        .catch((err: unknown) => {
          services.logger.warn({ err, uploadId: upload.id }, 'abandoned upload not deleted; the next run retries');
          return 0;
        });
      purged += deleted;
      if (deleted > 0) progressed = true;
    }
    if (abandoned.length < BATCH || !progressed) break;
  }
  return { uploads: purged };
}
