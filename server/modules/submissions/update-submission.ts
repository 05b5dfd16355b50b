import { AppError } from '../../shared/errors.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { findVisibleCampaign, requireTakingClippers } from '../campaigns/campaign-access.js';
import type { Ctx } from '../context.js';
import { attachToSubmission, claimUploads } from '../storage/attach-uploads.js';
import type { UpdateSubmissionInput } from './schemas.js';
import { prepareLinks, saveLinks } from './submission-links.js';
import { findVisibleSubmission, loadSubmissionView } from './submission-view.js';

/** The clipper changes the clip, links or caption while the submission waits for review. */
export async function updateSubmission(ctx: Ctx, actor: Actor, submissionId: string, input: UpdateSubmissionInput) {
  const user = requireUser(actor);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const submission = await findVisibleSubmission(tx, user, submissionId, { lock: true });
    if (submission.clipperId !== user.userId) {
      throw new AppError('FORBIDDEN', 'Only the clipper who submitted can edit a submission.');
    }
    if (submission.status !== 'PENDING_REVIEW') {
      throw new AppError('CONFLICT', `This submission is ${submission.status}; only pending ones can be edited.`);
    }
    // Swapping posts once the campaign stopped taking submissions would be a late submission in disguise.
    await findVisibleCampaign(tx, user, submission.campaignId, { lock: 'share' });
    await requireTakingClippers(tx, submission.campaignId, now, 'submissions');
    const application = await tx.application.findUnique({
      where: { campaignId_clipperId: { campaignId: submission.campaignId, clipperId: user.userId } },
      select: { status: true },
    });
    if (application?.status !== 'APPROVED') {
      throw new AppError('FORBIDDEN', 'Your application to this campaign is no longer approved.');
    }
    // Uploads before links, as when creating, so concurrent requests take their locks in the same order.
    if (input.clipUploadId && input.clipUploadId !== submission.clip?.id) {
      await claimUploads(tx, {
        ownerId: user.userId,
        uploadIds: input.clipUploadId,
        purpose: 'SUBMISSION_CLIP',
        field: 'clipUploadId',
      });
      await attachToSubmission(tx, submissionId, input.clipUploadId);
    }
    if (input.links) {
      await saveLinks(tx, submissionId, prepareLinks(input.links, submission.campaign.targetPlatforms), now);
    }
    await tx.submission.update({
      where: { id: submissionId },
      data: { caption: input.caption, updatedAt: now },
    });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      { action: 'submission.updated', subjectType: 'Submission', subjectId: submissionId, after: Object.keys(input) },
      now,
    );
  });
  return loadSubmissionView(ctx.db, submissionId);
}
