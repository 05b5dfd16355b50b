import { AppError } from '../../shared/errors.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import type { PresignedGet } from './storage-driver.js';
import { findVisibleUpload } from './upload-access.js';
import { urlTtlSeconds } from './upload-rules.js';

/**
 * A presigned GET (at most 15 minutes) for a confirmed upload, to the people allowed to see it: the owner, admins,
 * and those the campaign or submission it is attached to is shown to (upload-access.ts). Everyone else: not found.
 */
export async function getDownloadUrl(ctx: Ctx, actor: Actor, uploadId: string): Promise<PresignedGet> {
  const user = requireUser(actor);
  const { upload, access } = await findVisibleUpload(ctx.db, user, uploadId);
  if (upload.status !== 'CONFIRMED') {
    throw new AppError('CONFLICT', 'This upload is not confirmed yet; confirm it once the file is up.');
  }
  const url = await ctx.storage.presignGet({
    key: upload.key,
    expiresInSeconds: urlTtlSeconds(ctx.config.STORAGE_URL_TTL_SECONDS),
    filename: upload.filename,
    contentType: upload.contentType,
  });
  // An admin opening someone's private file is an admin action: it leaves a trace.
  if (access === 'admin') {
    const now = ctx.clock.now();
    await recordAuditEvent(
      ctx.db,
      actor,
      ctx.request,
      { action: 'upload.download_url_issued', subjectType: 'Upload', subjectId: upload.id },
      now,
    );
  }
  return url;
}
