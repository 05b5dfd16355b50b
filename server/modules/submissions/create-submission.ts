import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { findVisibleCampaign, requireTakingClippers } from '../campaigns/campaign-access.js';
import type { Ctx } from '../context.js';
import { attachToSubmission, claimUploads } from '../storage/attach-uploads.js';
import { settleIdempotencyClaim } from '../system/idempotency.js';
import type { CreateSubmissionInput } from './schemas.js';
import { prepareLinks, saveLinks } from './submission-links.js';
import { loadSubmissionView } from './submission-view.js';

/** A clipper with an approved application submits an edited clip and the links where it is posted. */
export async function createSubmission(ctx: Ctx, actor: Actor, campaignId: string, input: CreateSubmissionInput) {
  const user = requireUser(actor);
  if (user.role !== 'CLIPPER') throw new AppError('FORBIDDEN', 'Only clippers submit clips.');
  const now = ctx.clock.now();
  const id = newId('sub', now.getTime());
  return ctx.db.$transaction(async (tx) => {
    await findVisibleCampaign(tx, user, campaignId, { lock: 'share' });
    const application = await tx.application.findUnique({
      where: { campaignId_clipperId: { campaignId, clipperId: user.userId } },
      select: { status: true },
    });
    if (application?.status !== 'APPROVED') {
      throw new AppError('FORBIDDEN', 'Submit to a campaign once your application to it is approved.');
    }
    const { targetPlatforms } = await requireTakingClippers(tx, campaignId, now, 'submissions');
    const links = prepareLinks(input.links, targetPlatforms);
    await tx.submission.create({
      data: {
        id,
        campaignId,
        clipperId: user.userId,
        caption: input.caption,
        status: 'PENDING_REVIEW',
        createdAt: now,
        updatedAt: now,
      },
    });
    await claimUploads(tx, {
      ownerId: user.userId,
      uploadIds: input.clipUploadId,
      purpose: 'SUBMISSION_CLIP',
      field: 'clipUploadId',
    });
    await attachToSubmission(tx, id, input.clipUploadId);
    await saveLinks(tx, id, links, now);
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: 'submission.created',
        subjectType: 'Submission',
        subjectId: id,
        after: { campaignId, links: links.map((link) => link.url) },
      },
      now,
    );
    // The answer commits with the submission: a retry with the same Idempotency-Key replays it.
    return settleIdempotencyClaim(tx, ctx.idempotency, await loadSubmissionView(tx, id));
  });
}
