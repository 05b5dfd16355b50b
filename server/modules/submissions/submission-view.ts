import type { Prisma } from '@prisma/client';
import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import type { UserActor } from '../accounts/actor.js';
import { participantRowsOf } from '../campaigns/campaign-access.js';

export const SUBMISSION_SELECT = {
  id: true,
  campaignId: true,
  clipperId: true,
  status: true,
  caption: true,
  rejectionReasonCode: true,
  rejectionNote: true,
  reviewedAt: true,
  createdAt: true,
  updatedAt: true,
  campaign: { select: { title: true, brandId: true, status: true, targetPlatforms: true } },
  clipper: { select: { clipperProfile: { select: { displayName: true } } } },
  clip: { select: { id: true, filename: true, contentType: true, sizeBytes: true } },
  postLinks: {
    select: { id: true, platform: true, url: true, platformPostId: true, linkCheckStatus: true, releasedAt: true },
    orderBy: { id: 'asc' },
  },
} as const satisfies Prisma.SubmissionSelect;

export type SubmissionRow = Prisma.SubmissionGetPayload<{ select: typeof SUBMISSION_SELECT }>;

export function toSubmissionView(row: SubmissionRow) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    campaignTitle: row.campaign.title,
    clipperId: row.clipperId,
    clipperName: row.clipper.clipperProfile?.displayName ?? null,
    status: row.status,
    caption: row.caption,
    clip: row.clip,
    links: row.postLinks,
    rejectionReasonCode: row.rejectionReasonCode,
    rejectionNote: row.rejectionNote,
    reviewedAt: row.reviewedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type SubmissionView = ReturnType<typeof toSubmissionView>;

/** The submission (locked when asked), or "not found" for anyone who may not see it. */
export async function findVisibleSubmission(
  db: DbClient,
  user: UserActor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SubmissionRow> {
  if (options.lock) await db.$queryRaw`SELECT 1 FROM "Submission" WHERE id = ${id} FOR UPDATE`;
  const row = await db.submission.findFirst({
    where: { AND: [{ id }, participantRowsOf(user)] },
    select: SUBMISSION_SELECT,
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such submission.');
  return row;
}

export async function loadSubmissionView(db: DbClient, id: string): Promise<SubmissionView> {
  return toSubmissionView(await db.submission.findUniqueOrThrow({ where: { id }, select: SUBMISSION_SELECT }));
}
