import type { Prisma } from '@prisma/client';
import { afterNewestFirst, newestFirstCursorOf, type Page, toPage } from '../../shared/pagination.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { participantRowsOf } from '../campaigns/campaign-access.js';
import type { Services } from '../context.js';
import { APPLICATION_SELECT, type ApplicationView, toApplicationView } from './application-view.js';
import type { ListApplicationsQuery } from './schemas.js';

/** Applications the caller may see, newest first, in keyset pages. */
export async function listApplications(
  services: Pick<Services, 'db'>,
  actor: Actor,
  query: ListApplicationsQuery,
): Promise<Page<ApplicationView>> {
  const user = requireUser(actor);
  const filters: Prisma.ApplicationWhereInput[] = [
    participantRowsOf(user),
    { campaignId: query.campaignId, status: query.status },
  ];
  if (query.cursor) filters.push(...afterNewestFirst(query.cursor));
  const rows = await services.db.application.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: APPLICATION_SELECT,
  });
  return toPage(rows, query.limit, toApplicationView, newestFirstCursorOf);
}
