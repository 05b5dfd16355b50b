import type { Prisma } from '@prisma/client';
import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import type { UserActor } from '../accounts/actor.js';
import { participantRowsOf } from '../campaigns/campaign-access.js';

export const APPLICATION_SELECT = {
  id: true,
  campaignId: true,
  clipperId: true,
  status: true,
  pitch: true,
  decidedAt: true,
  createdAt: true,
  updatedAt: true,
  campaign: { select: { title: true, brandId: true, status: true, applicationMode: true } },
  clipper: { select: { clipperProfile: { select: { displayName: true } } } },
} as const satisfies Prisma.ApplicationSelect;

export type ApplicationRow = Prisma.ApplicationGetPayload<{ select: typeof APPLICATION_SELECT }>;

export function toApplicationView(row: ApplicationRow) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    campaignTitle: row.campaign.title,
    clipperId: row.clipperId,
    clipperName: row.clipper.clipperProfile?.displayName ?? null,
    status: row.status,
    pitch: row.pitch,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type ApplicationView = ReturnType<typeof toApplicationView>;

/** The application under a row lock, or "not found" for anyone who may not see it. */
export async function findVisibleApplication(db: DbClient, user: UserActor, id: string): Promise<ApplicationRow> {
  await db.$queryRaw`SELECT 1 FROM "Application" WHERE id = ${id} FOR UPDATE`;
  const row = await db.application.findFirst({
    where: { AND: [{ id }, participantRowsOf(user)] },
    select: APPLICATION_SELECT,
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such application.');
  return row;
}
