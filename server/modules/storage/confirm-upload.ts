import { AppError } from '../../shared/errors.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { mediaType } from './upload-rules.js';
import { toUploadView, UPLOAD_VIEW_SELECT, type UploadView } from './upload-view.js';

/**
 * The owner says the bytes are up: the stored object must exist with exactly the declared size and type before
 * the upload can be attached anywhere. Confirming twice answers the confirmed upload again.
 */
export async function confirmUpload(ctx: Ctx, actor: Actor, uploadId: string): Promise<UploadView> {
  const user = requireUser(actor);
  const upload = await ctx.db.upload.findUnique({ where: { id: uploadId } });
  // Only the owner confirms; to anyone else the upload does not exist.
  if (!upload || upload.ownerId !== user.userId) throw new AppError('NOT_FOUND', 'No such upload.');
  if (upload.status === 'CONFIRMED') return toUploadView(upload);

  const now = ctx.clock.now();
  const stored = await ctx.storage.head(upload.key);
  if (!stored) {
    if (upload.expiresAt <= now) {
      throw new AppError('CONFLICT', 'The upload link expired before the file arrived; start again with a new upload.');
    }
    throw new AppError('CONFLICT', 'No file has arrived for this upload yet; PUT it to the upload URL, then confirm.');
  }
  if (stored.sizeBytes !== upload.declaredBytes || mediaType(stored.contentType) !== upload.contentType) {
    // Nothing is deleted: the caller learns what differs and can upload the declared file again while the link lasts.
    throw new AppError(
      'CONFLICT',
      `The stored file does not match the upload: expected ${upload.declaredBytes} bytes of ${upload.contentType}, ` +
        `found ${stored.sizeBytes} bytes of ${mediaType(stored.contentType) || 'unknown type'}.`,
    );
  }

  return ctx.db.$transaction(async (tx) => {
    // Guarded by status, so of two concurrent confirmations one records it and the other reads the result.
    const { count } = await tx.upload.updateMany({
      where: { id: uploadId, status: 'PENDING' },
      data: { status: 'CONFIRMED', sizeBytes: stored.sizeBytes, confirmedAt: now },
    });
    if (count === 1) {
      await recordAuditEvent(
        tx,
        actor,
        ctx.request,
        {
          action: 'upload.confirmed',
          subjectType: 'Upload',
          subjectId: uploadId,
          after: { purpose: upload.purpose, contentType: upload.contentType, sizeBytes: stored.sizeBytes },
        },
        now,
      );
    }
    return toUploadView(await tx.upload.findUniqueOrThrow({ where: { id: uploadId }, select: UPLOAD_VIEW_SELECT }));
  });
}
