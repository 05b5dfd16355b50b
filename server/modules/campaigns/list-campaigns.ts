import { Prisma } from '@prisma/client';
import { readRows } from '../../db.js';
import {
  decodeCursor,
  INSTANT_CURSOR,
  INT4_CURSOR,
  NEWEST_FIRST_CURSOR,
  newestFirstCursorOf,
  type Page,
  toPage,
} from '../../shared/pagination.js';
import { type Actor, requireUser, type UserActor } from '../accounts/actor.js';
import type { Services } from '../context.js';
import { campaignAudienceOf, OPEN_TO_CLIPPERS } from './campaign-access.js';
import { type CAMPAIGN_SUMMARY_SELECT, type CampaignSummary, toCampaignSummary } from './campaign-view.js';
import type { CampaignSort, ListCampaignsQuery } from './schemas.js';

type Row = Prisma.CampaignGetPayload<{ select: typeof CAMPAIGN_SUMMARY_SELECT }>;

/**
 * One keyset SELECT joined to the brand profile, in SQL: the hottest read of the marketplace. Prisma's findMany
 * with the same select issues three queries (campaigns, their brands, the brands' profiles) and compiles each one
 * per request; this is one round trip. The columns are those of CAMPAIGN_SUMMARY_SELECT.
 */
const SUMMARY_COLUMNS = Prisma.sql`c.id, c."brandId", c.title, c.brief, c."targetPlatforms"::text[] AS "targetPlatforms",
  c."totalBudgetCents", c."reservedBudgetCents", c."cpmCents", c."maxPayoutPerSubmissionCents", c."minViews",
  c."applicationMode"::text AS "applicationMode", c.status::text AS status, c."startsAt", c."endsAt", c."createdAt",
  bp."companyName"`;

type SqlRow = Omit<Row, 'brand'> & { companyName: string | null };

const toRow = ({ companyName, ...row }: SqlRow): Row => ({
  ...row,
  brand: { brandProfile: companyName === null ? null : { companyName } },
});

/**
 * How each sort orders rows (the id breaks ties, so the order is total and pages never overlap). Cursors compare
 * rows, `(a, id) < (x, y)`: PostgreSQL seeks the index to the cursor, where the equivalent
 * `a < x OR (a = x AND id < y)` scans every row before it.
 */
const SORTS: Record<
  CampaignSort,
  {
    orderBy: Prisma.Sql;
    cursorOf: (row: Row) => Array<string | number>;
    after: (cursor: string) => Prisma.Sql;
  }
> = {
  newest: {
    orderBy: Prisma.sql`c."createdAt" DESC, c.id DESC`,
    cursorOf: newestFirstCursorOf,
    after: (cursor) => {
      const [at, id] = decodeCursor(cursor, NEWEST_FIRST_CURSOR);
      const createdAt = new Date(at);
      return Prisma.sql`(c."createdAt", c.id) < (${createdAt}, ${id})`;
    },
  },
  cpm: {
    orderBy: Prisma.sql`c."cpmCents" DESC, c.id DESC`,
    cursorOf: (row) => [row.cpmCents, row.id],
    after: (cursor) => {
      const [cpmCents, id] = decodeCursor(cursor, INT4_CURSOR);
      return Prisma.sql`(c."cpmCents", c.id) < (${cpmCents}, ${id})`;
    },
  },
  ending: {
    orderBy: Prisma.sql`c."endsAt" ASC, c.id ASC`,
    cursorOf: (row) => [row.endsAt?.toISOString() ?? '', row.id],
    after: (cursor) => {
      const [at, id] = decodeCursor(cursor, INSTANT_CURSOR);
      const endsAt = new Date(at);
      return Prisma.sql`(c."endsAt", c.id) > (${endsAt}, ${id})`;
    },
  },
};

// Compared as the enum, not as text, so the (status, …) indexes apply.
const statusIn = (statuses: readonly string[]) =>
  statuses.length === 0
    ? Prisma.sql`FALSE`
    : Prisma.sql`c.status IN (${Prisma.join(statuses.map((status) => Prisma.sql`${status}::"CampaignStatus"`))})`;

/** Whose campaigns a caller lists (campaignAudienceOf): clippers the open ones, brands their own, admins all. */
function visibleTo(user: UserActor, query: ListCampaignsQuery): Prisma.Sql[] {
  const filters: Prisma.Sql[] = [];
  const audience = campaignAudienceOf(user);
  if (audience.kind === 'none') return [Prisma.sql`FALSE`];
  if (audience.kind === 'clipper') {
    filters.push(statusIn(query.status ? OPEN_TO_CLIPPERS.filter((s) => s === query.status) : OPEN_TO_CLIPPERS));
  } else {
    // A brand naming another brand gets the intersection: nothing.
    if (audience.kind === 'brand') filters.push(Prisma.sql`c."brandId" = ${audience.brandId}`);
    if (query.status) filters.push(statusIn([query.status]));
  }
  if (query.brandId) filters.push(Prisma.sql`c."brandId" = ${query.brandId}`);
  return filters;
}

/** Browse campaigns: filters, a sort, and keyset pages that stay stable while campaigns are added. */
export async function listCampaigns(
  services: Pick<Services, 'db'>,
  actor: Actor,
  query: ListCampaignsQuery,
): Promise<Page<CampaignSummary>> {
  const user = requireUser(actor);
  const sort = SORTS[query.sort];
  const filters = visibleTo(user, query);
  if (query.platform) filters.push(Prisma.sql`${query.platform}::"SocialPlatform" = ANY (c."targetPlatforms")`);
  if (query.minCpmCents !== undefined) filters.push(Prisma.sql`c."cpmCents" >= ${query.minCpmCents}`);
  if (query.q) {
    // The text anywhere, case-insensitive; % and _ typed by the caller match themselves.
    const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    filters.push(Prisma.sql`(c.title ILIKE ${pattern} OR c.brief ILIKE ${pattern})`);
  }
  if (query.sort === 'ending') filters.push(Prisma.sql`c."endsAt" IS NOT NULL`);
  if (query.cursor) filters.push(sort.after(query.cursor));
  const where = filters.length > 0 ? Prisma.join(filters, ' AND ') : Prisma.sql`TRUE`;
  const rows = await readRows<SqlRow>(
    services.db,
    Prisma.sql`
      SELECT ${SUMMARY_COLUMNS}
      FROM "Campaign" c LEFT JOIN "BrandProfile" bp ON bp."userId" = c."brandId"
      WHERE ${where}
      ORDER BY ${sort.orderBy}
      LIMIT ${query.limit + 1}`,
  );
  return toPage(rows.map(toRow), query.limit, toCampaignSummary, sort.cursorOf);
}
