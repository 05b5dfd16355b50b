import type { Upload } from '@prisma/client';
import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { isAdmin, type UserActor } from '../accounts/actor.js';

/** Campaign states in which the campaign's raw footage is open to every clipper (they are cutting clips from it). */
const ASSETS_OPEN_TO_CLIPPERS = ['IN_PROGRESS', 'UNDER_REVIEW'] as const;

export type UploadWithContext = Upload & {
  campaign: { brandId: string; status: string } | null;
  submission: { clipperId: string; campaign: { brandId: string } } | null;
};

/** How the caller relates to an upload: its owner, an admin, a viewer through what it is attached to, or nobody. */
export type UploadAccess = 'owner' | 'admin' | 'viewer' | null;

export function uploadAccess(user: UserActor, upload: UploadWithContext): UploadAccess {
  if (upload.ownerId === user.userId) return 'owner';
  if (isAdmin(user)) return 'admin';
  // Others see only what has been checked and attached somewhere they belong.
  if (upload.status !== 'CONFIRMED') return null;
  if (upload.purpose === 'CAMPAIGN_ASSET' && upload.campaign) {
    if (upload.campaign.brandId === user.userId) return 'viewer';
    const open = (ASSETS_OPEN_TO_CLIPPERS as readonly string[]).includes(upload.campaign.status);
    if (open && user.role === 'CLIPPER') return 'viewer';
  }
  if (upload.purpose === 'SUBMISSION_CLIP' && upload.submission) {
    if (upload.submission.clipperId === user.userId) return 'viewer';
    if (upload.submission.campaign.brandId === user.userId) return 'viewer';
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
      campaign: { select: { brandId: true, status: true } },
      submission: { select: { clipperId: true, campaign: { select: { brandId: true } } } },
    },
  });
  const access = upload ? uploadAccess(user, upload) : null;
  if (!upload || !access) throw new AppError('NOT_FOUND', 'No such upload.');
  return { upload, access };
}
