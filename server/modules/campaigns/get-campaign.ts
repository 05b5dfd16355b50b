import type { DbClient } from '../../db.js';
import type { Actor } from '../accounts/actor.js';
import { requireUser } from '../accounts/actor.js';
import { findVisibleCampaign } from './campaign-access.js';
import { CAMPAIGN_SELECT, type CampaignView, toCampaignView } from './campaign-view.js';

/** One campaign with its assets, for those who may see it (see findVisibleCampaign). */
export async function getCampaign(services: { db: DbClient }, actor: Actor, campaignId: string): Promise<CampaignView> {
  const user = requireUser(actor);
  await findVisibleCampaign(services.db, user, campaignId);
  const [row, application] = await Promise.all([
    services.db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: CAMPAIGN_SELECT }),
    user.role === 'CLIPPER'
      ? services.db.application.findUnique({
          where: { campaignId_clipperId: { campaignId, clipperId: user.userId } },
          select: { id: true, status: true },
        })
      : null,
  ]);
  return toCampaignView(row, application);
}
