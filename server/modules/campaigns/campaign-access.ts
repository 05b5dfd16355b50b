import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { isAdmin, type UserActor } from '../accounts/actor.js';
import type { CampaignStatus } from './schemas.js';

/** Statuses in which clippers browse a campaign and may join it. */
export const OPEN_TO_CLIPPERS: readonly CampaignStatus[] = ['IN_PROGRESS'];

export interface CampaignRef {
  id: string;
  brandId: string;
  status: CampaignStatus;
}

/**
 * Whose campaigns a user sees, the one rule behind every campaign read, its footage and its participant rows:
 * admins (holding the ADMIN scope) all of them, a brand its own, a clipper the open ones and those applied to.
 * An admin whose credential lacks the ADMIN scope (a read-only API token) acts as nobody in particular: none.
 */
export type CampaignAudience =
  | { kind: 'all' }
  | { kind: 'brand'; brandId: string }
  | { kind: 'clipper'; clipperId: string }
  | { kind: 'none' };

export function campaignAudienceOf(user: UserActor): CampaignAudience {
  if (isAdmin(user)) return { kind: 'all' };
  if (user.role === 'BRAND') return { kind: 'brand', brandId: user.userId };
  if (user.role === 'CLIPPER') return { kind: 'clipper', clipperId: user.userId };
  return { kind: 'none' };
}

/**
 * Who may see a campaign (see CampaignAudience). Anyone else is told it does not exist, so ids cannot be probed.
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
  if (!campaign || !(await canSeeCampaign(db, user, campaign))) throw new AppError('NOT_FOUND', 'No such campaign.');
  return campaign;
}

/** Whether the user may see the campaign; also decides who may download its footage (storage/upload-access.ts). */
export async function canSeeCampaign(db: DbClient, user: UserActor, campaign: CampaignRef): Promise<boolean> {
  const audience = campaignAudienceOf(user);
  if (audience.kind === 'all') return true;
  if (audience.kind === 'brand') return campaign.brandId === audience.brandId;
  if (audience.kind === 'none') return false;
  if (OPEN_TO_CLIPPERS.includes(campaign.status)) return true;
  const applied = await db.application.findUnique({
    where: { campaignId_clipperId: { campaignId: campaign.id, clipperId: audience.clipperId } },
    select: { id: true },
  });
  return applied !== null;
}

/**
 * Which of a campaign's participant rows (applications, submissions) a user may see: a clipper their own, a brand
 * those on its campaigns, admins all, anyone else none.
 */
export function participantRowsOf(user: UserActor): {
  campaign?: { brandId: string };
  clipperId?: string;
  id?: { in: string[] };
} {
  const audience = campaignAudienceOf(user);
  if (audience.kind === 'all') return {};
  if (audience.kind === 'brand') return { campaign: { brandId: audience.brandId } };
  if (audience.kind === 'clipper') return { clipperId: audience.clipperId };
  return { id: { in: [] } };
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
