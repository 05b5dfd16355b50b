import type { Upload } from '@prisma/client';
import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { isAdmin, type UserActor } from '../accounts/actor.js';
import { type CampaignRef, canSeeCampaign } from '../campaigns/campaign-access.js';

export type UploadWithContext = Upload & {
  campaign: CampaignRef | null;
  submission: { clipperId: string; campaign: { brandId: string } } | null;
};

/** How the caller relates to an upload: its owner, an admin, a viewer through what it is attached to, or nobody. */
export type UploadAccess = 'owner' | 'admin' | 'viewer' | null;

export async function uploadAccess(db: DbClient, user: UserActor, upload: UploadWithContext): Promise<UploadAccess> {
  if (upload.ownerId === user.userId) return 'owner';
  if (isAdmin(user)) return 'admin';
  // Others see only what has been checked and attached somewhere they belong.
  if (upload.status !== 'CONFIRMED') return null;
  // A campaign's footage is seen by exactly those who see the campaign: one rule (campaigns/campaign-access.ts).
  if (upload.purpose === 'CAMPAIGN_ASSET' && upload.campaign) {
    return (await canSeeCampaign(db, user, upload.campaign)) ? 'viewer' : null;
  }
  // A clip is seen by those who see its submission: the clipper and the campaign's brand.
  if (upload.purpose === 'SUBMISSION_CLIP' && upload.submission) {
    const { clipperId, campaign } = upload.submission;
    return clipperId === user.userId || campaign.brandId === user.userId ? 'viewer' : null;
  }
  return null;
}

/**
 * The upload if the caller may see it, with how; anyone else gets the same "not found" as for an id that does
 * not exist, so ids cannot be probed.
 */
export async function findVisibleUpload(
  db: DbClient,
  user: UserActor,
  uploadId: string,
): Promise<{ upload: UploadWithContext; access: Exclude<UploadAccess, null> }> {
  const upload = await db.upload.findUnique({
    where: { id: uploadId },
    include: {
      campaign: { select: { id: true, brandId: true, status: true } },
      submission: { select: { clipperId: true, campaign: { select: { brandId: true } } } },
    },
  });
  const access = upload ? await uploadAccess(db, user, upload) : null;
  if (!upload || !access) throw new AppError('NOT_FOUND', 'No such upload.');
  return { upload, access };
}
