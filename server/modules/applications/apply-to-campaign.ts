import { Prisma } from '@prisma/client';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { findVisibleCampaign, requireTakingClippers } from '../campaigns/campaign-access.js';
import type { Ctx } from '../context.js';
import { settleIdempotencyClaim } from '../system/idempotency.js';
import { APPLICATION_SELECT, toApplicationView } from './application-view.js';

/**
 * A clipper joins a campaign in progress. OPEN campaigns approve at once; REVIEW campaigns wait for the brand.
 * Applying again after withdrawing reopens the same application; after a rejection the answer stands.
 */
export async function applyToCampaign(ctx: Ctx, actor: Actor, campaignId: string, input: { pitch?: string }) {
  const user = requireUser(actor);
  if (user.role !== 'CLIPPER') throw new AppError('FORBIDDEN', 'Only clippers apply to campaigns.');
  const now = ctx.clock.now();
  try {
    return await ctx.db.$transaction(async (tx) => {
      await findVisibleCampaign(tx, user, campaignId, { lock: 'update' });
      const { applicationMode } = await requireTakingClippers(tx, campaignId, now, 'applications');
      const status = applicationMode === 'OPEN' ? 'APPROVED' : 'PENDING';
      const decidedAt = status === 'APPROVED' ? now : null;
      const existing = await tx.application.findUnique({
        where: { campaignId_clipperId: { campaignId, clipperId: user.userId } },
        select: { id: true, status: true },
      });
      if (existing && existing.status !== 'WITHDRAWN') {
        throw new AppError(
          'CONFLICT',
          existing.status === 'REJECTED'
            ? 'The brand declined your application to this campaign.'
            : 'You have already applied to this campaign.',
        );
      }
      const applicationId = existing?.id ?? newId('app', now.getTime());
      if (existing) {
        await tx.application.update({
          where: { id: existing.id },
          data: { status, pitch: input.pitch ?? null, decidedAt, updatedAt: now },
        });
      } else {
        await tx.application.create({
          data: {
            id: applicationId,
            campaignId,
            clipperId: user.userId,
            status,
            pitch: input.pitch,
            decidedAt,
            createdAt: now,
            updatedAt: now,
          },
        });
      }
      await recordAuditEvent(
        tx,
        actor,
        ctx.request,
        { action: 'application.submitted', subjectType: 'Application', subjectId: applicationId, after: { status } },
        now,
      );
      const row = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: APPLICATION_SELECT });
      // The answer commits with the application: a retry with the same Idempotency-Key replays it.
      return settleIdempotencyClaim(tx, ctx.idempotency, toApplicationView(row));
    });
  } catch (error) {
    // Two applications racing: the second meets the unique (campaign, clipper) pair.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', 'You have already applied to this campaign.');
    }
    throw error;
  }
}
