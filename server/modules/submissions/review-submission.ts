import { AppError } from '../../shared/errors.js';
import { type Actor, isAdmin, MODERATING_ROLES, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { CampaignStatus } from '../campaigns/schemas.js';
import type { Ctx } from '../context.js';
import { attachToSubmission } from '../storage/attach-uploads.js';
import type { ReviewSubmissionInput } from './schemas.js';
import { releaseLinks } from './submission-links.js';
import { findVisibleSubmission, loadSubmissionView } from './submission-view.js';

/** Submissions are reviewed while the campaign runs and during its review period. */
const REVIEWABLE_CAMPAIGNS: readonly CampaignStatus[] = ['IN_PROGRESS', 'UNDER_REVIEW'];

/** The campaign's brand or a moderator approves a pending submission, or rejects it with a reason code. */
export async function reviewSubmission(ctx: Ctx, actor: Actor, submissionId: string, input: ReviewSubmissionInput) {
  const user = requireUser(actor);
  if (input.decision === 'REJECT' && !input.reasonCode) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid.', {
      issues: [{ path: 'reasonCode', message: 'is required to reject a submission' }],
    });
  }
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const submission = await findVisibleSubmission(tx, user, submissionId, { lock: true });
    const mayReview = isAdmin(user, ...MODERATING_ROLES) || user.userId === submission.campaign.brandId;
    if (!mayReview) throw new AppError('FORBIDDEN', 'Only the campaign’s brand reviews its submissions.');
    if (submission.status !== 'PENDING_REVIEW') {
      throw new AppError('CONFLICT', `This submission is ${submission.status}, not waiting for review.`);
    }
    if (!REVIEWABLE_CAMPAIGNS.includes(submission.campaign.status as CampaignStatus)) {
      throw new AppError('CONFLICT', `The campaign is ${submission.campaign.status}; its submissions are closed.`);
    }
    const status = input.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
    const rejected = status === 'REJECTED';
    await tx.submission.update({
      where: { id: submissionId },
      data: {
        status,
        rejectionReasonCode: rejected ? input.reasonCode : null,
        rejectionNote: rejected ? (input.note ?? null) : null,
        reviewedAt: now,
        updatedAt: now,
      },
    });
    if (rejected) {
      // The clipper may fix the post and submit it again, with the same clip.
      await releaseLinks(tx, submissionId, now);
      await attachToSubmission(tx, submissionId, null);
    }
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: rejected ? 'submission.rejected' : 'submission.approved',
        subjectType: 'Submission',
        subjectId: submissionId,
        before: { status: 'PENDING_REVIEW' },
        after: { status, ...(rejected ? { reasonCode: input.reasonCode ?? null, note: input.note ?? null } : {}) },
      },
      now,
    );
  });
  return loadSubmissionView(ctx.db, submissionId);
}
