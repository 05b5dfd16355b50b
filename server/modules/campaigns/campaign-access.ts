import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import type { UserActor } from '../accounts/actor.js';
import type { CampaignStatus } from './schemas.js';

/** Statuses in which clippers browse a campaign and may join it. */
export const OPEN_TO_CLIPPERS: readonly CampaignStatus[] = ['IN_PROGRESS'];

export interface CampaignRef {
  id: string;
  brandId: string;
  status: CampaignStatus;
}

/**
 * Who may see a campaign: its brand, every admin, and clippers while it is open or once they have applied to it.
 * Anyone else is told it does not exist, so ids cannot be probed.
 */
export async function findVisibleCampaign(
  db: DbClient,
  user: UserActor,
  campaignId: string,
  /** `update` to change the campaign; `share` to act under it while its status cannot change. */
  options: { lock?: 'update' | 'share' } = {},
): Promise<CampaignRef> {
  if (options.lock === 'update') await db.$queryRaw`SELECT 1 FROM "Campaign" WHERE id = ${campaignId} FOR UPDATE`;
  if (options.lock === 'share') await db.$queryRaw`SELECT 1 FROM "Campaign" WHERE id = ${campaignId} FOR SHARE`;
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { id: true, brandId: true, status: true },
  });
  if (!campaign || !(await canSee(db, user, campaign))) throw new AppError('NOT_FOUND', 'No such campaign.');
  return campaign;
}

async function canSee(db: DbClient, user: UserActor, campaign: CampaignRef): Promise<boolean> {
  if (user.role === 'ADMIN') return true;
  if (user.role === 'BRAND') return campaign.brandId === user.userId;
  if (OPEN_TO_CLIPPERS.includes(campaign.status)) return true;
  const applied = await db.application.findUnique({
    where: { campaignId_clipperId: { campaignId: campaign.id, clipperId: user.userId } },
    select: { id: true },
  });
  return applied !== null;
}

/**
 * Which of a campaign's participant rows (applications, submissions) a user may see: a clipper their own, a brand
 * those on its campaigns, admins all.
 */
export function participantRowsOf(user: UserActor): { campaign?: { brandId: string }; clipperId?: string } {
  if (user.role === 'ADMIN') return {};
  if (user.role === 'BRAND') return { campaign: { brandId: user.userId } };
  return { clipperId: user.userId };
}

/** The brand that owns the campaign; others get the same refusal whether or not they can see it. */
export function requireCampaignOwner(user: UserActor, campaign: CampaignRef): void {
  if (campaign.brandId !== user.userId) throw new AppError('FORBIDDEN', 'Only the campaign’s brand can do this.');
}

/**
 * The campaign's terms when it takes clippers' applications or submissions now: in progress, before its end date
 * (the end-date job may not have run yet) and, for submissions, after its start. Otherwise a 409 saying why.
 */
export async function requireTakingClippers(
  db: DbClient,
  campaignId: string,
  now: Date,
  what: 'applications' | 'submissions',
) {
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { status: true, startsAt: true, endsAt: true, applicationMode: true, targetPlatforms: true },
  });
  if (!OPEN_TO_CLIPPERS.includes(campaign.status)) {
    throw new AppError('CONFLICT', `This campaign is not taking ${what}.`);
  }
  if (campaign.endsAt && campaign.endsAt <= now) {
    throw new AppError(
      'CONFLICT',
      `This campaign ended on ${campaign.endsAt.toISOString()}; it takes no more ${what}.`,
    );
  }
  if (what === 'submissions' && campaign.startsAt && campaign.startsAt > now) {
    throw new AppError('CONFLICT', `This campaign starts on ${campaign.startsAt.toISOString()}; submit once it has.`);
  }
  return campaign;
}
