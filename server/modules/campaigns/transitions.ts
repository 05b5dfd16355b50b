import type { CampaignStatus } from './schemas.js';

/** Who asks for a move: an admin (moderator or superadmin), the campaign's own brand, or a scheduled job. */
export type CampaignParty = 'admin' | 'brand' | 'system';

export interface CampaignTransition {
  from: CampaignStatus;
  to: CampaignStatus;
  by: readonly CampaignParty[];
  /** The audit action recorded for the move. */
  action: string;
  /** The move must say why (the brand reads it). */
  needsReason?: boolean;
}

/**
 * Every allowed campaign move; anything else is a 409. Brands submit (create) and edit while pending and may
 * withdraw a pending campaign; admins approve, close early, discard and finish; the end date closes a running
 * campaign for review through a scheduled job; finishing needs every submission reviewed.
 */
export const CAMPAIGN_TRANSITIONS: readonly CampaignTransition[] = [
  { from: 'PENDING_APPROVAL', to: 'IN_PROGRESS', by: ['admin'], action: 'campaign.approved' },
  {
    from: 'PENDING_APPROVAL',
    to: 'DISCARDED',
    by: ['admin', 'brand'],
    action: 'campaign.discarded',
    needsReason: true,
  },
  { from: 'IN_PROGRESS', to: 'UNDER_REVIEW', by: ['admin', 'system'], action: 'campaign.closed' },
  { from: 'IN_PROGRESS', to: 'DISCARDED', by: ['admin'], action: 'campaign.discarded', needsReason: true },
  { from: 'UNDER_REVIEW', to: 'FINISHED', by: ['admin', 'brand'], action: 'campaign.finished' },
];

export function findTransition(from: CampaignStatus, to: CampaignStatus): CampaignTransition | undefined {
  return CAMPAIGN_TRANSITIONS.find((move) => move.from === from && move.to === to);
}

/** Statuses a brand may still edit the campaign in. */
export const EDITABLE_STATUSES: readonly CampaignStatus[] = ['PENDING_APPROVAL'];
