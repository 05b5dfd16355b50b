import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { attachToCampaign, claimUploads } from '../storage/attach-uploads.js';
import { settleIdempotencyClaim } from '../system/idempotency.js';
import { checkCampaignTerms } from './campaign-rules.js';
import { getCampaign } from './get-campaign.js';
import type { CreateCampaignInput } from './schemas.js';

/** A brand submits a campaign: it waits in PENDING_APPROVAL until an admin approves it. */
export async function createCampaign(ctx: Ctx, actor: Actor, input: CreateCampaignInput) {
  const user = requireUser(actor);
  if (user.role !== 'BRAND') throw new AppError('FORBIDDEN', 'Only brands create campaigns.');
  const now = ctx.clock.now();
  const startsAt = input.startsAt ?? now;
  checkCampaignTerms({ ...input, startsAt }, now);
  const id = newId('cmp', now.getTime());
  const { assetUploadIds, ...fields } = input;
  return ctx.db.$transaction(async (tx) => {
    await tx.campaign.create({
      data: {
        ...fields,
        id,
        brandId: user.userId,
        totalBudgetCents: BigInt(input.totalBudgetCents),
        startsAt,
        status: 'PENDING_APPROVAL',
        createdAt: now,
        updatedAt: now,
      },
    });
    await claimUploads(tx, {
      ownerId: user.userId,
      uploadIds: assetUploadIds,
      purpose: 'CAMPAIGN_ASSET',
      field: 'assetUploadIds',
    });
    await attachToCampaign(tx, id, assetUploadIds);
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: 'campaign.created',
        subjectType: 'Campaign',
        subjectId: id,
        after: { title: input.title, totalBudgetCents: input.totalBudgetCents, cpmCents: input.cpmCents },
      },
      now,
    );
    // The answer commits with the campaign: a retry with the same Idempotency-Key replays it, even after a crash.
    return settleIdempotencyClaim(tx, ctx.idempotency, await getCampaign({ db: tx }, actor, id));
  });
}
