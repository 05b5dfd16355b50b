import type { Prisma } from '@prisma/client';
import { afterNewestFirst, newestFirstCursorOf, type Page, toPage } from '../../shared/pagination.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { findVisibleCampaign, participantRowsOf } from '../campaigns/campaign-access.js';
import type { Services } from '../context.js';
import type { ListSubmissionsQuery } from './schemas.js';
import { findVisibleSubmission, SUBMISSION_SELECT, type SubmissionView, toSubmissionView } from './submission-view.js';

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
    participantRowsOf(user),
    { campaignId: query.campaignId, status: query.status },
  ];
  if (query.cursor) filters.push(...afterNewestFirst(query.cursor));
  const rows = await services.db.submission.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: SUBMISSION_SELECT,
  });
  return toPage(rows, query.limit, toSubmissionView, newestFirstCursorOf);
}

export async function getSubmission(services: Pick<Services, 'db'>, actor: Actor, id: string) {
  return toSubmissionView(await findVisibleSubmission(services.db, requireUser(actor), id));
}
