import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { type Actor, isAdmin, MODERATING_ROLES, type UserActor } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { findVisibleCampaign } from './campaign-access.js';
import { getCampaign } from './get-campaign.js';
import type { CampaignStatus } from './schemas.js';
import { type CampaignParty, findTransition } from './transitions.js';

function partyOf(user: UserActor, brandId: string): CampaignParty | null {
  if (isAdmin(user, ...MODERATING_ROLES)) return 'admin';
  return user.role === 'BRAND' && user.userId === brandId ? 'brand' : null;
}

/**
 * Moves a campaign along CAMPAIGN_TRANSITIONS. Refusals: 404 for those who cannot see it, 403 for a party the
 * move is not theirs to make, 409 for a move the table does not have from the current status.
 */
export async function changeCampaignStatus(
  ctx: Ctx,
  actor: Actor,
  campaignId: string,
  input: { status: CampaignStatus; reason?: string },
) {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const campaign = await findVisibleCampaign(tx, actor, campaignId, { lock: 'update' });
    const party = partyOf(actor, campaign.brandId);
    if (!party) throw new AppError('FORBIDDEN', 'You are not allowed to change this campaign’s status.');
    await applyTransition(tx, ctx, actor, party, campaign, input, now);
  });
  return getCampaign(ctx, actor, campaignId);
}

/** Checks the move against the table and its guards, then records it; the caller holds the campaign's row lock. */
export async function applyTransition(
  tx: DbClient,
  ctx: Ctx,
  actor: Actor,
  party: CampaignParty,
  campaign: { id: string; status: CampaignStatus },
  input: { status: CampaignStatus; reason?: string },
  now: Date,
): Promise<void> {
  const move = findTransition(campaign.status, input.status);
  if (!move) {
    throw new AppError('CONFLICT', `A campaign cannot go from ${campaign.status} to ${input.status}.`);
  }
  if (!move.by.includes(party)) {
    throw new AppError('FORBIDDEN', `Moving a campaign from ${move.from} to ${move.to} is not yours to do.`);
  }
  if (move.needsReason && !input.reason) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid.', {
      issues: [{ path: 'reason', message: `is required to move a campaign to ${move.to}` }],
    });
  }
  await checkGuards(tx, campaign.id, move.to, now);
  // A discarded campaign's footage is free for the brand's next campaign.
  if (move.to === 'DISCARDED')
    await tx.upload.updateMany({ where: { campaignId: campaign.id }, data: { campaignId: null } });
  await tx.campaign.update({
    where: { id: campaign.id },
    data: { status: move.to, discardReason: move.to === 'DISCARDED' ? input.reason : undefined, updatedAt: now },
  });
  // Applications still waiting when a campaign stops taking clippers would wait forever: they are declined.
  const declined =
    move.from === 'IN_PROGRESS'
      ? (
          await tx.application.updateMany({
            where: { campaignId: campaign.id, status: 'PENDING' },
            data: { status: 'REJECTED', decidedAt: now, updatedAt: now },
          })
        ).count
      : 0;
  await recordAuditEvent(
    tx,
    actor,
    ctx.request,
    {
      action: move.action,
      subjectType: 'Campaign',
      subjectId: campaign.id,
      before: { status: move.from },
      after: {
        status: move.to,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(declined > 0 ? { pendingApplicationsDeclined: declined } : {}),
      },
    },
    now,
  );
}

async function checkGuards(tx: DbClient, campaignId: string, to: CampaignStatus, now: Date): Promise<void> {
  if (to === 'IN_PROGRESS') {
    const { endsAt } = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { endsAt: true } });
    if (endsAt && endsAt <= now) {
      throw new AppError('CONFLICT', 'The campaign’s end date has passed; the brand must move it before approval.');
    }
  }
  if (to === 'FINISHED') {
    const waiting = await tx.submission.count({ where: { campaignId, status: 'PENDING_REVIEW' } });
    if (waiting > 0) {
      throw new AppError('CONFLICT', `${waiting} submission(s) still wait for review; review them before finishing.`);
    }
  }
}
