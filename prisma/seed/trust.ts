import { newId } from '../../server/shared/ids.js';
import { addHours, daysFromNow, type SeedContext } from './context.js';
import type { SeededSubmission, SubmissionKey } from './submissions.js';
import type { UserKey } from './users.js';

/**
 * The suspicious Starfall clip: its TikTok views jumped 8x in six days with little engagement. The fraud engine
 * flagged it and the brand disputed the snapshot inside the hold period, so its latest accrual stays on hold.
 */
export async function seedFraudAndDispute(
  ctx: SeedContext,
  users: Record<UserKey, string>,
  submissions: Record<SubmissionKey, SeededSubmission>,
): Promise<{ disputeId: string; fraudFlagId: string }> {
  const submission = submissions.starfallMaya;
  const tiktok = submission.links[0];
  const disputed = tiktok.snapshots.find((s) => s.status === 'DISPUTED');
  const previous = tiktok.snapshots.find((s) => s.status === 'VERIFIED');
  if (!disputed || !previous) throw new Error('seed: starfall submission needs a verified and a disputed snapshot');

  const flaggedAt = addHours(disputed.capturedAt, 1);
  const fraudFlagId = newId('frd', flaggedAt.getTime());
  const hoursBetween = Math.round((disputed.capturedAt.getTime() - previous.capturedAt.getTime()) / 3_600_000);
  await ctx.tx.fraudFlag.create({
    data: {
      id: fraudFlagId,
      submissionId: submission.id,
      ruleId: 'VIEW_SPIKE',
      score: 78,
      explanation: {
        postLinkId: tiktok.id,
        snapshotId: disputed.id,
        previousViews: Number(previous.viewCount),
        currentViews: Number(disputed.viewCount),
        hoursBetween,
        growthFactor: Number(disputed.viewCount / previous.viewCount),
        growthFactorThreshold: 5,
        likes: 1_120,
        engagementRate: 0.0117,
        engagementRateFloor: 0.02,
      },
      status: 'OPEN',
      createdAt: flaggedAt,
    },
  });

  const raisedAt = daysFromNow(ctx, -1.5);
  const disputeId = newId('dsp', raisedAt.getTime());
  await ctx.tx.dispute.create({
    data: {
      id: disputeId,
      submissionId: submission.id,
      snapshotId: disputed.id,
      raisedById: users.nova,
      reason:
        'Views jumped from 12k to 96k in six days with almost no likes or comments; this looks like bought views.',
      evidence:
        'Our analytics export shows 1,120 likes on 96,000 views (1.2 %); our other creator clips average 6 % ' +
        'engagement. Most of the new views came from one region we do not sell in.',
      status: 'OPEN',
      slaDueAt: daysFromNow(ctx, 5),
      createdAt: raisedAt,
    },
  });
  ctx.audits.push({
    at: raisedAt,
    actorType: 'USER',
    actorId: users.nova,
    action: 'dispute.opened',
    subjectType: 'Dispute',
    subjectId: disputeId,
    after: { submissionId: submission.id, snapshotId: disputed.id, status: 'OPEN' },
  });
  ctx.log('seed: 1 fraud flag (OPEN), 1 dispute (OPEN)');
  return { disputeId, fraudFlagId };
}
