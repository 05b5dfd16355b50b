import { Prisma } from '@prisma/client';
import type { Db } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { centsToWire, toJsonInteger } from '../../shared/money.js';
import { type Actor, isAdmin, requireUser } from '../accounts/actor.js';
import { CAMPAIGN_STATUSES } from '../campaigns/schemas.js';
import type { Services } from '../context.js';
import { SUBMISSION_STATUSES } from '../submissions/schemas.js';
import type { Dashboard } from './schemas.js';

type Counts<K extends string> = Record<K, number>;
const zeroes = <K extends string>(keys: readonly K[]): Counts<K> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Counts<K>;

/** The latest verified count of each post link of approved submissions, summed per campaign (DESIGN §4). */
function verifiedViews(db: Db, scope: Prisma.Sql) {
  return db.$queryRaw<Array<{ groupId: string; views: bigint }>>`
    WITH latest AS (
      SELECT DISTINCT ON (vs."postLinkId") vs."viewCount", s."campaignId", s."clipperId"
      FROM "ViewSnapshot" vs
      JOIN "PostLink" pl ON pl.id = vs."postLinkId"
      JOIN "Submission" s ON s.id = pl."submissionId"
      JOIN "Campaign" c ON c.id = s."campaignId"
      WHERE vs.status = 'VERIFIED' AND s.status = 'APPROVED' AND ${scope}
      ORDER BY vs."postLinkId", vs."capturedAt" DESC, vs.id DESC
    )
    SELECT "campaignId" AS "groupId", COALESCE(SUM("viewCount"), 0)::bigint AS views FROM latest GROUP BY "campaignId"`;
}

async function brandDashboard(db: Db, brandId: string): Promise<Dashboard> {
  const [campaigns, submissions, paid, views] = await Promise.all([
    db.campaign.findMany({
      where: { brandId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true, title: true, status: true, totalBudgetCents: true, reservedBudgetCents: true },
    }),
    db.submission.groupBy({ by: ['campaignId', 'status'], where: { campaign: { brandId } }, _count: { _all: true } }),
    db.$queryRaw<Array<{ campaignId: string; cents: bigint }>>`
      SELECT s."campaignId", SUM(a."grossCents")::bigint AS cents
      FROM "Accrual" a JOIN "Submission" s ON s.id = a."submissionId" JOIN "Campaign" c ON c.id = s."campaignId"
      WHERE c."brandId" = ${brandId} AND a.state = 'PAID' GROUP BY s."campaignId"`,
    verifiedViews(db, Prisma.sql`c."brandId" = ${brandId}`),
  ]);
  const paidBy = new Map(paid.map((row) => [row.campaignId, centsToWire(row.cents)]));
  const viewsBy = new Map(views.map((row) => [row.groupId, toJsonInteger(row.views)]));
  const rows = campaigns.map((campaign) => {
    const counts = zeroes(SUBMISSION_STATUSES);
    for (const group of submissions) if (group.campaignId === campaign.id) counts[group.status] = group._count._all;
    return {
      id: campaign.id,
      title: campaign.title,
      status: campaign.status,
      totalBudgetCents: centsToWire(campaign.totalBudgetCents),
      committedCents: centsToWire(campaign.reservedBudgetCents),
      paidCents: paidBy.get(campaign.id) ?? 0,
      verifiedViews: viewsBy.get(campaign.id) ?? 0,
      submissions: counts,
    };
  });
  // Summed as BigInt and converted once, so a total past 2^53 is refused rather than rounded.
  const sum = (pick: (row: (typeof rows)[number]) => number) =>
    centsToWire(rows.reduce((total, row) => total + BigInt(pick(row)), 0n));
  const submissionTotals = zeroes(SUBMISSION_STATUSES);
  for (const group of submissions) submissionTotals[group.status] += group._count._all;
  return {
    role: 'BRAND',
    totals: {
      campaigns: rows.length,
      totalBudgetCents: sum((row) => row.totalBudgetCents),
      committedCents: sum((row) => row.committedCents),
      paidCents: sum((row) => row.paidCents),
      verifiedViews: sum((row) => row.verifiedViews),
      submissions: submissionTotals,
    },
    campaigns: rows,
  };
}

async function clipperDashboard(db: Db, clipperId: string): Promise<Dashboard> {
  const [earnings, views, submissions, applications] = await Promise.all([
    db.accrual.groupBy({ by: ['state'], where: { clipperId }, _sum: { netCents: true } }),
    verifiedViews(db, Prisma.sql`s."clipperId" = ${clipperId}`),
    db.submission.groupBy({ by: ['status'], where: { clipperId }, _count: { _all: true } }),
    db.application.groupBy({ by: ['status'], where: { clipperId }, _count: { _all: true } }),
  ]);
  const net = (state: string) => centsToWire(earnings.find((row) => row.state === state)?._sum.netCents);
  const submissionCounts = zeroes(SUBMISSION_STATUSES);
  for (const group of submissions) submissionCounts[group.status] = group._count._all;
  const applicationCounts = zeroes(['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const);
  for (const group of applications) applicationCounts[group.status] = group._count._all;
  return {
    role: 'CLIPPER',
    earnings: {
      pendingCents: net('PENDING'),
      availableCents: net('AVAILABLE'),
      inPayoutCents: net('IN_PAYOUT'),
      paidCents: net('PAID'),
    },
    verifiedViews: toJsonInteger(views.reduce((total, row) => total + BigInt(row.views), 0n)),
    submissions: submissionCounts,
    applications: applicationCounts,
  };
}

async function adminDashboard(db: Db): Promise<Dashboard> {
  const [campaigns, submissions] = await Promise.all([
    db.campaign.groupBy({ by: ['status'], _count: { _all: true } }),
    db.submission.groupBy({ by: ['status'], _count: { _all: true } }),
  ]);
  const campaignCounts = zeroes(CAMPAIGN_STATUSES);
  for (const group of campaigns) campaignCounts[group.status] = group._count._all;
  const submissionCounts = zeroes(SUBMISSION_STATUSES);
  for (const group of submissions) submissionCounts[group.status] = group._count._all;
  return { role: 'ADMIN', campaigns: campaignCounts, submissions: submissionCounts };
}

/** The caller's figures: a brand's spend and campaigns, a clipper's earnings, the platform's counts for admins. */
export async function getDashboard(services: Pick<Services, 'db'>, actor: Actor): Promise<Dashboard> {
  const user = requireUser(actor);
  if (user.role === 'BRAND') return brandDashboard(services.db, user.userId);
  if (user.role === 'CLIPPER') return clipperDashboard(services.db, user.userId);
  // The platform's figures need admin powers, not just an admin account (a read-only token has none).
  if (!isAdmin(user)) throw new AppError('FORBIDDEN', 'You are not allowed to do this.');
  return adminDashboard(services.db);
}
