import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { lockUserForLimit } from '../accounts/sessions.js';
import type { Ctx } from '../context.js';
import { settleIdempotencyClaim } from '../system/idempotency.js';
import type { CreateUploadInput } from './schemas.js';
import type { PresignedPut } from './storage-driver.js';
import { PURPOSE_RULES, uploadIssues, uploadKey, urlTtlSeconds } from './upload-rules.js';
import { toUploadView, UPLOAD_VIEW_SELECT, type UploadView } from './upload-view.js';

// Unconfirmed uploads whose URL still works, per user: enough for a batch of assets, not for filling the bucket.
const MAX_OPEN_UPLOADS = 20;

/**
 * Starts an upload: records it as PENDING and answers a presigned PUT for exactly the declared type and size,
 * valid at most 15 minutes. The bytes go straight to storage; confirmUpload checks them afterwards.
 */
export async function createUpload(
  ctx: Ctx,
  actor: Actor,
  input: CreateUploadInput,
): Promise<{ upload: UploadView; put: PresignedPut }> {
  const user = requireUser(actor);
  const rule = PURPOSE_RULES[input.purpose];
  if (user.role !== rule.role) {
    throw new AppError('FORBIDDEN', `Only ${rule.role === 'BRAND' ? 'brands' : 'clippers'} upload a ${input.purpose}.`);
  }
  const issues = uploadIssues(input);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'The upload is not acceptable.', { issues });

  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    await lockUserForLimit(tx, user.userId);
    const open = await tx.upload.count({
      where: { ownerId: user.userId, status: 'PENDING', expiresAt: { gt: now } },
    });
    if (open >= MAX_OPEN_UPLOADS) {
      throw new AppError(
        'CONFLICT',
        `At most ${MAX_OPEN_UPLOADS} uploads can be in progress; finish or wait for some.`,
      );
    }
    const id = newId('upl', now.getTime());
    const key = uploadKey(user.userId, id, input.filename);
    // Signing is local computation (no call to the storage service), so it may run inside the transaction.
    const put = await ctx.storage.presignPut({
      key,
      contentType: input.contentType,
      sizeBytes: input.sizeBytes,
      expiresInSeconds: urlTtlSeconds(ctx.config.STORAGE_URL_TTL_SECONDS),
    });
    const row = await tx.upload.create({
      data: {
        id,
        ownerId: user.userId,
        purpose: input.purpose,
        key,
        filename: input.filename,
        contentType: input.contentType,
        declaredBytes: input.sizeBytes,
        expiresAt: put.expiresAt,
        createdAt: now,
      },
      select: UPLOAD_VIEW_SELECT,
    });
    // The answer (with its URL) commits with the upload: a retry with the same Idempotency-Key replays it.
    return settleIdempotencyClaim(tx, ctx.idempotency, { upload: toUploadView(row), put });
  });
}
