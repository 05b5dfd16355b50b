import type { Prisma } from '@prisma/client';
import { z } from 'zod';
import { decodeCursor, type Page, toPage } from '../../shared/pagination.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { findVisibleCampaign } from '../campaigns/campaign-access.js';
import type { Services } from '../context.js';
import type { ListSubmissionsQuery } from './schemas.js';
import {
  findVisibleSubmission,
  SUBMISSION_SELECT,
  type SubmissionView,
  submissionsVisibleTo,
  toSubmissionView,
} from './submission-view.js';

const cursorShape = z.tuple([z.iso.datetime(), z.string().max(40)]);

/**
 * Submissions the caller may see, newest first, in keyset pages: a clipper's own, those to a brand's campaigns,
 * all for admins. With `campaignId` the campaign must be visible to the caller (else 404).
 */
export async function listSubmissions(
  services: Pick<Services, 'db'>,
  actor: Actor,
  query: ListSubmissionsQuery,
): Promise<Page<SubmissionView>> {
  const user = requireUser(actor);
  if (query.campaignId) await findVisibleCampaign(services.db, user, query.campaignId);
  const filters: Prisma.SubmissionWhereInput[] = [
    submissionsVisibleTo(user),
    { campaignId: query.campaignId, status: query.status },
  ];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, cursorShape);
    const createdAt = new Date(at);
    // The `lte` bound lets PostgreSQL seek the (…, createdAt, id) index to the cursor instead of reading every
    // newer row and filtering them out (a page half-way down 1M rows: ~140 ms → under 1 ms).
    filters.push(
      { createdAt: { lte: createdAt } },
      { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] },
    );
  }
  const rows = await services.db.submission.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: SUBMISSION_SELECT,
  });
  return toPage(rows, query.limit, toSubmissionView, (row) => [row.createdAt.toISOString(), row.id]);
}

export async function getSubmission(services: Pick<Services, 'db'>, actor: Actor, id: string) {
  return toSubmissionView(await findVisibleSubmission(services.db, requireUser(actor), id));
}
