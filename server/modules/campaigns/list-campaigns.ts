import type { Prisma } from '@prisma/client';
import { z } from 'zod';
import { decodeCursor, type Page, toPage } from '../../shared/pagination.js';
import { type Actor, requireUser, type UserActor } from '../accounts/actor.js';
import type { Services } from '../context.js';
import { OPEN_TO_CLIPPERS } from './campaign-access.js';
import { CAMPAIGN_SUMMARY_SELECT, type CampaignSummary, toCampaignSummary } from './campaign-view.js';
import type { CampaignSort, ListCampaignsQuery } from './schemas.js';

type Row = Prisma.CampaignGetPayload<{ select: typeof CAMPAIGN_SUMMARY_SELECT }>;

/** How each sort orders rows (the id breaks ties, so the order is total and pages never overlap). */
const SORTS: Record<
  CampaignSort,
  {
    orderBy: Prisma.CampaignOrderByWithRelationInput[];
    cursorOf: (row: Row) => Array<string | number>;
    after: (cursor: string) => Prisma.CampaignWhereInput;
  }
> = {
  newest: {
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    cursorOf: (row) => [row.createdAt.toISOString(), row.id],
    after: (cursor) => {
      const [at, id] = decodeCursor(cursor, z.tuple([z.iso.datetime(), z.string().max(40)]));
      const createdAt = new Date(at);
      return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
    },
  },
  cpm: {
    orderBy: [{ cpmCents: 'desc' }, { id: 'desc' }],
    cursorOf: (row) => [row.cpmCents, row.id],
    after: (cursor) => {
      const [cpmCents, id] = decodeCursor(cursor, z.tuple([z.number().int(), z.string().max(40)]));
      return { OR: [{ cpmCents: { lt: cpmCents } }, { cpmCents, id: { lt: id } }] };
    },
  },
  ending: {
    orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
    cursorOf: (row) => [row.endsAt?.toISOString() ?? '', row.id],
    after: (cursor) => {
      const [at, id] = decodeCursor(cursor, z.tuple([z.iso.datetime(), z.string().max(40)]));
      const endsAt = new Date(at);
      return { OR: [{ endsAt: { gt: endsAt } }, { endsAt, id: { gt: id } }] };
    },
  },
};

/** Whose campaigns a caller lists: clippers the open ones, brands their own in every status, admins all. */
function visibleTo(user: UserActor, query: ListCampaignsQuery): Prisma.CampaignWhereInput {
  if (user.role === 'CLIPPER') {
    const statuses = query.status ? OPEN_TO_CLIPPERS.filter((s) => s === query.status) : OPEN_TO_CLIPPERS;
    return { status: { in: [...statuses] }, brandId: query.brandId };
  }
  // A brand naming another brand gets the intersection: nothing.
  if (user.role === 'BRAND')
    return { AND: [{ brandId: user.userId }, { brandId: query.brandId, status: query.status }] };
  return { status: query.status, brandId: query.brandId };
}

/** Browse campaigns: filters, a sort, and keyset pages that stay stable while campaigns are added. */
export async function listCampaigns(
  services: Pick<Services, 'db'>,
  actor: Actor,
  query: ListCampaignsQuery,
): Promise<Page<CampaignSummary>> {
  const user = requireUser(actor);
  const sort = SORTS[query.sort];
  const filters: Prisma.CampaignWhereInput[] = [visibleTo(user, query)];
  if (query.platform) filters.push({ targetPlatforms: { has: query.platform } });
  if (query.minCpmCents !== undefined) filters.push({ cpmCents: { gte: query.minCpmCents } });
  if (query.q) {
    filters.push({
      OR: [
        { title: { contains: query.q, mode: 'insensitive' } },
        { brief: { contains: query.q, mode: 'insensitive' } },
      ],
    });
  }
  if (query.sort === 'ending') filters.push({ endsAt: { not: null } });
  if (query.cursor) filters.push(sort.after(query.cursor));
  const rows = await services.db.campaign.findMany({
    where: { AND: filters },
    orderBy: sort.orderBy,
    take: query.limit + 1,
    select: CAMPAIGN_SUMMARY_SELECT,
  });
  return toPage(rows, query.limit, toCampaignSummary, sort.cursorOf);
}
