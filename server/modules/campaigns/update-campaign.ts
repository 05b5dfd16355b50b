import { AppError } from '../../shared/errors.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { attachToCampaign, claimUploads } from '../storage/attach-uploads.js';
import { findVisibleCampaign, requireCampaignOwner } from './campaign-access.js';
import { checkCampaignTerms } from './campaign-rules.js';
import { getCampaign } from './get-campaign.js';
import type { UpdateCampaignInput } from './schemas.js';
import { EDITABLE_STATUSES } from './transitions.js';

/** The brand edits its campaign while it waits for approval; once approved, its terms are what clippers joined. */
export async function updateCampaign(ctx: Ctx, actor: Actor, campaignId: string, input: UpdateCampaignInput) {
  const user = requireUser(actor);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const ref = await findVisibleCampaign(tx, user, campaignId, { lock: 'update' });
    requireCampaignOwner(user, ref);
    if (!EDITABLE_STATUSES.includes(ref.status)) {
      throw new AppError(
        'CONFLICT',
        `A campaign can be edited only while pending approval; this one is ${ref.status}.`,
      );
    }
    const current = await tx.campaign.findUniqueOrThrow({
      where: { id: campaignId },
      select: { totalBudgetCents: true, maxPayoutPerSubmissionCents: true, startsAt: true, endsAt: true },
    });
    const { assetUploadIds, ...fields } = input;
    checkCampaignTerms({ ...current, ...fields }, now);
    await tx.campaign.update({
      where: { id: campaignId },
      data: {
        ...fields,
        totalBudgetCents: fields.totalBudgetCents === undefined ? undefined : BigInt(fields.totalBudgetCents),
        updatedAt: now,
      },
    });
    if (assetUploadIds) {
      await claimUploads(tx, {
        ownerId: user.userId,
        uploadIds: assetUploadIds,
        purpose: 'CAMPAIGN_ASSET',
        field: 'assetUploadIds',
        campaignId,
      });
      await attachToCampaign(tx, campaignId, assetUploadIds);
    }
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      { action: 'campaign.updated', subjectType: 'Campaign', subjectId: campaignId, after: Object.keys(input) },
      now,
    );
  });
  return getCampaign(ctx, actor, campaignId);
}
