import type { Action, ActionResponse } from 'adminjs';
import { MODERATING_ROLES } from '../server/modules/accounts/actor.js';
import { changeCampaignStatus } from '../server/modules/campaigns/change-campaign-status.js';
import type { Services } from '../server/modules/context.js';
import { recordAction } from './record-action.js';

/**
 * Campaign moves on the Campaign resource, through the same use case (and status table) as the API. Discarding
 * needs a reason the brand reads, so it is done through the API (`POST /api/v1/campaigns/{id}/status`).
 */
export function campaignActions(services: Services): Record<string, Partial<Action<ActionResponse>>> {
  return {
    approve: recordAction(services, {
      roles: MODERATING_ROLES,
      from: ['PENDING_APPROVAL'],
      icon: 'CheckCircle',
      guard: 'Approve this campaign? Clippers can find it and apply at once.',
      done: 'Campaign approved: it is in progress.',
      run: (ctx, actor, id) => changeCampaignStatus(ctx, actor, id, { status: 'IN_PROGRESS' }),
    }),
    closeForReview: recordAction(services, {
      roles: MODERATING_ROLES,
      from: ['IN_PROGRESS'],
      icon: 'PauseCircle',
      guard: 'Close this campaign before its end date? It stops taking applications and submissions.',
      done: 'Campaign closed for review.',
      run: (ctx, actor, id) => changeCampaignStatus(ctx, actor, id, { status: 'UNDER_REVIEW' }),
    }),
    finish: recordAction(services, {
      roles: MODERATING_ROLES,
      from: ['UNDER_REVIEW'],
      icon: 'Flag',
      guard: 'Finish this campaign? Every submission must have been reviewed.',
      done: 'Campaign finished.',
      run: (ctx, actor, id) => changeCampaignStatus(ctx, actor, id, { status: 'FINISHED' }),
    }),
  };
}
