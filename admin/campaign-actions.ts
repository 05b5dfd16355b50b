import type { Action, ActionResponse } from 'adminjs';
import { MODERATING_ROLES } from '../server/modules/accounts/actor.js';
import { changeCampaignStatus } from '../server/modules/campaigns/change-campaign-status.js';
import { type CampaignStatus, campaignStatusBody } from '../server/modules/campaigns/schemas.js';
import { CAMPAIGN_TRANSITIONS } from '../server/modules/campaigns/transitions.js';
import type { Services } from '../server/modules/context.js';
import { AppError } from '../server/shared/errors.js';
import { recordAction } from './record-action.js';

/** Statuses an admin may move a campaign to `to` from, read from the status table the API uses too. */
function adminMovesTo(to: CampaignStatus): CampaignStatus[] {
  return CAMPAIGN_TRANSITIONS.filter((move) => move.to === to && move.by.includes('admin')).map((move) => move.from);
}

/** The reason as the API takes it (the same schema), or a notice saying what it must be. */
function discardReason(reason: string | undefined): string | undefined {
  const parsed = campaignStatusBody.safeParse({ status: 'DISCARDED', reason });
  if (!parsed.success || !parsed.data.reason) {
    throw new AppError('VALIDATION_FAILED', 'Give the brand a reason of 3 to 1,000 characters.');
  }
  return parsed.data.reason;
}

/** Campaign moves on the Campaign resource, through the same use case (and status table) as the API. */
export function campaignActions(services: Services): Record<string, Partial<Action<ActionResponse>>> {
  return {
    approve: recordAction(services, {
      roles: MODERATING_ROLES,
      from: adminMovesTo('IN_PROGRESS'),
      icon: 'CheckCircle',
      question: 'Approve this campaign? Clippers can find it and apply at once.',
      done: 'Campaign approved: it is in progress.',
      run: (ctx, actor, id) => changeCampaignStatus(ctx, actor, id, { status: 'IN_PROGRESS' }),
    }),
    closeForReview: recordAction(services, {
      roles: MODERATING_ROLES,
      from: adminMovesTo('UNDER_REVIEW'),
      icon: 'PauseCircle',
      question: 'Close this campaign before its end date? It stops taking applications and submissions.',
      done: 'Campaign closed for review.',
      run: (ctx, actor, id) => changeCampaignStatus(ctx, actor, id, { status: 'UNDER_REVIEW' }),
    }),
    finish: recordAction(services, {
      roles: MODERATING_ROLES,
      from: adminMovesTo('FINISHED'),
      icon: 'Flag',
      question: 'Finish this campaign? Every submission must have been reviewed.',
      done: 'Campaign finished.',
      run: (ctx, actor, id) => changeCampaignStatus(ctx, actor, id, { status: 'FINISHED' }),
    }),
    discard: recordAction(services, {
      roles: MODERATING_ROLES,
      from: adminMovesTo('DISCARDED'),
      icon: 'XCircle',
      question: 'Discard this campaign? It ends for good; pending applications are declined and the brand reads why.',
      reasonLabel: 'Reason (the brand reads it)',
      done: 'Campaign discarded; the brand sees the reason.',
      run: (ctx, actor, id, form) =>
        changeCampaignStatus(ctx, actor, id, { status: 'DISCARDED', reason: discardReason(form.reason) }),
    }),
  };
}
